import StegCarveBytes

extension PE {
    /// A PE image's headers and section table, and the exact extent they declare.
    ///
    /// The extent is the furthest of: `SizeOfHeaders`, the end of the section table, every
    /// section's raw data (`PointerToRawData + SizeOfRawData`), the COFF symbol and string
    /// tables when present (MinGW keeps them in unstripped images), and the certificate table
    /// (data directory 4, whose "address" is a file offset; Authenticode signatures sit after
    /// the sections). Bytes after that, a PE "overlay", are not claimed: they belong to no
    /// header, and installers and droppers append whatever they like there.
    package struct Image: Sendable, Equatable {
        /// The validated COFF and optional headers.
        package var headers: Headers
        /// The section table.
        package var sections: [SectionHeader]
        /// File range of the certificate table, if the image declares one.
        package var certificateTable: Range<UInt64>?
        /// Bytes the headers declare, counted from the `MZ`.
        package var declaredLength: Int

        /// Parses the PE at the start of `bytes`.
        /// - Throws: ``PE/ParseError`` when a header field or a declared extent lies.
        package init(parsing bytes: Span<UInt8>) throws(ParseError) {
            headers = try Headers(parsing: bytes)
            var end = max(UInt64(headers.sizeOfHeaders), UInt64(headers.sectionTableEnd))
            sections = []
            for index in 0..<headers.sectionCount {
                // The whole table is inside `bytes`: Headers checked it.
                guard let section = SectionHeader(in: bytes, at: headers.sectionTableOffset + 40 * index) else {
                    throw .truncatedHeader(available: bytes.count, needed: headers.sectionTableEnd)
                }
                if let raw = section.rawRange {
                    guard raw.upperBound <= PE.maximumExtent else { throw .implausibleExtent(raw.upperBound) }
                    end = max(end, raw.upperBound)
                }
                sections.append(section)
            }

            // COFF symbol table (18-byte records) followed by the string table, whose first
            // 4 bytes give its size including themselves (PE Format, "COFF String Table").
            if headers.symbolTableOffset != 0, headers.symbolCount > 0 {
                let symbolsEnd = UInt64(headers.symbolTableOffset) + 18 * UInt64(headers.symbolCount)
                guard symbolsEnd <= PE.maximumExtent else { throw .implausibleExtent(symbolsEnd) }
                var tableEnd = symbolsEnd + 4
                if let declared = Int(exactly: symbolsEnd).flatMap({ bytes.uint32(at: $0, .little) }), declared > 4 {
                    tableEnd = symbolsEnd + UInt64(declared)
                }
                guard tableEnd <= PE.maximumExtent else { throw .implausibleExtent(tableEnd) }
                end = max(end, tableEnd)
            }

            // Certificate table: a file offset and size, WIN_CERTIFICATE entries (dwLength,
            // wRevision 0x0100/0x0200, wCertificateType) aligned to 8 bytes.
            certificateTable = nil
            if let directory = headers.directory(4), directory.size > 0 {
                let start = UInt64(directory.address)
                let tableEnd = start + UInt64(directory.size)
                let invalid = ParseError.invalidCertificateTable(offset: directory.address, size: directory.size)
                guard start >= UInt64(headers.sizeOfHeaders), directory.size >= 8, tableEnd <= PE.maximumExtent else { throw invalid }
                if let offset = Int(exactly: start), let length = bytes.uint32(at: offset, .little),
                   let revision = bytes.uint16(at: offset + 4, .little) {
                    guard length >= 8, length <= directory.size, revision == 0x0100 || revision == 0x0200 else { throw invalid }
                }
                certificateTable = start..<tableEnd
                end = max(end, tableEnd)
            }
            declaredLength = Int(end)
        }

        /// Whether the CLR runtime header (data directory 14) is present: a .NET assembly.
        package var isDotNet: Bool {
            guard let clr = headers.directory(14) else { return false }
            return clr.address != 0 && clr.size != 0
        }
    }
}
