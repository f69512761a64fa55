/// Builds small, valid ELF files whose exact extent a test knows, independently of the
/// parser under test.
public struct SyntheticELF {
    public var is64: Bool
    public var bigEndian: Bool
    public var machine: UInt16
    public var type: UInt16 = 2
    /// Bytes of the single PT_LOAD segment's data, placed right after the program headers.
    public var code: [UInt8] = Array(repeating: 0x90, count: 64)
    /// Extra bytes after the section header table that one section claims, so the section
    /// table is not the last thing in the file.
    public var trailingSectionData: Int = 0

    public init(is64: Bool, bigEndian: Bool, machine: UInt16) {
        self.is64 = is64
        self.bigEndian = bigEndian
        self.machine = machine
    }

    /// Builds the file: header, one program header, code, `.shstrtab`, section headers
    /// (null, `.text`, `.shstrtab`, and `.tail` when `trailingSectionData > 0`), tail data.
    public func build() -> [UInt8] {
        let headerSize = is64 ? 64 : 52
        let programEntry = is64 ? 56 : 32
        let sectionEntry = is64 ? 64 : 40
        let codeOffset = headerSize + programEntry
        let names: [UInt8] = Array("\0.text\0.shstrtab\0.tail\0".utf8)
        let namesOffset = codeOffset + code.count
        var sectionTable = namesOffset + names.count
        sectionTable = (sectionTable + 7) & ~7
        let sectionCount = trailingSectionData > 0 ? 4 : 3
        let tailOffset = sectionTable + sectionCount * sectionEntry

        var w = ByteWriter(bigEndian: bigEndian)
        w.append([0x7F, 0x45, 0x4C, 0x46, is64 ? 2 : 1, bigEndian ? 2 : 1, 1, 0])
        w.pad(to: 16)
        w.u16(type)
        w.u16(machine)
        w.u32(1)
        address(&w, 0x40_0000 + UInt64(codeOffset))  // e_entry
        address(&w, UInt64(headerSize))  // e_phoff
        address(&w, UInt64(sectionTable))  // e_shoff
        w.u32(0)  // e_flags
        w.u16(UInt16(headerSize))
        w.u16(UInt16(programEntry))
        w.u16(1)
        w.u16(UInt16(sectionEntry))
        w.u16(UInt16(sectionCount))
        w.u16(2)  // e_shstrndx
        // PT_LOAD covering the header through the code.
        let segmentSize = UInt64(codeOffset + code.count)
        if is64 {
            w.u32(1); w.u32(5); w.u64(0); w.u64(0x40_0000); w.u64(0x40_0000)
            w.u64(segmentSize); w.u64(segmentSize); w.u64(0x1000)
        } else {
            w.u32(1); w.u32(0); w.u32(0x40_0000); w.u32(0x40_0000)
            w.u32(UInt32(segmentSize)); w.u32(UInt32(segmentSize)); w.u32(5); w.u32(0x1000)
        }
        w.append(code)
        w.append(names)
        w.pad(to: sectionTable)
        section(&w, name: 0, type: 0, offset: 0, size: 0)
        section(&w, name: 1, type: 1, offset: UInt64(codeOffset), size: UInt64(code.count))
        section(&w, name: 7, type: 3, offset: UInt64(namesOffset), size: UInt64(names.count))
        if trailingSectionData > 0 {
            section(&w, name: 17, type: 1, offset: UInt64(tailOffset), size: UInt64(trailingSectionData))
            w.append([UInt8](repeating: 0xCC, count: trailingSectionData))
        }
        return w.bytes
    }

    private func address(_ w: inout ByteWriter, _ value: UInt64) {
        if is64 { w.u64(value) } else { w.u32(UInt32(value)) }
    }

    private func section(_ w: inout ByteWriter, name: UInt32, type: UInt32, offset: UInt64, size: UInt64) {
        w.u32(name)
        w.u32(type)
        if is64 {
            w.u64(0); w.u64(0); w.u64(offset); w.u64(size); w.u32(0); w.u32(0); w.u64(1); w.u64(0)
        } else {
            w.u32(0); w.u32(0); w.u32(UInt32(offset)); w.u32(UInt32(size)); w.u32(0); w.u32(0); w.u32(1); w.u32(0)
        }
    }
}
