import StegCarveBytes

extension ELF.Image {
    /// The program interpreter named by PT_INTERP, e.g. `/lib64/ld-linux-x86-64.so.2`.
    package func interpreter(in bytes: Span<UInt8>) -> String? {
        guard let segment = programHeaders.first(where: { $0.type == ELF.ProgramHeader.interpreter }),
              let range = fileRange(offset: segment.offset, size: segment.fileSize, in: bytes) else { return nil }
        return bytes.extracting(range).cString(at: 0, maximumLength: 4096)
    }

    /// Whether a PT_DYNAMIC segment exists.
    package var hasDynamicSegment: Bool {
        programHeaders.contains { $0.type == ELF.ProgramHeader.dynamic }
    }

    /// Libraries named by DT_NEEDED entries, in order.
    ///
    /// Reads PT_DYNAMIC, maps DT_STRTAB's address to a file offset through the PT_LOAD
    /// segments, so it works on binaries whose section headers were stripped.
    package func neededLibraries(in bytes: Span<UInt8>) -> [String] {
        guard let dynamic = programHeaders.first(where: { $0.type == ELF.ProgramHeader.dynamic }),
              let table = fileRange(offset: dynamic.offset, size: dynamic.fileSize, in: bytes) else { return [] }
        let entrySize = header.fileClass == .elf64 ? 16 : 8
        let order = header.byteOrder
        var needed: [UInt64] = []
        var stringTableAddress: UInt64?
        var stringTableSize: UInt64?
        var position = table.lowerBound
        while table.upperBound - position >= entrySize, needed.count < 1024 {
            let tag: UInt64
            let value: UInt64
            if header.fileClass == .elf64 {
                tag = bytes.uint64(at: position, order) ?? 0
                value = bytes.uint64(at: position + 8, order) ?? 0
            } else {
                tag = UInt64(bytes.uint32(at: position, order) ?? 0)
                value = UInt64(bytes.uint32(at: position + 4, order) ?? 0)
            }
            position += entrySize
            switch tag {
            case 0: position = table.upperBound  // DT_NULL ends the array
            case 1: needed.append(value)  // DT_NEEDED
            case 5: stringTableAddress = value  // DT_STRTAB
            case 10: stringTableSize = value  // DT_STRSZ
            default: continue
            }
        }
        guard let address = stringTableAddress, let strings = fileOffset(ofAddress: address, in: bytes) else { return [] }
        let limit = stringTableSize.flatMap { Int(exactly: $0) } ?? (bytes.count - strings)
        guard let stringRange = fileRange(offset: UInt64(strings), size: UInt64(max(0, min(limit, bytes.count - strings))), in: bytes) else { return [] }
        let stringTable = bytes.extracting(stringRange)
        return needed.compactMap { offset in
            guard let start = Int(exactly: offset) else { return nil }
            return stringTable.cString(at: start, maximumLength: 1024)
        }
    }

    /// The file offset of virtual `address`, through the PT_LOAD segment that maps it.
    package func fileOffset(ofAddress address: UInt64, in bytes: Span<UInt8>) -> Int? {
        for segment in programHeaders where segment.type == ELF.ProgramHeader.load {
            guard address >= segment.virtualAddress else { continue }
            let delta = address - segment.virtualAddress
            guard delta < segment.fileSize else { continue }
            let (offset, overflow) = segment.offset.addingReportingOverflow(delta)
            guard !overflow, let result = Int(exactly: offset), result < bytes.count else { return nil }
            return result
        }
        return nil
    }

    /// Whether a symbol table (SHT_SYMTAB) survives; `strip` removes it.
    package var hasSymbolTable: Bool {
        sectionHeaders.contains { $0.type == ELF.SectionHeader.symbolTable }
    }
}
