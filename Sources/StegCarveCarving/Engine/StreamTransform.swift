import StegCarveBytes
import StegCarveModel

/// Bytes that decode (or decrypt) into another stream worth scanning: a base64 or hex text
/// run, a repeating-key XOR'd executable, a byte-reversed payload.
package struct TransformCandidate: Sendable, Equatable {
    /// The encoded bytes in the stream that was searched.
    package var range: Range<Int>
    /// How the decoded stream was reached, e.g. `base64`, `base64-reversed`, `hex`, `xor:5a`.
    package var via: String
    /// The decoded bytes.
    package var decoded: [UInt8]
    /// What the transform learnt (key, alphabet, marker).
    package var metadata: [String: MetadataValue]

    package init(range: Range<Int>, via: String, decoded: [UInt8], metadata: [String: MetadataValue] = [:]) {
        self.range = range
        self.via = via
        self.decoded = decoded
        self.metadata = metadata
    }
}

/// Finds encoded or obfuscated streams in a byte range and decodes them.
///
/// A transform proposes candidates; the scanner scans each decoded stream with the whole
/// engine and reports the candidate (type ``type``, with the payloads inside as children)
/// only when something is found in it, so ordinary base64 or hex text costs nothing in the
/// report. Transforms registered in ``TransformRegistry``.
package protocol StreamTransform: Sendable {
    /// Lowercase type name of the wrapper finding, e.g. `base64`, `xor`.
    var type: String { get }
    /// What it recognises, and its limits.
    var documentation: String { get }
    /// Candidates inside `range` of `bytes`; `depth` is 0 for the scanned file and grows by
    /// one per decoding layer. `budget` is the number of decoded bytes still
    /// allowed for this file; a transform subtracts what it produces, and sets it to zero
    /// when it had to skip a candidate for lack of budget (the scanner reports the limit).
    func candidates(in bytes: Span<UInt8>, range: Range<Int>, depth: Int, budget: inout Int) -> [TransformCandidate]
    /// As ``candidates(in:range:depth:budget:)``, charging the work to `meter` and returning
    /// the candidates found so far when it stops. Transforms whose search can take long
    /// (seconds on a large range) implement it and check the meter as they go.
    func candidates(in bytes: Span<UInt8>, range: Range<Int>, depth: Int, budget: inout Int, meter: WorkMeter) -> [TransformCandidate]
}

extension StreamTransform {
    /// One linear pass: charged by the range's length once the search is done.
    package func candidates(in bytes: Span<UInt8>, range: Range<Int>, depth: Int, budget: inout Int, meter: WorkMeter) -> [TransformCandidate] {
        let found = candidates(in: bytes, range: range, depth: depth, budget: &budget)
        meter.charge(range.count)
        return found
    }
}

/// The transforms StegCarve runs, in order: the first transform whose candidate yields a
/// payload claims those bytes.
package enum TransformRegistry {
    package static let transforms: [any StreamTransform] = [
        HexTextTransform(),
        Base64TextTransform(),
        InBandKeyXORTransform(),
        RepeatingKeyXORTransform(),
        ReversedPayloadTransform(),
    ]
}
