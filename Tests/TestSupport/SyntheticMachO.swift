/// Builds small, valid Mach-O files whose exact extent a test knows, independently of the
/// parser under test: header; LC_SEGMENT(_64) __PAGEZERO, __TEXT (one __text section),
/// __LINKEDIT; LC_SYMTAB; LC_MAIN; LC_LOAD_DYLIB; optionally LC_CODE_SIGNATURE. Then code,
/// symbols, strings and the optional signature blob.
public struct SyntheticMachO {
    public var is64: Bool
    public var bigEndian: Bool
    public var cpuType: UInt32
    public var fileType: UInt32 = 2
    public var code: [UInt8] = Array(repeating: 0x90, count: 48)
    /// Bytes of code signature after the string table, outside __LINKEDIT's declared size,
    /// so only LC_CODE_SIGNATURE accounts for them (0: no signature).
    public var codeSignatureSize = 0

    public init(is64: Bool, bigEndian: Bool, cpuType: UInt32) {
        self.is64 = is64
        self.bigEndian = bigEndian
        self.cpuType = cpuType
    }

    /// The file and the offset of each load command, by name (`pagezero`, `text`,
    /// `linkedit`, `symtab`, `main`, `dylib`, `codesig`).
    public func buildWithLayout() -> (bytes: [UInt8], commands: [String: Int]) {
        let headerSize = is64 ? 32 : 28
        let segmentBase = is64 ? 72 : 56
        let sectionSize = is64 ? 80 : 68
        let dylibName = Array("/usr/lib/libSystem.B.dylib\0".utf8)
        let dylibSize = align(24 + dylibName.count, is64 ? 8 : 4)
        var sizes: [(String, Int)] = [
            ("pagezero", segmentBase), ("text", segmentBase + sectionSize), ("linkedit", segmentBase),
            ("symtab", 24), ("main", 24), ("dylib", dylibSize),
        ]
        if codeSignatureSize > 0 { sizes.append(("codesig", 16)) }
        var commands: [String: Int] = [:]
        var position = headerSize
        for (name, size) in sizes {
            commands[name] = position
            position += size
        }
        let commandsSize = position - headerSize
        let codeOffset = align(position, 16)
        let symbolsOffset = align(codeOffset + code.count, 8)
        let symbolSize = is64 ? 16 : 12
        let strings = Array("\0_main\0_helper\0".utf8)
        let stringsOffset = symbolsOffset + 2 * symbolSize
        let linkeditEnd = stringsOffset + strings.count
        let signatureOffset = align(linkeditEnd, 16)

        var w = ByteWriter(bigEndian: bigEndian)
        w.u32(is64 ? 0xFEED_FACF : 0xFEED_FACE)
        w.u32(cpuType)
        w.u32(3)
        w.u32(fileType)
        w.u32(UInt32(sizes.count))
        w.u32(UInt32(commandsSize))
        w.u32(0x0020_0085)
        if is64 { w.u32(0) }
        segment(&w, "__PAGEZERO", vmAddress: 0, vmSize: 0x1000, fileOffset: 0, fileSize: 0, sections: [])
        segment(&w, "__TEXT", vmAddress: 0x1000, vmSize: 0x1000, fileOffset: 0, fileSize: codeOffset + code.count,
                sections: [(codeOffset, code.count)])
        segment(&w, "__LINKEDIT", vmAddress: 0x2000, vmSize: 0x1000, fileOffset: symbolsOffset,
                fileSize: linkeditEnd - symbolsOffset, sections: [])
        w.u32(0x2); w.u32(24); w.u32(UInt32(symbolsOffset)); w.u32(2); w.u32(UInt32(stringsOffset)); w.u32(UInt32(strings.count))
        w.u32(0x8000_0028); w.u32(24); w.u64(UInt64(codeOffset)); w.u64(0)
        w.u32(0xC); w.u32(UInt32(dylibSize)); w.u32(24); w.u32(2); w.u32(0x0001_0000); w.u32(0x0001_0000)
        w.append(dylibName)
        w.pad(to: commands["dylib", default: 0] + dylibSize)
        if codeSignatureSize > 0 {
            w.u32(0x1D); w.u32(16); w.u32(UInt32(signatureOffset)); w.u32(UInt32(codeSignatureSize))
        }
        w.pad(to: codeOffset)
        w.append(code)
        w.pad(to: symbolsOffset)
        for (index, name) in [1, 7].enumerated() {
            w.u32(UInt32(name)); w.u8(0x0F); w.u8(1); w.u16(0)
            if is64 { w.u64(0x1000 + UInt64(index)) } else { w.u32(0x1000 + UInt32(index)) }
        }
        w.append(strings)
        if codeSignatureSize > 0 {
            w.pad(to: signatureOffset)
            w.append([0xFA, 0xDE, 0x0C, 0xC0])
            w.append([UInt8](repeating: 0xAB, count: codeSignatureSize - 4))
        }
        return (w.bytes, commands)
    }

