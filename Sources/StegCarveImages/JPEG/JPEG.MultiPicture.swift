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

    /// Parses the MP Index IFD in an APP2 `MPF\0` segment.
    ///
    /// - Parameters:
    ///   - bytes: the whole file.
    ///   - tiffHeader: offset of the MP header (the byte after `MPF\0`); entry offsets count
    ///     from here.
    ///   - end: end of the APP2 segment; the IFD must lie inside it.
    /// - Returns: the entries, or `nil` when the segment does not hold a readable index.
    package static func multiPictureEntries(in bytes: Span<UInt8>, tiffHeader: Int, end: Int) -> [MultiPictureEntry]? {
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
              let entryCount = bytes.uint16(at: ifd, order) else { return nil }
        var count: Int?
        var entriesOffset: Int?
        for index in 0..<Int(entryCount) {
            let field = ifd + 2 + index * 12
            guard field + 12 <= end, let tag = bytes.uint16(at: field, order),
                  let valueCount = bytes.uint32(at: field + 4, order),
                  let value = bytes.uint32(at: field + 8, order) else { return nil }
            switch tag {
            case 0xB001: count = Int(value)
            case 0xB002:
                // MPEntry: UNDEFINED × (16 × NumberOfImages), stored at `value` from the MP header.
                guard valueCount % 16 == 0 else { return nil }
                entriesOffset = tiffHeader.adding(Int(value))
            default: continue
            }
        }
        guard let count, let entriesOffset, count > 0, count <= 4096 else { return nil }
        var entries: [MultiPictureEntry] = []
        for index in 0..<count {
            let entry = entriesOffset + index * 16
            guard entry + 16 <= end,
                  let attribute = bytes.uint32(at: entry, order),
                  let size = bytes.uint32(at: entry + 4, order),
                  let offset = bytes.uint32(at: entry + 8, order) else { return nil }
            let absolute = offset == 0 ? 0 : tiffHeader.adding(Int(offset)) ?? Int.max
            entries.append(MultiPictureEntry(attribute: attribute, size: Int(size), offset: absolute))
        }
        return entries
    }
}
