import StegCarveBytes

extension JPEG {
    /// The AXS File Concatenation Protocol trailer: a header (`AXS!` big-endian or `AXS*`
    /// little-endian, 2-byte version, 16-bit entry count, 4-byte checksum), a directory of
    /// 12-byte entries (tag, size, absolute file offset of the value), the values, and a
    /// 12-byte end record at the very end of the file (the same signature, the header's
    /// absolute offset, a checksum).
    ///
    /// Verified: the end record points back at a header with the same signature after the
    /// picture; the directory and every value lie inside the trailer, values do not overlap
    /// and, with the directory, fill it; `IPTC` values are IPTC data sets; `Nail` and `PrVw`
    /// values hold a JPEG after their 10-byte header.
    ///
    /// Specification: AXS "AFCP" specification, as ExifTool's `Image::ExifTool::AFCP`
    /// (ProcessAFCP) reads it.
    enum AFCPTrailer {
        /// Most directory entries accepted.
        static let maximumEntries = 1024

        static func match(in bytes: Span<UInt8>, end: Int, floor: Int) -> EndTrailers.Match {
            guard end - floor >= 24 else { return .none }
            let record = end - 12
            let order: ByteOrder
            if bytes.matches(Array("AXS!".utf8), at: record) {
                order = .big
            } else if bytes.matches(Array("AXS*".utf8), at: record) {
                order = .little
            } else {
                return .none
            }
            let signature = bytes.bytes(in: record..<(record + 4))
            func invalid(_ offset: Int, _ message: String) -> EndTrailers.Match {
                .invalid(offset: offset, message: "AFCP trailer: " + message)
            }
            guard let declaredStart = bytes.uint32(at: record + 4, order), Int(declaredStart) >= floor,
                  Int(declaredStart) <= record - 12 else {
                return invalid(record, "the end record's header offset points outside the bytes after the picture")
            }
            let start = Int(declaredStart)
            guard bytes.matches(signature, at: start), let entries = bytes.uint16(at: start + 6, order) else {
                return invalid(start, "no AFCP header at offset \(start), where the end record points")
            }
            let directoryEnd = start + 12 + 12 * Int(entries)
            guard entries > 0, Int(entries) <= maximumEntries, directoryEnd <= record else {
                return invalid(start, "the header declares \(entries) directory entries, which do not fit before the end record")
            }
            var values: [(name: String, range: Range<Int>)] = []
            for index in 0..<Int(entries) {
                let entry = start + 12 + 12 * index
                let tag = bytes.bytes(in: entry..<(entry + 4))
                guard tag.allSatisfy({ (0x20...0x7E).contains($0) }),
                      let size = bytes.uint32(at: entry + 4, order), let offset = bytes.uint32(at: entry + 8, order),
                      Int(offset) >= directoryEnd, Int(size) <= record - Int(offset) else {
                    return invalid(entry, "directory entry \(index + 1) is not a tag with a value inside the trailer")
                }
                values.append((String(decoding: tag, as: UTF8.self), Int(offset)..<(Int(offset) + Int(size))))
            }
            // The values, sorted, must follow the directory without overlap or unclaimed bytes
            // (checked first, so the content checks below read every byte once).
            var covered = directoryEnd
            for value in values.map(\.range).sorted(by: { $0.lowerBound < $1.lowerBound }) {
                guard value.lowerBound == covered else {
                    return invalid(min(value.lowerBound, covered), value.lowerBound < covered
                        ? "values overlap at offset \(value.lowerBound)"
                        : "\(value.lowerBound - covered) bytes at offset \(covered) belong to no entry")
                }
                covered = value.upperBound
            }
            guard covered == record else {
                return invalid(covered, "\(record - covered) bytes before the end record belong to no entry")
            }
            for (name, value) in values {
                switch name {
                case "IPTC":
                    guard IPTC.Records.count(in: bytes, range: value, allowingZeroPadding: true) != nil else {
                        return invalid(value.lowerBound, "the IPTC entry's \(value.count) bytes are not IPTC data sets")
                    }
                case "Nail", "PrVw":
                    // A 10-byte header, then a variable padding before the JPEG (ExifTool
                    // looks for its SOI).
                    guard value.count > 13, let soi = bytes.firstIndex(of: 0xFF, from: value.lowerBound + 10, to: min(value.upperBound, value.lowerBound + 266)),
                          bytes.matches([0xFF, 0xD8, 0xFF], at: soi), soi + 3 <= value.upperBound else {
                        return invalid(value.lowerBound, "the \(name) entry holds no JPEG")
                    }
                default:
                    break
                }
            }
            return .valid(start..<end)
        }
    }
}
