import StegCarveImages
import Testing
import TestSupport

/// The PNG chunk CRC (zlib's, or the carry-less-multiply folding of `CStegCarveCRC`) against
/// a bit-at-a-time CRC-32 written from the definition.
@Suite("CRC-32")
struct CRC32Tests {
    /// Reflected CRC-32, polynomial 0xEDB88320, one bit at a time.
    static func reference(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    static func crc(_ bytes: [UInt8], _ range: Range<Int>) -> UInt32 {
        bytes.span.crc32(in: range)
    }

    @Test("the check value of \"123456789\" is CBF43926")
    func checkValue() {
        #expect(Self.crc(Array("123456789".utf8), 0..<9) == 0xCBF4_3926)
    }

    @Test("every length 0-1100 at several alignments, and long runs, match the bitwise CRC")
    func lengthsAndAlignments() {
        var generator = SeededGenerator(seed: 0xC3C3)
        let bytes = (0..<(1 << 16) + 7).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        for length in 0...1100 {
            for start in [0, 1, 7, 13] {
                let range = start..<(start + length)
                #expect(Self.crc(bytes, range) == Self.reference(bytes[range]), "\(range)")
            }
        }
        for length in [4096, 8192 + 12, 65_535, (1 << 16)] {
            #expect(Self.crc(bytes, 7..<(7 + length)) == Self.reference(bytes[7..<(7 + length)]))
        }
        let zeros = [UInt8](repeating: 0, count: 5000)
        let ones = [UInt8](repeating: 0xFF, count: 5000)
        #expect(Self.crc(zeros, 0..<5000) == Self.reference(zeros[...]))
        #expect(Self.crc(ones, 3..<4999) == Self.reference(ones[3..<4999]))
    }

    @Test("ranges are clamped to the bytes")
    func clamped() {
        let bytes: [UInt8] = Array(0..<200)
        #expect(Self.crc(bytes, 100..<500) == Self.reference(bytes[100..<200]))
        #expect(Self.crc(bytes, 300..<400) == 0)
    }
}
