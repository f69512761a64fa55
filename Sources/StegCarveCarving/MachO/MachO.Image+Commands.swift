import StegCarveBytes

extension MachO.Image {
    /// Every load command's `cmd`, in file order (the walk the parser already validated:
    /// `ncmds` commands, each `cmdsize` inside `sizeofcmds`).
    package func loadCommands(in bytes: Span<UInt8>) -> [UInt32] {
        var commands: [UInt32] = []
        var offset = header.size
        let end = header.size + header.commandsSize
        for _ in 0..<header.commandCount {
            guard end - offset >= 8, let command = bytes.uint32(at: offset, header.byteOrder),
                  let size = bytes.uint32(at: offset + 4, header.byteOrder), size >= 8, Int(size) <= end - offset else { break }
            commands.append(command)
            offset += Int(size)
        }
        return commands
    }
}

extension MachO {
    /// The `LC_*` name of a load command (`<mach-o/loader.h>`), or `LC_0x…` for others.
    package static func loadCommandName(_ command: UInt32) -> String {
        let names: [UInt32: String] = [
            0x1: "LC_SEGMENT", 0x2: "LC_SYMTAB", 0x4: "LC_THREAD", 0x5: "LC_UNIXTHREAD", 0xB: "LC_DYSYMTAB",
            0xC: "LC_LOAD_DYLIB", 0xD: "LC_ID_DYLIB", 0xE: "LC_LOAD_DYLINKER", 0xF: "LC_ID_DYLINKER",
            0x19: "LC_SEGMENT_64", 0x1B: "LC_UUID", 0x1D: "LC_CODE_SIGNATURE", 0x1E: "LC_SEGMENT_SPLIT_INFO",
            0x20: "LC_LAZY_LOAD_DYLIB", 0x21: "LC_ENCRYPTION_INFO", 0x22: "LC_DYLD_INFO", 0x24: "LC_VERSION_MIN_MACOSX",
            0x25: "LC_VERSION_MIN_IPHONEOS", 0x26: "LC_FUNCTION_STARTS", 0x27: "LC_DYLD_ENVIRONMENT",
            0x29: "LC_DATA_IN_CODE", 0x2A: "LC_SOURCE_VERSION", 0x2B: "LC_DYLIB_CODE_SIGN_DRS",
            0x2C: "LC_ENCRYPTION_INFO_64", 0x2D: "LC_LINKER_OPTION", 0x2E: "LC_LINKER_OPTIMIZATION_HINT",
            0x31: "LC_NOTE", 0x32: "LC_BUILD_VERSION", 0x36: "LC_ATOM_INFO",
            0x8000_0018: "LC_LOAD_WEAK_DYLIB", 0x8000_001C: "LC_RPATH", 0x8000_001F: "LC_REEXPORT_DYLIB",
            0x8000_0022: "LC_DYLD_INFO_ONLY", 0x8000_0023: "LC_LOAD_UPWARD_DYLIB", 0x8000_0028: "LC_MAIN",
            0x8000_0033: "LC_DYLD_EXPORTS_TRIE", 0x8000_0034: "LC_DYLD_CHAINED_FIXUPS",
        ]
        return names[command] ?? "LC_0x" + String(command, radix: 16)
    }
}
