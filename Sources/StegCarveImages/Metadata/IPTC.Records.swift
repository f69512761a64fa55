import StegCarveBytes

/// Namespace for IPTC-IIM data (IPTC Information Interchange Model 4.2), which JPEG
/// trailers (AFCP, FotoStation, Photo Mechanic) and Photoshop resources carry.
package enum IPTC {}

extension IPTC {
    /// Checks that bytes are a sequence of IIM data sets.
    ///
    /// Each data set is the tag marker `0x1C`, a record number (1–9 from IIM, or 240, the
    /// record FotoWare's FotoStation keeps its own fields in), a data set number and a 16-bit
    /// big-endian length; when the length's top bit is set, its low 15 bits count the length
    /// bytes that follow (extended data set, at most 4 here). IIM 4.2 section 1.5.
    package enum Records {
        /// Most data sets checked (a trailer of real metadata holds a few dozen).
        static let maximumDataSets = 65_536

        /// The number of data sets in `range` when they tile it exactly (with
        /// `allowingZeroPadding`, zero bytes may follow the last one); `nil` otherwise.
        package static func count(in bytes: Span<UInt8>, range: Range<Int>, allowingZeroPadding: Bool = false) -> Int? {
            var position = range.lowerBound
            var count = 0
            while position < range.upperBound {
                if allowingZeroPadding, count > 0, bytes[position] == 0 {
                    // Padding: every remaining byte must be zero.
                    var index = position
                    while index < range.upperBound, bytes[index] == 0 { index += 1 }
                    return index == range.upperBound ? count : nil
                }
                guard count < maximumDataSets, range.upperBound - position >= 5, bytes[position] == 0x1C,
                      isRecordNumber(bytes[position + 1]),
                      let declared = bytes.uint16(at: position + 3, .big) else { return nil }
                var dataStart = position + 5
                var length = Int(declared)
                if declared & 0x8000 != 0 {
                    let lengthBytes = Int(declared & 0x7FFF)
                    guard (1...4).contains(lengthBytes), range.upperBound - dataStart >= lengthBytes else { return nil }
                    length = 0
                    for index in dataStart..<(dataStart + lengthBytes) { length = length << 8 | Int(bytes[index]) }
                    dataStart += lengthBytes
                }
                guard length <= range.upperBound - dataStart else { return nil }
                position = dataStart + length
                count += 1
            }
            return count > 0 ? count : nil
        }

        /// IIM records 1–9, and record 240 (FotoStation's, as ExifTool's IPTC tables name it).
        static func isRecordNumber(_ record: UInt8) -> Bool {
            (1...9).contains(record) || record == 240
        }
    }
}
