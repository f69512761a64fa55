import StegCarveBytes
import StegCarveModel

/// A payload whose content unpacks into further byte streams that must be scanned too:
/// compressed streams (gzip, zlib, bzip2, xz, zstd) and archives (ZIP, tar, 7z, RAR).
///
/// The scanner calls ``expand(_:limits:)`` on every carved payload of such a type and scans
/// each returned stream with the same engine, nesting what it finds as children reached
/// `via` the stream's name.
package protocol ExpandingPayloadHandler: PayloadHandler {
    /// The streams inside `payload` (exactly the carved bytes), within `limits`.
    func expand(_ payload: Span<UInt8>, limits: ExpansionLimits) -> Expansion
}

/// Bounds on unpacking one payload, so decompression bombs stay cheap.
package struct ExpansionLimits: Sendable, Equatable {
    /// Most bytes produced from one payload, over all its streams.
    package var maxOutputBytes: Int
    /// Most output bytes per input byte (a bomb's tell).
    package var maxRatio: Int
    /// Most streams (archive members) returned.
    package var maxStreams: Int

    package init(maxOutputBytes: Int = 64 << 20, maxRatio: Int = 1_000, maxStreams: Int = 1_000) {
        self.maxOutputBytes = maxOutputBytes
        self.maxRatio = maxRatio
        self.maxStreams = maxStreams
    }

    /// The output budget for an input of `inputLength` bytes: the smaller of the absolute
    /// cap and the ratio cap.
    package func outputBudget(forInputLength inputLength: Int) -> Int {
        min(maxOutputBytes, inputLength.multiplying(max(1, maxRatio)) ?? maxOutputBytes)
    }
}

/// One unpacked stream.
package struct ExpandedStream: Sendable, Equatable {
    /// How it was reached, e.g. `gzip`, `zip:update.bin`, `xz`.
    package var via: String
    /// The unpacked bytes (possibly cut short by a limit; see ``Expansion/limitHits``).
    package var bytes: [UInt8]

    package init(via: String, bytes: [UInt8]) {
        self.via = via
        self.bytes = bytes
    }
}

/// What unpacking a payload produced.
package struct Expansion: Sendable, Equatable {
    /// The streams, in payload order.
    package var streams: [ExpandedStream]
    /// Limits hit while unpacking (output size, ratio, stream count), never silent.
    package var limitHits: [LimitHit]
    /// Problems that stopped unpacking part of the payload (corrupt data, unsupported method).
    package var errors: [String]

    package init(streams: [ExpandedStream] = [], limitHits: [LimitHit] = [], errors: [String] = []) {
        self.streams = streams
        self.limitHits = limitHits
        self.errors = errors
    }
}
