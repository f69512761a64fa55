import StegCarveBytes

/// Namespace for the Portable Executable format (Microsoft "PE Format" specification:
/// MS-DOS stub, `PE\0\0`, COFF file header, optional header, section table).
package enum PE {}

extension PE {
    /// Why bytes that start with `MZ` are not a PE image StegCarve accepts.
    package enum ParseError: Error, Sendable, Equatable {
        /// Fewer bytes than the headers up to and including the section table need.
        case truncatedHeader(available: Int, needed: Int)
        /// `e_lfanew` (offset 0x3C) points inside the first 4 bytes or past ``PE/maximumHeaderOffset``.
        case invalidHeaderOffset(UInt32)
        /// No `PE\0\0` at `e_lfanew`.
        case missingSignature(offset: Int)
        /// COFF `Machine` is not a machine type the specification defines.
        case unknownMachine(UInt16)
        /// COFF `NumberOfSections` is 0 or above the loader's limit of 96.
        case invalidSectionCount(Int)
        /// COFF `Characteristics` lacks IMAGE_FILE_EXECUTABLE_IMAGE (0x0002).
        case notExecutableImage(characteristics: UInt16)
        /// Optional header `Magic` is neither PE32 (0x10B) nor PE32+ (0x20B).
        case invalidOptionalHeaderMagic(UInt16)
        /// COFF `SizeOfOptionalHeader` cannot hold the fields and data directories it declares.
        case invalidOptionalHeaderSize(declared: Int, minimum: Int)
        /// `SectionAlignment` is not a power of two, or smaller than `FileAlignment`.
        case invalidSectionAlignment(UInt32)
        /// `FileAlignment` is not a power of two in 512...65536 (or equal to a small `SectionAlignment`).
        case invalidFileAlignment(UInt32)
        /// `SizeOfHeaders` does not cover the optional header, or is absurdly large.
        case invalidHeadersSize(declared: UInt32, minimum: Int)
        /// A section, symbol table or certificate table ends beyond ``PE/maximumExtent``.
        case implausibleExtent(UInt64)
        /// The certificate table (data directory 4, a file offset) lies inside the headers or
        /// its first WIN_CERTIFICATE entry is malformed.
        case invalidCertificateTable(offset: UInt32, size: UInt32)
    }

    /// The largest PE StegCarve will claim; PE offsets are 32-bit, so anything beyond is a lie.
    package static let maximumExtent: UInt64 = 1 << 32
    /// The largest `e_lfanew` accepted; real linkers put the PE header within the first KiB.
    package static let maximumHeaderOffset: UInt32 = 0x1_0000
    /// The Windows loader's section limit (PE Format, "COFF File Header").
    package static let maximumSectionCount = 96

    /// PE32 or PE32+ (the optional header's `Magic`).
    package enum Format: String, Sendable, Equatable {
        case pe32 = "PE32"
        case pe32Plus = "PE32+"

        /// Size of the optional header's fixed fields, before the data directories.
        package var fixedOptionalHeaderSize: Int { self == .pe32 ? 96 : 112 }
    }

    /// One data directory entry: an RVA (a file offset for the certificate table) and a size.
    package struct DataDirectory: Sendable, Equatable {
        package var address: UInt32
        package var size: UInt32
    }