    public func build() -> [UInt8] { buildWithLayout().bytes }

    /// A fat file (big-endian `fat_header`, `fat_arch` or `fat_arch_64` entries) with the
    /// slices at offsets aligned to `1 << alignment`.
    public static func fat(_ slices: [(cpuType: UInt32, bytes: [UInt8])], alignment: UInt32 = 12, fat64: Bool = false) -> [UInt8] {
        var w = ByteWriter(bigEndian: true)
        w.u32(fat64 ? 0xCAFE_BABF : 0xCAFE_BABE)
        w.u32(UInt32(slices.count))
        let unit = 1 << Int(alignment)
        var offset = 8 + slices.count * (fat64 ? 32 : 20)
        var offsets: [Int] = []
        for slice in slices {
            offset = (offset + unit - 1) / unit * unit
            offsets.append(offset)
            offset += slice.bytes.count
        }
        for (slice, sliceOffset) in zip(slices, offsets) {
            w.u32(slice.cpuType)
            w.u32(3)
            if fat64 {
                w.u64(UInt64(sliceOffset)); w.u64(UInt64(slice.bytes.count)); w.u32(alignment); w.u32(0)
            } else {
                w.u32(UInt32(sliceOffset)); w.u32(UInt32(slice.bytes.count)); w.u32(alignment)
            }
        }
        for (slice, sliceOffset) in zip(slices, offsets) {
            w.pad(to: sliceOffset)
            w.append(slice.bytes)
        }
        return w.bytes
    }

    private func segment(_ w: inout ByteWriter, _ name: String, vmAddress: UInt64, vmSize: UInt64, fileOffset: Int, fileSize: Int, sections: [(Int, Int)]) {
        w.u32(is64 ? 0x19 : 0x1)
        w.u32(UInt32((is64 ? 72 : 56) + sections.count * (is64 ? 80 : 68)))
        w.append(padded(name))
        if is64 {
            w.u64(vmAddress); w.u64(vmSize); w.u64(UInt64(fileOffset)); w.u64(UInt64(fileSize))
        } else {
            w.u32(UInt32(vmAddress)); w.u32(UInt32(vmSize)); w.u32(UInt32(fileOffset)); w.u32(UInt32(fileSize))
        }
        w.u32(5); w.u32(5); w.u32(UInt32(sections.count)); w.u32(0)
        for (offset, size) in sections {
            w.append(padded("__text"))
            w.append(padded(name))
            if is64 { w.u64(vmAddress + UInt64(offset)); w.u64(UInt64(size)) } else { w.u32(UInt32(vmAddress) + UInt32(offset)); w.u32(UInt32(size)) }
            w.u32(UInt32(offset)); w.u32(4); w.u32(0); w.u32(0); w.u32(0x8000_0400); w.u32(0); w.u32(0)
            if is64 { w.u32(0) }
        }
    }

    private func padded(_ name: String) -> [UInt8] {
        let bytes = Array(name.utf8)
        return bytes + [UInt8](repeating: 0, count: 16 - bytes.count)
    }

    private func align(_ value: Int, _ alignment: Int) -> Int { (value + alignment - 1) / alignment * alignment }
}
