import StegCarveBytes
import StegCarveModel

/// Decodes long runs of hexadecimal digits (either case, optionally wrapped over lines).
package struct HexTextTransform: StreamTransform {
    /// Runs shorter than this are not tried (a 64-byte header is 128 digits).
    package static let minimumRunLength = 128

    package init() {}

    package var type: String { "hex" }

    package var documentation: String { "hexadecimal text, two digits per byte" }

    /// - Complexity: O(n); each run is decoded in place, within the budget, never copied.
    package func candidates(in bytes: Span<UInt8>, range: Range<Int>, depth: Int, budget: inout Int) -> [TransformCandidate] {
        var result: [TransformCandidate] = []
        var remaining = budget
        TextRuns.forEach(in: bytes, range: range, minimumLength: Self.minimumRunLength, where: { Self.nibble($0) != nil || $0 == 0x0A || $0 == 0x0D }) { run in
            guard run.count / 2 <= remaining else {
                remaining = 0
                return
            }
            // Decoded straight from the input (no copy of the run): digit pairs, line breaks skipped.
            var decoded: [UInt8] = []
            decoded.reserveCapacity(run.count / 2)
            var digits = 0
            var high: UInt8 = 0
            for index in run {
                guard let value = Self.nibble(bytes[index]) else { continue }
                if digits % 2 == 0 { high = value } else { decoded.append(high << 4 | value) }
                digits += 1
            }
            guard digits >= Self.minimumRunLength else { return }
            remaining -= decoded.count
            result.append(TransformCandidate(range: run, via: "hex", decoded: decoded))
        }
        budget = max(0, remaining)
        return result
    }

    private static func nibble(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte - 0x30
        case 0x41...0x46: return byte - 0x41 + 10
        case 0x61...0x66: return byte - 0x61 + 10
        default: return nil
        }
    }
}
