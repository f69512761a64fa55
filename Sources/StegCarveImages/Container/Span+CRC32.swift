import StegCarveBytes

import CStegCarveCRC

extension Span where Element == UInt8 {
    /// CRC-32 (ISO 3309, as PNG uses it) of the bytes in `range`: zlib's `crc32_z`, folded
    /// with carry-less multiplication where the CPU has it (`CStegCarveCRC`; 4× zlib's
    /// table-driven speed on this machine).
    package func crc32(in range: Range<Int>) -> UInt32 {
        let range = range.clamped(to: 0..<count)
        return unsafe withUnsafeBufferPointer { buffer -> UInt32 in
            guard let base = buffer.baseAddress, !range.isEmpty else { return 0 }
            return unsafe sc_crc32(0, base + range.lowerBound, range.count)
        }
    }
}
