/// Builds small, valid PE images whose exact extent a test knows, independently of the
/// parser under test: DOS header, `PE\0\0` at 0x80, COFF header, optional header with 16
/// data directories, sections `.text`, `.data` (raw data) and `.bss` (none), then optional
/// COFF symbols and a certificate table.
public struct SyntheticPE {
    public var is64: Bool
    public var machine: UInt16
    public var isDLL = false
    public var fileAlignment: UInt32 = 0x200
    public var sectionAlignment: UInt32 = 0x1000
    /// Bytes of the certificate table appended after the sections (0: none).
    public var certificateSize = 0
    /// COFF symbols (18 bytes each) plus a string table appended after the sections.
    public var symbolCount = 0
    /// Whether data directory 14 (CLR runtime header) is set.
    public var dotNet = false
    public var subsystem: UInt16 = 3
    public var timestamp: UInt32 = 0x6553_8F00

    /// `e_lfanew`.
    public static let headerOffset = 0x80
    /// Offset of the optional header.
    public static let optionalHeader = headerOffset + 24
    public static let rawSectionSize = 0x200

    public init(is64: Bool, machine: UInt16) {
        self.is64 = is64
        self.machine = machine
    }

    /// Size of the optional header (fixed fields + 16 directories).
    public var optionalHeaderSize: Int { (is64 ? 112 : 96) + 16 * 8 }
    /// Offset of data directory `index`.
    public func directoryOffset(_ index: Int) -> Int { Self.optionalHeader + (is64 ? 112 : 96) + 8 * index }
    /// Offset of `NumberOfRvaAndSizes`.
    public var directoryCountOffset: Int { Self.optionalHeader + (is64 ? 108 : 92) }
    /// Offset of the section table.
    public var sectionTable: Int { Self.optionalHeader + optionalHeaderSize }
    /// `SizeOfHeaders`: the section table rounded up to the file alignment.
    public var sizeOfHeaders: Int { align(sectionTable + 3 * 40, Int(fileAlignment)) }
    /// End of the last section's raw data.
    public var sectionsEnd: Int { sizeOfHeaders + 2 * align(Self.rawSectionSize, Int(fileAlignment)) }
    /// The string table of the COFF symbols: its size field plus one name.
    public static let stringTable: [UInt8] = [18, 0, 0, 0] + Array("long_symbol_name\0\0".utf8).prefix(14)
    /// Offset of the certificate table (after the sections and any symbols, 8-aligned).
    public var certificateOffset: Int {
        align(sectionsEnd + (symbolCount > 0 ? 18 * symbolCount + Self.stringTable.count : 0), 8)
    }

    public func build() -> [UInt8] {
        var w = ByteWriter()
        w.append("MZ")
        w.pad(to: 0x3C)
        w.u32(UInt32(Self.headerOffset))
        w.append("This program cannot be run in DOS mode.")
        w.pad(to: Self.headerOffset)
        w.append([0x50, 0x45, 0, 0])
        w.u16(machine)
        w.u16(3)
        w.u32(timestamp)
        w.u32(symbolCount > 0 ? UInt32(sectionsEnd) : 0)  // PointerToSymbolTable
        w.u32(UInt32(symbolCount))
        w.u16(UInt16(optionalHeaderSize))
        w.u16(0x0022 | (isDLL ? 0x2000 : 0))  // EXECUTABLE_IMAGE | LARGE_ADDRESS_AWARE
        let raw = align(Self.rawSectionSize, Int(fileAlignment))
        let textRVA: UInt32 = sectionAlignment
        // Standard fields.
        w.u16(is64 ? 0x20B : 0x10B)
        w.append([14, 0])
        w.u32(UInt32(raw)); w.u32(UInt32(raw)); w.u32(0x1000)
        w.u32(textRVA + 0x10)  // AddressOfEntryPoint
        w.u32(textRVA)  // BaseOfCode
        if is64 {
            w.u64(0x1_4000_0000)
        } else {
            w.u32(textRVA * 2)  // BaseOfData
            w.u32(0x40_0000)
        }
        w.u32(sectionAlignment)
        w.u32(fileAlignment)
        w.u16(6); w.u16(0); w.u16(0); w.u16(0); w.u16(6); w.u16(0)
        w.u32(0)
        w.u32(sectionAlignment * 4)  // SizeOfImage
        w.u32(UInt32(sizeOfHeaders))
        w.u32(0)  // CheckSum
        w.u16(subsystem)
        w.u16(0x8160)
        if is64 {
            w.u64(0x10_0000); w.u64(0x1000); w.u64(0x10_0000); w.u64(0x1000)
        } else {
            w.u32(0x10_0000); w.u32(0x1000); w.u32(0x10_0000); w.u32(0x1000)
        }
        w.u32(0)  // LoaderFlags
        w.u32(16)
        for index in 0..<16 {
            switch index {
            case 4 where certificateSize > 0:
                w.u32(UInt32(certificateOffset)); w.u32(UInt32(certificateSize))
            case 14 where dotNet:
                w.u32(textRVA + 0x100); w.u32(72)
            default:
                w.u32(0); w.u32(0)
            }
        }
        // Section table.
        section(&w, ".text", rva: textRVA, rawOffset: sizeOfHeaders, rawSize: raw, flags: 0x6000_0020)
        section(&w, ".data", rva: textRVA * 2, rawOffset: sizeOfHeaders + raw, rawSize: raw, flags: 0xC000_0040)
        section(&w, ".bss", rva: textRVA * 3, rawOffset: 0, rawSize: 0, flags: 0xC000_0080)
        w.pad(to: sizeOfHeaders)
        w.append([UInt8](repeating: 0xCC, count: raw))
        w.append([UInt8](repeating: 0x44, count: raw))
        if symbolCount > 0 {
            for index in 0..<symbolCount {
                w.append(Array("sym\(index % 10)".utf8)); w.pad(to: w.bytes.count + 4)
                w.u32(0); w.u16(1); w.u16(0); w.u8(2); w.u8(0)
            }
            w.append(Self.stringTable)
        }
        if certificateSize > 0 {
            w.pad(to: certificateOffset)
            w.u32(UInt32(certificateSize)); w.u16(0x0200); w.u16(0x0002)
            w.append([UInt8](repeating: 0x30, count: certificateSize - 8))
        }
        return w.bytes
    }

    private func section(_ w: inout ByteWriter, _ name: String, rva: UInt32, rawOffset: Int, rawSize: Int, flags: UInt32) {
        var nameBytes = Array(name.utf8)
        nameBytes += [UInt8](repeating: 0, count: 8 - nameBytes.count)
        w.append(nameBytes)
        w.u32(UInt32(max(rawSize, 0x100)))
        w.u32(rva)
        w.u32(UInt32(rawSize))
        w.u32(UInt32(rawOffset))
        w.u32(0); w.u32(0); w.u16(0); w.u16(0)
        w.u32(flags)
    }

    private func align(_ value: Int, _ alignment: Int) -> Int { (value + alignment - 1) / alignment * alignment }
}
