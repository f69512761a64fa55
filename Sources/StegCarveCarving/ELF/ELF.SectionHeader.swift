import StegCarveBytes

extension ELF {
    /// One section header (`Elf32_Shdr` / `Elf64_Shdr`).
    package struct SectionHeader: Sendable, Equatable {
        /// `sh_name`: offset of the name in the section name string table.
        package var nameOffset: UInt32
        /// `sh_type`.
        package var type: UInt32
        /// `sh_flags`.
        package var flags: UInt64
        /// `sh_addr`.
        package var address: UInt64
        /// `sh_offset`.
        package var offset: UInt64
        /// `sh_size`.
        package var size: UInt64
        /// `sh_link`.
        package var link: UInt32
        /// `sh_info`.
        package var info: UInt32

        package static let null: UInt32 = 0
        package static let symbolTable: UInt32 = 2
        package static let stringTable: UInt32 = 3
        package static let note: UInt32 = 7
        /// SHT_NOBITS: occupies no file bytes (`.bss`).
        package static let noBits: UInt32 = 8

        /// Reads the section header at `offset`; `nil` when it lies outside `bytes`.
        package init?(in bytes: Span<UInt8>, at offset: Int, header: Header) {
            let order = header.byteOrder
            guard bytes.contains(offset: offset, length: header.fileClass.sectionHeaderSize) else { return nil }
            guard let name = bytes.uint32(at: offset, order), let type = bytes.uint32(at: offset + 4, order) else { return nil }
            nameOffset = name
            self.type = type
            if header.fileClass == .elf64 {
                guard let flags = bytes.uint64(at: offset + 8, order), let address = bytes.uint64(at: offset + 16, order),
                      let fileOffset = bytes.uint64(at: offset + 24, order), let size = bytes.uint64(at: offset + 32, order),
                      let link = bytes.uint32(at: offset + 40, order), let info = bytes.uint32(at: offset + 44, order) else { return nil }
                (self.flags, self.address, self.offset, self.size, self.link, self.info) = (flags, address, fileOffset, size, link, info)
            } else {
                guard let flags = bytes.uint32(at: offset + 8, order), let address = bytes.uint32(at: offset + 12, order),
                      let fileOffset = bytes.uint32(at: offset + 16, order), let size = bytes.uint32(at: offset + 20, order),
                      let link = bytes.uint32(at: offset + 24, order), let info = bytes.uint32(at: offset + 28, order) else { return nil }
                (self.flags, self.address, self.offset, self.size) = (UInt64(flags), UInt64(address), UInt64(fileOffset), UInt64(size))
                (self.link, self.info) = (link, info)
            }
        }

        /// Whether the section occupies bytes in the file.
        package var occupiesFile: Bool { type != Self.noBits && type != Self.null }

        /// End of the section's bytes in the file, or `nil` on overflow.
        package var fileEnd: UInt64? {
            let (end, overflow) = offset.addingReportingOverflow(size)
            return overflow ? nil : end
        }
    }
}
