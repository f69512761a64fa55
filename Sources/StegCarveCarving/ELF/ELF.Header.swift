import StegCarveBytes

/// Namespace for the Executable and Linkable Format (System V gABI, "Object Files" chapter).
package enum ELF {}

extension ELF {
    /// Why bytes that start with `\x7fELF` are not an ELF file StegCarve accepts.
    package enum ParseError: Error, Sendable, Equatable {
        /// Fewer bytes than the identification or header needs.
        case truncatedHeader(available: Int, needed: Int)
        /// `EI_CLASS` is neither ELFCLASS32 (1) nor ELFCLASS64 (2).
        case invalidClass(UInt8)
        /// `EI_DATA` is neither ELFDATA2LSB (1) nor ELFDATA2MSB (2).
        case invalidDataEncoding(UInt8)
        /// `EI_VERSION` or `e_version` is not EV_CURRENT (1).
        case invalidVersion(declared: UInt32)
        /// `e_ehsize` differs from the class's header size.
        case invalidHeaderSize(declared: Int, expected: Int)
        /// `e_phentsize` or `e_shentsize` differs from the class's entry size.
        case invalidEntrySize(table: String, declared: Int, expected: Int)
        /// A table offset lies inside the ELF header, or offset + size overflows.
        case invalidTableOffset(table: String, offset: UInt64)
        /// Neither a program header table nor a section header table.
        case noTables
        /// `e_shstrndx` does not name a section.
        case invalidStringTableIndex(Int)
        /// `e_type` is not a defined object file type.
        case invalidType(UInt16)
        /// An extent is absurdly large (beyond ``ELF/maximumExtent``).
        case implausibleExtent(UInt64)
    }

    /// The largest ELF StegCarve will claim; anything bigger is a lying header.
    package static let maximumExtent: UInt64 = 1 << 36

    /// ELF class: the width of addresses and offsets.
    package enum FileClass: Int, Sendable, Equatable {
        case elf32 = 32
        case elf64 = 64

        /// `e_ehsize` for the class.
        package var headerSize: Int { self == .elf32 ? 52 : 64 }
        /// `e_phentsize` for the class.
        package var programHeaderSize: Int { self == .elf32 ? 32 : 56 }
        /// `e_shentsize` for the class.
        package var sectionHeaderSize: Int { self == .elf32 ? 40 : 64 }
    }

