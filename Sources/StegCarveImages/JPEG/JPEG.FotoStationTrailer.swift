import StegCarveBytes

extension JPEG {
    /// The FotoWare FotoStation trailer: records appended back to back, each its data, then
    /// a 10-byte footer (16-bit tag, 32-bit size counting data and footer, signature
    /// `A1 B2 C3 D4`, all big-endian); read from the end of the file backwards.
    ///
    /// Verified, per record: the size stays after the picture; tag 1 is IPTC data sets (zero
    /// padding may follow them), tag 2 (soft edits) is 32-bit values with the validity word
    /// `0x11222211` in the sixth, tags 3 and 4 (thumbnail, preview) are JPEGs. A record of a
    /// known tag may be empty (ExifTool writes an empty record when it deletes the value).
    /// Any other tag does not verify.
    ///
    /// Specification: as ExifTool's `Image::ExifTool::FotoStation` (ProcessFotoStation)
    /// reads it.
    enum FotoStationTrailer {
        static let signature: UInt32 = 0xA1B2_C3D4
        /// Most records stepped over.
        static let maximumRecords = 1024

        static func match(in bytes: Span<UInt8>, end: Int, floor: Int) -> EndTrailers.Match {
            var start = end
            var records = 0
            while start - floor >= 10, records < maximumRecords, bytes.uint32(at: start - 4, .big) == signature {
                let footer = start - 10
                guard let tag = bytes.uint16(at: footer, .big), let size = bytes.uint32(at: footer + 2, .big),
                      size >= 10, Int(size) <= start - floor else {
                    return .invalid(offset: footer, message: "FotoStation record declares more bytes than follow the picture")
                }
                let data = (start - Int(size))..<footer
                if let problem = problem(tag: tag, data: data, in: bytes) {
                    return .invalid(offset: data.lowerBound, message: "FotoStation record \(tag): " + problem)
                }
                start = data.lowerBound
                records += 1
            }
            return records == 0 ? .none : .valid(start..<end)
        }

        /// Why a record's data is not what its tag says, or `nil`.
        static func problem(tag: UInt16, data: Range<Int>, in bytes: Span<UInt8>) -> String? {
            if data.isEmpty, (1...4).contains(tag) { return nil }
            switch tag {
            case 1:
                return IPTC.Records.count(in: bytes, range: data, allowingZeroPadding: true) == nil ? "\(data.count) bytes that are not IPTC data sets" : nil
            case 2:
                guard data.count >= 24, data.count % 4 == 0, bytes.uint32(at: data.lowerBound + 20, .big) == 0x1122_2211 else {
                    return "soft edits without the validity word 0x11222211"
                }
                return nil
            case 3, 4:
                return bytes.matches([0xFF, 0xD8, 0xFF], at: data.lowerBound) && data.count > 3 ? nil : "a \(tag == 3 ? "thumbnail" : "preview") that is not a JPEG"
            default:
                return "unknown record tag"
            }
        }
    }
}
