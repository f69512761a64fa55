import StegCarveBytes

extension MachO {
    /// A thin Mach-O file's header and load commands, and the exact extent they declare.
    ///
    /// The extent is the furthest of: the header plus `sizeofcmds`, every segment's
    /// `fileoff + filesize`, every section's file data and relocations, and every range of
    /// link-edit data a command points at (symbol and string tables, dynamic symbol tables,
    /// dyld rebase/bind/export info, code signature, function starts, data in code, exports
    /// trie, chained fixups, split info, notes). In a linked file `__LINKEDIT` covers the
    /// link-edit data; object files have no such segment, so each table counts on its own.
    package struct Image: Sendable, Equatable {
        /// The validated header.
        package var header: Header
        /// Segment names with their file ranges (LC_SEGMENT / LC_SEGMENT_64).
        package var segments: [Segment]
        /// LC_CODE_SIGNATURE is present.
        package var hasCodeSignature: Bool
        /// LC_MAIN `entryoff` (a file offset), if any.
        package var entryOffset: UInt64?
        /// Libraries named by LC_LOAD_DYLIB / LC_LOAD_WEAK_DYLIB / LC_REEXPORT_DYLIB.
        package var libraries: [String]
        /// Bytes the header and load commands declare, counted from the magic.
        package var declaredLength: Int

        /// A segment's name and the file bytes it maps.
        package struct Segment: Sendable, Equatable {
            package var name: String
            package var fileRange: Range<UInt64>
        }

        // Load command numbers (`<mach-o/loader.h>`).
        package static let segment: UInt32 = 0x1
        package static let symbolTable: UInt32 = 0x2
        package static let dynamicSymbolTable: UInt32 = 0xB
        package static let loadDylib: UInt32 = 0xC
        package static let segment64: UInt32 = 0x19
        package static let codeSignature: UInt32 = 0x1D
        package static let dyldInfo: UInt32 = 0x22
        package static let dyldInfoOnly: UInt32 = 0x8000_0022
        package static let main: UInt32 = 0x8000_0028
        /// Commands laid out as `linkedit_data_command` (cmd, cmdsize, dataoff, datasize).
        package static let linkeditDataCommands: Set<UInt32> = [
            0x1D,  // LC_CODE_SIGNATURE
            0x1E,  // LC_SEGMENT_SPLIT_INFO
            0x26,  // LC_FUNCTION_STARTS
            0x29,  // LC_DATA_IN_CODE
            0x2B,  // LC_DYLIB_CODE_SIGN_DRS
            0x2E,  // LC_LINKER_OPTIMIZATION_HINT
            0x36,  // LC_ATOM_INFO
            0x8000_0033,  // LC_DYLD_EXPORTS_TRIE
            0x8000_0034,  // LC_DYLD_CHAINED_FIXUPS
        ]
        /// LC_LOAD_DYLIB, LC_LOAD_WEAK_DYLIB, LC_REEXPORT_DYLIB, LC_LAZY_LOAD_DYLIB, LC_LOAD_UPWARD_DYLIB.
        package static let dylibCommands: Set<UInt32> = [0xC, 0x8000_0018, 0x8000_001F, 0x20, 0x8000_0023]

        /// Parses the thin Mach-O at the start of `bytes`.
        /// - Throws: ``MachO/ParseError`` naming the field or command that lies.
        package init(parsing bytes: Span<UInt8>) throws(ParseError) {
            header = try Header(parsing: bytes)
            let order = header.byteOrder
            let is64 = header.is64
            func word(_ offset: Int) -> UInt32 { bytes.uint32(at: offset, order) ?? 0 }
            func quad(_ offset: Int) -> UInt64 { bytes.uint64(at: offset, order) ?? 0 }
            var end = UInt64(header.size + header.commandsSize)
            func claim(_ offset: UInt64, _ size: UInt64) throws(ParseError) {
                guard size > 0 else { return }
                let (rangeEnd, overflow) = offset.addingReportingOverflow(size)
                guard !overflow, rangeEnd <= MachO.maximumExtent else { throw .implausibleExtent(overflow ? .max : rangeEnd) }
                end = max(end, rangeEnd)
            }
            func claim(_ offset: UInt32, count: UInt32, entrySize: UInt64) throws(ParseError) {
                try claim(UInt64(offset), UInt64(count) * entrySize)
            }
            func expect(_ command: UInt32, _ size: UInt32, _ expected: UInt32) throws(ParseError) {
                guard size == expected else { throw .invalidCommandLayout(command: command, size: size, expected: expected) }
            }

            segments = []
            hasCodeSignature = false
            entryOffset = nil
            libraries = []
            let alignment = is64 ? 8 : 4
            let commandsEnd = header.size + header.commandsSize
            var offset = header.size
            for index in 0..<header.commandCount {
                // Past `sizeofcmds` there is no command to report, only that the walk ran out.
                let room = commandsEnd - offset >= 8
                let command = room ? word(offset) : 0
                let size = room ? word(offset + 4) : 0
                guard room, size >= 8, Int(size) % alignment == 0, Int(size) <= commandsEnd - offset else {
                    throw .invalidCommandSize(index: index, command: command, size: size)
                }
                switch command {
                case Self.segment, Self.segment64:
                    // segment_command(_64) followed by nsects section(_64) records.
                    let wide = command == Self.segment64
                    let base: UInt32 = wide ? 72 : 56
                    let sectionSize: UInt32 = wide ? 80 : 68
                    let sectionCount = word(offset + (wide ? 64 : 48))
                    let expected = UInt64(base) + UInt64(sectionCount) * UInt64(sectionSize)
                    guard expected == UInt64(size) else {
                        throw .invalidCommandLayout(command: command, size: size, expected: UInt32(clamping: expected))
                    }
                    let fileOffset = wide ? quad(offset + 40) : UInt64(word(offset + 32))
                    let fileSize = wide ? quad(offset + 48) : UInt64(word(offset + 36))
                    try claim(fileOffset, fileSize)
                    let name = Self.fixedString(bytes, at: offset + 8)
                    segments.append(Segment(name: name, fileRange: fileOffset..<(fileOffset &+ fileSize)))
                    for section in 0..<Int(sectionCount) {
                        let record = offset + Int(base) + section * Int(sectionSize)
                        let dataSize = wide ? quad(record + 40) : UInt64(word(record + 36))
                        let field = record + (wide ? 48 : 40)  // offset, align, reloff, nreloc, flags
                        let type = word(field + 16) & 0xFF
                        // S_ZEROFILL, S_GB_ZEROFILL, S_THREAD_LOCAL_ZEROFILL occupy no file bytes.
                        if ![0x1, 0xC, 0x12].contains(type), word(field) != 0 {
                            try claim(UInt64(word(field)), dataSize)
                        }
                        try claim(word(field + 8), count: word(field + 12), entrySize: 8)
                    }
                case Self.symbolTable:
                    try expect(command, size, 24)
                    try claim(word(offset + 8), count: word(offset + 12), entrySize: is64 ? 16 : 12)
                    try claim(UInt64(word(offset + 16)), UInt64(word(offset + 20)))
                case Self.dynamicSymbolTable:
                    try expect(command, size, 80)
                    // (offset field, count field, entry size): toc, modtab, extrefsyms, indirectsyms, extrel, locrel.
                    let tables: [(Int, UInt64)] = [(32, 8), (40, is64 ? 56 : 52), (48, 4), (56, 4), (64, 8), (72, 8)]
                    for (field, entrySize) in tables {
                        try claim(word(offset + field), count: word(offset + field + 4), entrySize: entrySize)
                    }
                case Self.dyldInfo, Self.dyldInfoOnly:
                    try expect(command, size, 48)
                    for field in stride(from: 8, to: 48, by: 8) {
                        try claim(UInt64(word(offset + field)), UInt64(word(offset + field + 4)))
                    }
                case _ where Self.linkeditDataCommands.contains(command):
                    try expect(command, size, 16)
                    try claim(UInt64(word(offset + 8)), UInt64(word(offset + 12)))
                    if command == Self.codeSignature { hasCodeSignature = true }
                case 0x31:  // LC_NOTE: data_owner[16], offset, size
                    try expect(command, size, 40)
                    try claim(quad(offset + 24), quad(offset + 32))
                case Self.main:
                    try expect(command, size, 24)
                    entryOffset = quad(offset + 8)
                case _ where Self.dylibCommands.contains(command):
                    let nameOffset = Int(word(offset + 8))
                    if nameOffset >= 24, nameOffset < Int(size), libraries.count < 256,
                       let name = bytes.extracting(offset..<(offset + Int(size))).cString(at: nameOffset, maximumLength: 1024) {
                        libraries.append(name)
                    }
                default:
                    break
                }
                offset += Int(size)
            }
            declaredLength = Int(end)
        }

        /// A NUL-padded 16-byte name (segment and section names).
        private static func fixedString(_ bytes: Span<UInt8>, at offset: Int) -> String {
            var raw = bytes.bytes(in: offset..<(offset + 16))
            if let nul = raw.firstIndex(of: 0) { raw.removeSubrange(nul...) }
            return String(decoding: raw, as: UTF8.self)
        }
    }
}
