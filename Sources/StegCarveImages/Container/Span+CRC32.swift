import StegCarveBytes

import CZlib

extension Span where Element == UInt8 {
    /// CRC-32 (ISO 3309, as PNG uses it) of the bytes in `range`, through zlib.
    package func crc32(in range: Range<Int>) -> UInt32 {
        let range = range.clamped(to: 0..<count)
        return unsafe withUnsafeBufferPointer { buffer -> UInt32 in
            guard let base = buffer.baseAddress, !range.isEmpty else { return 0 }
            return UInt32(truncatingIfNeeded: unsafe crc32_z(0, base + range.lowerBound, range.count))
        }
    }
}
