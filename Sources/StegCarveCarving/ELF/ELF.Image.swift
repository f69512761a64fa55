import StegCarveBytes

extension ELF {
    /// An ELF file's header and tables, and the exact extent they declare.
    ///
    /// The extent is the furthest of: the ELF header, the program header table, the section
    /// header table, every segment's file bytes and every section's file bytes. Tables that
    /// lie past the available bytes make the image truncated, not invalid.
    package struct Image: Sendable, Equatable {
        /// The validated file header.
        package var header: Header
        /// Program headers that lie inside the available bytes.
        package var programHeaders: [ProgramHeader]
        /// Section headers that lie inside the available bytes.
        package var sectionHeaders: [SectionHeader]
        /// Bytes the headers and tables declare, counted from the ELF's first byte.
        package var declaredLength: Int
        /// Both tables were read completely.
        package var tablesComplete: Bool

        /// Most entries read from either table; real files have far fewer, hostile ones more.
        package static let maximumTableEntries = 65_536

        /// Parses the ELF at the start of `bytes`.
        /// - Throws: ``ELF/ParseError`` when the header or the declared extent is invalid.
        package init(parsing bytes: Span<UInt8>) throws(ParseError) {
            header = try Header(parsing: bytes)
            var end = UInt64(header.fileClass.headerSize)
            var complete = true

            let programTable = header.programHeaderTable
            let sectionTable = header.sectionHeaderTable
            for table in [programTable, sectionTable] where !table.isEmpty {
                guard table.upperBound <= ELF.maximumExtent else { throw .implausibleExtent(table.upperBound) }
                end = max(end, table.upperBound)
            }

            programHeaders = []
            for index in 0..<min(header.programHeaderCount, Self.maximumTableEntries) {
                let offset = Int(programTable.lowerBound) + index * header.fileClass.programHeaderSize
                guard let entry = ProgramHeader(in: bytes, at: offset, header: header) else {
                    complete = false
                    break
                }
                guard let segmentEnd = entry.fileEnd, segmentEnd <= ELF.maximumExtent else {
                    throw .implausibleExtent(entry.offset)
                }
                if entry.fileSize > 0 { end = max(end, segmentEnd) }
                programHeaders.append(entry)
            }
            sectionHeaders = []
            for index in 0..<min(header.sectionHeaderCount, Self.maximumTableEntries) {
                let offset = Int(sectionTable.lowerBound) + index * header.fileClass.sectionHeaderSize
                guard let entry = SectionHeader(in: bytes, at: offset, header: header) else {
                    complete = false
                    break
                }
                if entry.occupiesFile {
                    guard let sectionEnd = entry.fileEnd, sectionEnd <= ELF.maximumExtent else {
                        throw .implausibleExtent(entry.offset)
                    }
                    end = max(end, sectionEnd)
                }
                sectionHeaders.append(entry)
            }
            if header.programHeaderCount > Self.maximumTableEntries || header.sectionHeaderCount > Self.maximumTableEntries {
                complete = false
            }
            // A real section table starts with the all-zero SHN_UNDEF entry.
            if let first = sectionHeaders.first, first.type != SectionHeader.null {
                throw .invalidTableOffset(table: "section", offset: header.sectionHeaderOffset)
            }
            declaredLength = Int(end)
            tablesComplete = complete
        }

        /// The bytes of section `index`, if they lie inside `bytes`.
        package func sectionData(_ index: Int, in bytes: Span<UInt8>) -> Range<Int>? {
            guard sectionHeaders.indices.contains(index) else { return nil }
            return fileRange(offset: sectionHeaders[index].offset, size: sectionHeaders[index].size, in: bytes)
        }

        /// `offset..<offset+size` if it lies inside `bytes`.
        package func fileRange(offset: UInt64, size: UInt64, in bytes: Span<UInt8>) -> Range<Int>? {
            guard let start = Int(exactly: offset), let length = Int(exactly: size),
                  bytes.contains(offset: start, length: length) else { return nil }
            return start..<(start + length)
        }

        /// The name of section `index` from the section name string table.
        package func sectionName(_ index: Int, in bytes: Span<UInt8>) -> String? {
            guard sectionHeaders.indices.contains(index),
                  let names = sectionData(header.sectionNameTableIndex, in: bytes) else { return nil }
            let offset = Int(sectionHeaders[index].nameOffset)
            guard offset < names.count else { return nil }
            return bytes.extracting(names).cString(at: offset, maximumLength: 256)
        }
    }
}
