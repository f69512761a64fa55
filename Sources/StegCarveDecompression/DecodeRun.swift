import StegCarveBytes

/// What running one system-library decoder over a byte range produced.
///
/// Decoders in this folder (``Zlib``, ``LZMA``, ``BZip2``, ``Zstd``) share this result so
/// handlers can find a stream's exact end (``consumed`` when ``ending`` is ``Ending/streamEnd``)
/// and keep a bounded prefix of its output.
package struct DecodeRun: Sendable, Equatable {
    /// Why decoding stopped.
    package enum Ending: Sendable, Equatable {
        /// The format's own end marker was reached and checked (trailer, footer, checksum):
        /// ``DecodeRun/consumed`` is the exact compressed length.
        case streamEnd
        /// The input ran out before the end marker, with no error so far.
        case inputExhausted
        /// More than the output limit would have been produced; decoding stopped there.
        case outputLimit
        /// The library rejected the data; the text is its reason.
        case corrupt(String)
        /// The scan's ``WorkMeter`` stopped decoding (deadline or cancellation).
        case interrupted
    }

    /// Why decoding stopped.
    package var ending: Ending
    /// Compressed bytes the decoder consumed from the start of the input.
    package var consumed: Int
    /// Bytes decoded in total (kept or discarded), at most the limit plus one buffer.
    package var produced: Int
    /// The first decoded bytes, at most the `keep` count the caller asked for.
    package var output: [UInt8]

    package init(ending: Ending, consumed: Int, produced: Int, output: [UInt8]) {
        self.ending = ending
        self.consumed = consumed
        self.produced = produced
        self.output = output
    }
}

/// How much of a decoder's output to keep and when to stop.
package struct DecodeBudget: Sendable, Equatable {
    /// Decoded bytes to keep (the rest is counted and discarded).
    package var keep: Int
    /// Decoding stops with ``DecodeRun/Ending/outputLimit`` once more than this many bytes
    /// were decoded; this bounds the work a decompression bomb can cause.
    package var limit: Int

    package init(keep: Int, limit: Int) {
        self.keep = max(0, keep)
        self.limit = max(0, limit)
    }

    /// Finding a stream's end while keeping nothing: decoding up to 256 MiB of output
    /// (about a quarter second of inflate) before giving up on locating the end.
    package static let locating = DecodeBudget(keep: 0, limit: 256 << 20)

    /// Finding a stream's end when the scan's deadline bounds the time: up to 4 GiB of
    /// output counted and discarded (a few seconds of decoding), so the end of a
    /// decompression bomb is found and what follows it is searched as usual.
    package static let locatingPastBombs = DecodeBudget(keep: 0, limit: 4 << 30)

    /// ``locatingPastBombs`` when `meter` stops at a deadline, else ``locating``.
    package static func locating(within meter: WorkMeter) -> DecodeBudget {
        meter.hasDeadline ? .locatingPastBombs : .locating
    }
}

/// Collects decoded bytes: counts all, keeps the first `budget.keep`, and charges the
/// bytes read and written to the scan's work meter.
struct DecodeSink {
    let budget: DecodeBudget
    let meter: WorkMeter?
    private(set) var produced = 0
    private(set) var output: [UInt8] = []
    private var consumedSoFar = 0

    init(budget: DecodeBudget, meter: WorkMeter?) {
        self.budget = budget
        self.meter = meter
    }

    /// Whether the output limit has been passed.
    var isOverLimit: Bool { produced > budget.limit }

    /// Whether the work meter stopped (the scan's deadline passed or it was cancelled).
    var isInterrupted: Bool { meter?.isStopped ?? false }

    /// Charges the compressed bytes read since the last call (`total` read so far).
    mutating func consumed(upTo total: Int) {
        meter?.charge(total - consumedSoFar)
        consumedSoFar = max(consumedSoFar, total)
    }

    /// Counts `chunk` and keeps what still fits in the budget.
    mutating func accept(_ chunk: Span<UInt8>) {
        produced += chunk.count
        meter?.charge(chunk.count)
        let room = budget.keep - output.count
        guard room > 0 else { return }
        let take = min(room, chunk.count)
        // Geometric growth: reserving only this chunk would copy the whole output per 64 KiB chunk.
        output.reserveCapacity(min(budget.keep, max(output.count + take, 2 * output.capacity)))
        for index in 0..<take { output.append(chunk[index]) }
    }

    func run(_ ending: DecodeRun.Ending, consumed: Int) -> DecodeRun {
        DecodeRun(ending: isOverLimit && ending != .streamEnd ? .outputLimit : ending, consumed: consumed, produced: produced, output: output)
    }
}

/// Size of the scratch buffer decoders write into; output beyond `keep` never grows memory.
let decodeScratchSize = 64 << 10
/// Largest input slice handed to a C decoder at once (their counters are 32-bit).
let decodeInputChunk = 1 << 30
