import StegCarveBytes

extension JPEG {
    /// One picture declared by an MP Index IFD (CIPA DC-007 5.2.3.3, tag 0xB002 MPEntry).
    package struct MultiPictureEntry: Sendable, Equatable {
        /// Individual image attribute flags and type code.
        package var attribute: UInt32
        /// Declared size in bytes.
        package var size: Int
        /// Absolute file offset of the picture's SOI (the first entry's is 0 in the file,
        /// which means "this picture").
        package var offset: Int
    }

    /// What an APP2 `MPF\0` segment holds (CIPA DC-007 5.2).
    package enum MultiPictureSegment: Sendable, Equatable {
        /// An MP Index IFD with its MP entries: the first individual image's segment.
        case index([MultiPictureEntry])
        /// A readable IFD without MP entries: the MP Attribute IFD that every other
        /// individual image carries (DC-007 5.2.3.4 puts the index in the first image only).
        case attributesOnly
    }

    /// Most pictures an MP index may declare (DC-007 leaves it open; real files hold 2–9).
    static let maximumMultiPictureEntries = 4096

    /// Reads the IFD in an APP2 `MPF\0` segment: a TIFF header in either byte order, the
    /// first IFD, and when it holds NumberOfImages (0xB001) and MPEntry (0xB002), the
    /// 16-byte entries (attribute, size, offset, two dependent-image numbers).
    ///
    /// - Parameters:
    ///   - bytes: the whole file.
    ///   - tiffHeader: offset of the MP header (the byte after `MPF\0`); entry offsets count
    ///     from here.
    ///   - end: end of the APP2 segment; the IFD and the entries must lie inside it.
    /// - Returns: the index or the fact that the segment holds attributes only; `nil` when
    ///   the segment holds no readable IFD (no TIFF header, an IFD or entry table outside
    ///   the segment, a NumberOfImages of 0 or beyond 4096).
    /// - Complexity: O(IFD fields + entries), both bounded by the segment's 64 KiB.
    package static func multiPictureSegment(in bytes: Span<UInt8>, tiffHeader: Int, end: Int) -> MultiPictureSegment? {
        let order: ByteOrder
        if bytes.matches([0x49, 0x49, 0x2A, 0x00], at: tiffHeader) {
            order = .little
        } else if bytes.matches([0x4D, 0x4D, 0x00, 0x2A], at: tiffHeader) {
            order = .big
        } else {
            return nil
        }
        guard let ifdOffset = bytes.uint32(at: tiffHeader + 4, order),
              let ifd = tiffHeader.adding(Int(ifdOffset)), ifd < end,
              let fieldCount = bytes.uint16(at: ifd, order) else { return nil }
        var declaredCount: Int?
        var entryTable: (offset: Int, bytes: Int)?
        for index in 0..<Int(fieldCount) {
            let field = ifd + 2 + index * 12
            guard end - field >= 12, let tag = bytes.uint16(at: field, order),
                  let valueCount = bytes.uint32(at: field + 4, order),
                  let value = bytes.uint32(at: field + 8, order) else { return nil }
            switch tag {
            case 0xB001: declaredCount = Int(value)
            case 0xB002:
                // MPEntry: UNDEFINED × (16 × NumberOfImages), stored at `value` from the MP header.
                guard let offset = tiffHeader.adding(Int(value)) else { return nil }
                entryTable = (offset, Int(valueCount))
            default: continue
            }
        }
        guard let entryTable else { return .attributesOnly }
        // NumberOfImages is mandatory next to MPEntry; the table's byte count says the same.
        let count = declaredCount ?? entryTable.bytes / 16
        guard count > 0, count <= maximumMultiPictureEntries else { return nil }
        var entries: [MultiPictureEntry] = []
        for index in 0..<count {
            let entry = entryTable.offset + index * 16
            guard entry >= tiffHeader, end - entry >= 16,
                  let attribute = bytes.uint32(at: entry, order),
                  let size = bytes.uint32(at: entry + 4, order),
                  let offset = bytes.uint32(at: entry + 8, order) else { return nil }
            let absolute = offset == 0 ? 0 : tiffHeader.adding(Int(offset)) ?? Int.max
            entries.append(MultiPictureEntry(attribute: attribute, size: Int(size), offset: absolute))
        }
        return .index(entries)
    }
}
