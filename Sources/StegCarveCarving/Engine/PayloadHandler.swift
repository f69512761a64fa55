import StegCarveBytes
import StegCarveModel

/// A magic number that marks a payload, and where it sits inside the payload's header.
package struct PayloadSignature: Sendable, Equatable {
    /// The bytes to search for.
    package var magic: [UInt8]
    /// Offset of `magic` from the first byte of the payload (0 when the payload starts with it).
    package var offsetInHeader: Int

    package init(magic: [UInt8], offsetInHeader: Int = 0) {
        self.magic = magic
        self.offsetInHeader = offsetInHeader
    }
}

/// How strongly a handler confirmed the bytes as its format.
package enum CarveConfidence: String, Sendable, Equatable {
    /// Header and every table it declares validated, all inside the stream.
    case high
    /// Header validated; some declared bytes lie past the end of the stream.
    case medium
    /// Signature and loose checks only.
    case low
}

/// The exact bytes a handler claims, relative to the span it was given.
package struct CarvedExtent: Sendable, Equatable {
    /// Half-open range `[start, end)` the payload owns within the available bytes.
    package var range: Range<Int>
    /// Length the payload's own headers declare; larger than `range.count` when truncated.
    package var declaredLength: Int
    /// How sure the handler is.
    package var confidence: CarveConfidence
    /// A limit that cut the handler's walk short: the range is what it knows, not the
    /// whole payload.
    package var limit: LimitHit?

    package init(range: Range<Int>, declaredLength: Int, confidence: CarveConfidence, limit: LimitHit? = nil) {
        self.range = range
        self.declaredLength = declaredLength
        self.confidence = confidence
        self.limit = limit
    }

    /// The stream ends before the payload's declared end.
    package var isTruncated: Bool { declaredLength > range.count }
}

/// Recognises one payload format and computes its exact extent from its own headers.
///
/// Handlers are registered in ``PayloadRegistry``. Each validates enough of the header that
/// stray magic bytes are not reported, and never claims bytes "to the end of the file": the
/// extent comes from what the format declares, cut at the end of the available bytes.
package protocol PayloadHandler: Sendable {
    /// Lowercase type name used in reports and artifact file names, e.g. `elf`.
    var type: String { get }
    /// Magic numbers that start a candidate.
    var signatures: [PayloadSignature] { get }
    /// What the handler covers, its specification and its limitations.
    var documentation: String { get }
    /// Which regions the handler searches (default ``PayloadScope/everywhere``).
    var scope: PayloadScope { get }
    /// The extent of a payload that starts at `start` in `bytes`, or `nil` if the bytes there
    /// are not a valid payload of this type.
    func carve(_ bytes: Span<UInt8>, at start: Int) -> CarvedExtent?
    /// As ``carve(_:at:)``, charging the work to `context.meter` and stopping when it stops;
    /// a handler whose work grows with the input (walks, decoding) implements this one, and
    /// may remember in `context` what it learnt so later candidates are decided without
    /// repeating the work (see ``CarveContext``).
    func carve(_ bytes: Span<UInt8>, at start: Int, context: CarveContext) -> CarvedExtent?
}

extension PayloadHandler {
    /// Header checks only: one unit of work, then ``carve(_:at:)``.
    package func carve(_ bytes: Span<UInt8>, at start: Int, context: CarveContext) -> CarvedExtent? {
        context.meter.charge(1)
        return carve(bytes, at: start)
    }
}
