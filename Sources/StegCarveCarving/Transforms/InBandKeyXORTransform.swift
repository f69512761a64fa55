import StegCarveBytes
import StegCarveModel

/// Decrypts data that carries its own XOR key right after a marker, as the IDAT loaders
/// (HijackLoader) do: marker `C6 A5 79 EA`, then a 4-byte key, then the ciphertext.
package struct InBandKeyXORTransform: StreamTransform {
    /// Known markers and the length of the key that follows each.
    package static let markers: [(marker: [UInt8], keyLength: Int, name: String)] = [
        ([0xC6, 0xA5, 0x79, 0xEA], 4, "IDAT loader"),
    ]

    private let searcher = MultiPatternSearcher(patterns: markers.map(\.marker))

    package init() {}

    package var type: String { "xor" }

    package var documentation: String { "XOR with an in-band key after a known marker (IDAT loader: C6 A5 79 EA + 4-byte key)" }

    package func candidates(in bytes: Span<UInt8>, range: Range<Int>, depth: Int, budget: inout Int) -> [TransformCandidate] {
        var result: [TransformCandidate] = []
        var remaining = budget
        searcher.forEachMatch(in: bytes, range: range) { index, offset in
            let (marker, keyLength, name) = Self.markers[index]
            let keyStart = offset + marker.count
            let dataStart = keyStart + keyLength
            guard dataStart < range.upperBound, remaining > 0 else { return offset + 1 }
            let key = bytes.bytes(in: keyStart..<dataStart)
            guard key.contains(where: { $0 != 0 }) else { return offset + 1 }
            let count = min(range.upperBound - dataStart, remaining)
            var decoded = [UInt8](repeating: 0, count: count)
            for position in 0..<count { decoded[position] = bytes[dataStart + position] ^ key[position % keyLength] }
            remaining -= count
            let hex = HexEncoding.string(key)
            result.append(TransformCandidate(
                range: offset..<(dataStart + count), via: "xor:\(hex)", decoded: decoded,
                metadata: ["key": .string(hex), "keyLength": .integer(Int64(keyLength)), "marker": .string(name)]
            ))
            return dataStart + count
        }
        budget = max(0, remaining)
        return result
    }
}