    /// The COFF file header and optional header, validated in specification order.
    package struct Headers: Sendable, Equatable {
        /// `e_lfanew`: file offset of `PE\0\0`.
        package var headerOffset: Int
        /// COFF `Machine`.
        package var machine: UInt16
        /// COFF `NumberOfSections`.
        package var sectionCount: Int
        /// COFF `TimeDateStamp` (seconds since 1970, or a reproducible-build hash, or 0).
        package var timestamp: UInt32
        /// COFF `PointerToSymbolTable` (deprecated for images, but MinGW still writes one).
        package var symbolTableOffset: UInt32
        /// COFF `NumberOfSymbols`.
        package var symbolCount: UInt32
        /// COFF `SizeOfOptionalHeader`.
        package var optionalHeaderSize: Int
        /// COFF `Characteristics`.
        package var characteristics: UInt16
        /// Optional header `Magic`.
        package var format: Format
        /// `AddressOfEntryPoint` (an RVA).
        package var entryPoint: UInt32
        /// `ImageBase`.
        package var imageBase: UInt64
        /// `SectionAlignment`.
        package var sectionAlignment: UInt32
        /// `FileAlignment`.
        package var fileAlignment: UInt32
        /// `SizeOfImage`.
        package var sizeOfImage: UInt32
        /// `SizeOfHeaders`.
        package var sizeOfHeaders: UInt32
        /// `Subsystem`.
        package var subsystem: UInt16
        /// `DllCharacteristics`.
        package var dllCharacteristics: UInt16
        /// The data directories (`min(NumberOfRvaAndSizes, 16)` of them).
        package var dataDirectories: [DataDirectory]

        /// IMAGE_FILE_EXECUTABLE_IMAGE.
        package static let executableImage: UInt16 = 0x0002
        /// IMAGE_FILE_DLL.
        package static let dll: UInt16 = 0x2000

        /// File offset of the first section header.
        package var sectionTableOffset: Int { headerOffset + 24 + optionalHeaderSize }
        /// File offset one past the last section header.
        package var sectionTableEnd: Int { sectionTableOffset + 40 * sectionCount }
        /// Whether the image is a DLL.
        package var isDLL: Bool { characteristics & Self.dll != 0 }

        /// Data directory `index` (4: certificate table, 14: CLR runtime header), if declared.
        package func directory(_ index: Int) -> DataDirectory? {
            dataDirectories.indices.contains(index) ? dataDirectories[index] : nil
        }

        /// Parses and validates the headers of the PE at the start of `bytes`.
        /// - Throws: ``PE/ParseError`` naming the first field that lies.
        package init(parsing bytes: Span<UInt8>) throws(ParseError) {
            guard bytes.count >= 64 else { throw .truncatedHeader(available: bytes.count, needed: 64) }
            let lfanew = bytes.uint32(at: 0x3C, .little) ?? 0
            guard lfanew >= 4, lfanew <= PE.maximumHeaderOffset else { throw .invalidHeaderOffset(lfanew) }
            headerOffset = Int(lfanew)
            let coff = headerOffset + 4
            guard bytes.contains(offset: headerOffset, length: 24) else {
                throw .truncatedHeader(available: bytes.count, needed: headerOffset + 24)
            }
            guard bytes.matches([0x50, 0x45, 0, 0], at: headerOffset) else { throw .missingSignature(offset: headerOffset) }
            func half(_ offset: Int) -> UInt16 { bytes.uint16(at: offset, .little) ?? 0 }
            func word(_ offset: Int) -> UInt32 { bytes.uint32(at: offset, .little) ?? 0 }
            machine = half(coff)
            guard PE.machineName(machine) != nil else { throw .unknownMachine(machine) }
            sectionCount = Int(half(coff + 2))
            guard (1...PE.maximumSectionCount).contains(sectionCount) else { throw .invalidSectionCount(sectionCount) }
            timestamp = word(coff + 4)
            symbolTableOffset = word(coff + 8)
            symbolCount = word(coff + 12)
            optionalHeaderSize = Int(half(coff + 16))
            characteristics = half(coff + 18)
            guard characteristics & Self.executableImage != 0 else { throw .notExecutableImage(characteristics: characteristics) }

            let optional = coff + 20
            guard bytes.contains(offset: optional, length: 2) else {
                throw .truncatedHeader(available: bytes.count, needed: optional + 2)
            }
            switch half(optional) {
            case 0x10B: format = .pe32
            case 0x20B: format = .pe32Plus
            default: throw .invalidOptionalHeaderMagic(half(optional))
            }
            let fixed = format.fixedOptionalHeaderSize
            guard optionalHeaderSize >= fixed else { throw .invalidOptionalHeaderSize(declared: optionalHeaderSize, minimum: fixed) }
            let needed = optional + optionalHeaderSize + 40 * sectionCount
            guard bytes.count >= needed else { throw .truncatedHeader(available: bytes.count, needed: needed) }
            let wide = format == .pe32Plus
            let directoryCount = word(optional + (wide ? 108 : 92))
            // Loaders read at most 16 directories; the header must hold the ones it declares.
            let directories = Int(min(directoryCount, 16))
            let minimum = fixed + 8 * directories
            guard optionalHeaderSize >= minimum else { throw .invalidOptionalHeaderSize(declared: optionalHeaderSize, minimum: minimum) }

            entryPoint = word(optional + 16)
            imageBase = wide ? bytes.uint64(at: optional + 24, .little) ?? 0 : UInt64(word(optional + 28))
            sectionAlignment = word(optional + 32)
            fileAlignment = word(optional + 36)
            sizeOfImage = word(optional + 56)
            sizeOfHeaders = word(optional + 60)
            subsystem = half(optional + 68)
            dllCharacteristics = half(optional + 70)
            dataDirectories = (0..<directories).map { index in
                DataDirectory(address: word(optional + fixed + 8 * index), size: word(optional + fixed + 8 * index + 4))
            }

            // PE Format, "Optional Header Windows-Specific Fields": FileAlignment is a power of
            // two between 512 and 64 K, or equals SectionAlignment when that is below a page.
            guard sectionAlignment.nonzeroBitCount == 1 else { throw .invalidSectionAlignment(sectionAlignment) }
            guard fileAlignment.nonzeroBitCount == 1,
                  (512...0x1_0000).contains(fileAlignment) || (fileAlignment == sectionAlignment && fileAlignment < 0x1000) else {
                throw .invalidFileAlignment(fileAlignment)
            }
            guard sectionAlignment >= fileAlignment else { throw .invalidSectionAlignment(sectionAlignment) }
            let headersMinimum = optional + optionalHeaderSize
            guard Int(sizeOfHeaders) >= headersMinimum, UInt64(sizeOfHeaders) <= 0x100_0000 else {
                throw .invalidHeadersSize(declared: sizeOfHeaders, minimum: headersMinimum)
            }
        }
    }
}
