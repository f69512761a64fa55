import StegCarveBytes

extension ELF {
    /// One program header (`Elf32_Phdr` / `Elf64_Phdr`): a segment.
    package struct ProgramHeader: Sendable, Equatable {
        /// `p_type`.
        package var type: UInt32
        /// `p_flags`.
        package var flags: UInt32
        /// `p_offset`.
        package var offset: UInt64
        /// `p_vaddr`.
        package var virtualAddress: UInt64
        /// `p_filesz`.
        package var fileSize: UInt64
        /// `p_memsz`.
        package var memorySize: UInt64
        /// `p_align`.
        package var alignment: UInt64

        package static let load: UInt32 = 1
        package static let dynamic: UInt32 = 2
        package static let interpreter: UInt32 = 3
        package static let note: UInt32 = 4

        /// Reads the program header at `offset`; `nil` when it lies outside `bytes`.
        package init?(in bytes: Span<UInt8>, at offset: Int, header: Header) {
            let order = header.byteOrder
            guard bytes.contains(offset: offset, length: header.fileClass.programHeaderSize) else { return nil }
            if header.fileClass == .elf64 {
                guard let type = bytes.uint32(at: offset, order), let flags = bytes.uint32(at: offset + 4, order),
                      let fileOffset = bytes.uint64(at: offset + 8, order),
                      let address = bytes.uint64(at: offset + 16, order),
                      let fileSize = bytes.uint64(at: offset + 32, order),
                      let memorySize = bytes.uint64(at: offset + 40, order),
                      let alignment = bytes.uint64(at: offset + 48, order) else { return nil }
                (self.type, self.flags, self.offset, self.virtualAddress) = (type, flags, fileOffset, address)
                (self.fileSize, self.memorySize, self.alignment) = (fileSize, memorySize, alignment)
            } else {
                guard let type = bytes.uint32(at: offset, order), let fileOffset = bytes.uint32(at: offset + 4, order),
                      let address = bytes.uint32(at: offset + 8, order),
                      let fileSize = bytes.uint32(at: offset + 16, order),
                      let memorySize = bytes.uint32(at: offset + 20, order),
                      let flags = bytes.uint32(at: offset + 24, order),
                      let alignment = bytes.uint32(at: offset + 28, order) else { return nil }
                (self.type, self.flags, self.offset, self.virtualAddress) = (type, flags, UInt64(fileOffset), UInt64(address))
                (self.fileSize, self.memorySize, self.alignment) = (UInt64(fileSize), UInt64(memorySize), UInt64(alignment))
            }
        }

        /// End of the segment's bytes in the file, or `nil` on overflow.
        package var fileEnd: UInt64? {
            let (end, overflow) = offset.addingReportingOverflow(fileSize)
            return overflow ? nil : end
        }
    }
}