    /// The ELF file header (`Elf32_Ehdr` / `Elf64_Ehdr`); field names follow the gABI.
    package struct Header: Sendable, Equatable {
        /// `EI_CLASS`.
        package var fileClass: FileClass
        /// `EI_DATA`.
        package var byteOrder: ByteOrder
        /// `EI_OSABI`.
        package var osABI: UInt8
        /// `EI_ABIVERSION`.
        package var abiVersion: UInt8
        /// `e_type`.
        package var type: UInt16
        /// `e_machine`.
        package var machine: UInt16
        /// `e_entry`.
        package var entry: UInt64
        /// `e_phoff`.
        package var programHeaderOffset: UInt64
        /// `e_shoff`.
        package var sectionHeaderOffset: UInt64
        /// `e_flags`.
        package var flags: UInt32
        /// `e_phnum`, resolved through section 0 when it is PN_XNUM.
        package var programHeaderCount: Int
        /// `e_shnum`, resolved through section 0 when it is 0 with a table present.
        package var sectionHeaderCount: Int
        /// `e_shstrndx`, resolved through section 0 when it is SHN_XINDEX.
        package var sectionNameTableIndex: Int

        /// Parses and validates the header at the start of `bytes`, in the order the gABI
        /// defines the fields: identification, class, encoding, version, sizes, tables.
        package init(parsing bytes: Span<UInt8>) throws(ParseError) {
            guard bytes.count >= 16 else { throw .truncatedHeader(available: bytes.count, needed: 16) }
            switch bytes[4] {
            case 1: fileClass = .elf32
            case 2: fileClass = .elf64
            default: throw .invalidClass(bytes[4])
            }
            switch bytes[5] {
            case 1: byteOrder = .little
            case 2: byteOrder = .big
            default: throw .invalidDataEncoding(bytes[5])
            }
            guard bytes[6] == 1 else { throw .invalidVersion(declared: UInt32(bytes[6])) }
            osABI = bytes[7]
            abiVersion = bytes[8]
            let size = fileClass.headerSize
            guard bytes.count >= size else { throw .truncatedHeader(available: bytes.count, needed: size) }
            let order = byteOrder
            let wide = fileClass == .elf64
            // Field offsets per Elf32_Ehdr / Elf64_Ehdr.
            func half(_ offset: Int) -> UInt16 { bytes.uint16(at: offset, order) ?? 0 }
            func word(_ offset: Int) -> UInt32 { bytes.uint32(at: offset, order) ?? 0 }
            func address(_ offset32: Int, _ offset64: Int) -> UInt64 {
                wide ? bytes.uint64(at: offset64, order) ?? 0 : UInt64(word(offset32))
            }
            type = half(16)
            machine = half(18)
            let version = word(20)
            guard version == 1 else { throw .invalidVersion(declared: version) }
            entry = address(24, 24)
            programHeaderOffset = address(28, 32)
            sectionHeaderOffset = address(32, 40)
            flags = word(wide ? 48 : 36)
            let headerSize = Int(half(wide ? 52 : 40))
            let programEntrySize = Int(half(wide ? 54 : 42))
            let programCount = Int(half(wide ? 56 : 44))
            let sectionEntrySize = Int(half(wide ? 58 : 46))
            let sectionCount = Int(half(wide ? 60 : 48))
            let nameIndex = Int(half(wide ? 62 : 50))

            // ET_NONE..ET_CORE, or the OS/processor-specific ranges.
            guard type <= 4 || type >= 0xFE00 else { throw .invalidType(type) }
            guard headerSize == size else { throw .invalidHeaderSize(declared: headerSize, expected: size) }
            let hasProgramTable = programCount > 0 && programHeaderOffset != 0
            let hasSectionTable = sectionHeaderOffset != 0
            guard hasProgramTable || hasSectionTable else { throw .noTables }
            if hasProgramTable {
                guard programEntrySize == fileClass.programHeaderSize else {
                    throw .invalidEntrySize(table: "program", declared: programEntrySize, expected: fileClass.programHeaderSize)
                }
                guard programHeaderOffset >= UInt64(size), programHeaderOffset < ELF.maximumExtent else {
                    throw .invalidTableOffset(table: "program", offset: programHeaderOffset)
                }
            }
            if hasSectionTable {
                guard sectionEntrySize == fileClass.sectionHeaderSize else {
                    throw .invalidEntrySize(table: "section", declared: sectionEntrySize, expected: fileClass.sectionHeaderSize)
                }
                guard sectionHeaderOffset >= UInt64(size), sectionHeaderOffset < ELF.maximumExtent else {
                    throw .invalidTableOffset(table: "section", offset: sectionHeaderOffset)
                }
            }
            programHeaderCount = hasProgramTable ? programCount : 0
            sectionHeaderCount = hasSectionTable ? sectionCount : 0
            sectionNameTableIndex = nameIndex

            // Extended numbering (gABI "Extended Section Numbering"): section 0 holds the
            // real counts when they do not fit in the header's 16-bit fields.
            if hasSectionTable, sectionCount == 0 || programCount == 0xFFFF || nameIndex == 0xFFFF {
                let zero = SectionHeader(in: bytes, at: Int(sectionHeaderOffset), header: self)
                if sectionCount == 0 { sectionHeaderCount = Int(clamping: zero?.size ?? 0) }
                if programCount == 0xFFFF { programHeaderCount = Int(zero?.info ?? 0) }
                if nameIndex == 0xFFFF { sectionNameTableIndex = Int(zero?.link ?? 0) }
            }
            if sectionHeaderCount > 0, sectionNameTableIndex != 0, sectionNameTableIndex >= sectionHeaderCount {
                throw .invalidStringTableIndex(sectionNameTableIndex)
            }
        }

        /// Byte range of the program header table relative to the ELF's start (its end
        /// saturates at `UInt64.max`, which no file reaches, when the fields overflow).
        package var programHeaderTable: Range<UInt64> {
            Self.table(at: programHeaderOffset, count: programHeaderCount, entrySize: fileClass.programHeaderSize)
        }

        /// Byte range of the section header table relative to the ELF's start (its end
        /// saturates at `UInt64.max` when the fields overflow: an extended section count
        /// comes from section 0's 64-bit size field).
        package var sectionHeaderTable: Range<UInt64> {
            Self.table(at: sectionHeaderOffset, count: sectionHeaderCount, entrySize: fileClass.sectionHeaderSize)
        }

        private static func table(at offset: UInt64, count: Int, entrySize: Int) -> Range<UInt64> {
            let size = UInt64(clamping: count).multipliedReportingOverflow(by: UInt64(clamping: entrySize))
            let end = offset.addingReportingOverflow(size.partialValue)
            return offset..<(size.overflow || end.overflow ? UInt64.max : end.partialValue)
        }
    }
}
