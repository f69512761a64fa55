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
    /// The offsets are absolute, so an editor that rewrote the picture in front of the
    /// trailer without updating them leaves them all off by the same amount. As ExifTool
    /// does, when the end record does not point at the header, the first header with the
    /// signature after the picture is taken and every offset is shifted by the difference;
    /// the directory must then verify as above.
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
            guard let declared = bytes.uint32(at: record + 4, order) else { return .none }
            let declaredStart = Int(declared)
            let start: Int
            if declaredStart >= floor, declaredStart <= record - 12, bytes.matches(signature, at: declaredStart) {
                start = declaredStart
            } else if let found = firstHeader(signature, in: bytes, from: floor, before: record - 11) {
                start = found
            } else {
                return invalid(record, "no AFCP header after the picture (the end record points at offset \(declaredStart))")
            }
            // Offsets written before the picture in front of the trailer changed size.
            let shift = start - declaredStart
            guard let entries = bytes.uint16(at: start + 6, order) else {
                return invalid(start, "the AFCP header at offset \(start) is cut short")
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
                      let size = bytes.uint32(at: entry + 4, order), let declaredOffset = bytes.uint32(at: entry + 8, order),
                      case let offset = Int(declaredOffset) + shift,
                      offset >= directoryEnd, Int(size) <= record - offset else {
                    return invalid(entry, "directory entry \(index + 1) is not a tag with a value inside the trailer")
                }
                values.append((String(decoding: tag, as: UTF8.self), offset..<(offset + Int(size))))
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

        /// Offset of the first `signature` in `start..<end`, or `nil`.
        /// - Complexity: O(end − start), with a vectorised search for its first byte.
        static func firstHeader(_ signature: [UInt8], in bytes: Span<UInt8>, from start: Int, before end: Int) -> Int? {
            guard let first = signature.first else { return nil }
            var position = start
            while let candidate = bytes.firstIndex(of: first, from: position, to: end) {
                if bytes.matches(signature, at: candidate) { return candidate }
                position = candidate + 1
            }
            return nil
        }
    }
}
