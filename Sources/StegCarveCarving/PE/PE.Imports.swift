import StegCarveBytes

extension PE {
    /// One library in the import directory (data directory 1) and what is imported from it.
    package struct ImportedLibrary: Sendable, Equatable {
        /// The DLL name as written (`KERNEL32.dll`).
        package var name: String
        /// Imported functions, in thunk order.
        package var symbols: [ImportedSymbol]
    }

    /// One imported function: by name (with its hint) or by ordinal.
    package enum ImportedSymbol: Sendable, Equatable {
        case name(String)
        case ordinal(UInt32)
    }

    /// The import directory, as far as it could be read within the limits.
    package struct ImportTable: Sendable, Equatable {
        package var libraries: [ImportedLibrary]
        /// A limit stopped the walk (more libraries or functions than ``PE/maximumImportedLibraries``
        /// / ``PE/maximumImportedSymbols``), so the list and any hash over it are partial.
        package var truncated: Bool

        /// Every imported function, `library!function` style for display: `kernel32.dll!ExitProcess`.
        package var count: Int { libraries.reduce(0) { $0 + $1.symbols.count } }
    }

    /// Most import descriptors read.
    package static let maximumImportedLibraries = 1_024
    /// Most imported functions read over all libraries (pefile stops at 0x2000 per library).
    package static let maximumImportedSymbols = 16_384
}

extension PE.Image {
    /// The import directory (IMAGE_IMPORT_DESCRIPTOR array, PE Format "The .idata Section"),
    /// or `nil` when the image declares none. Each descriptor's import lookup table
    /// (`OriginalFirstThunk`, else the import address table `FirstThunk`) is walked to its zero
    /// entry: ordinal flag in the top bit, else the RVA of a hint/name entry. Names and
    /// counts are bounded; the walk stops at the first descriptor that is all zeros.
    package func imports(in bytes: Span<UInt8>) -> PE.ImportTable? {
        guard let directory = headers.directory(1), directory.address != 0, directory.size != 0,
              var descriptor = fileOffset(ofRVA: directory.address, in: bytes) else { return nil }
        let wide = headers.format == .pe32Plus
        let thunkSize = wide ? 8 : 4
        var table = PE.ImportTable(libraries: [], truncated: false)
        var symbolCount = 0
        while bytes.contains(offset: descriptor, length: 20) {
            let lookup = bytes.uint32(at: descriptor, .little) ?? 0
            let nameRVA = bytes.uint32(at: descriptor + 12, .little) ?? 0
            let addressTable = bytes.uint32(at: descriptor + 16, .little) ?? 0
            if lookup == 0, nameRVA == 0, addressTable == 0, bytes.uint32(at: descriptor + 4, .little) == 0 { break }
            guard table.libraries.count < PE.maximumImportedLibraries else { table.truncated = true; break }
            let name = string(atRVA: nameRVA, in: bytes, maximumLength: 512) ?? "*invalid*"
            var library = PE.ImportedLibrary(name: name, symbols: [])
            let start = lookup != 0 ? lookup : addressTable
            if var thunk = fileOffset(ofRVA: start, in: bytes) {
                while bytes.contains(offset: thunk, length: thunkSize) {
                    let entry = wide ? bytes.uint64(at: thunk, .little) ?? 0 : UInt64(bytes.uint32(at: thunk, .little) ?? 0)
                    if entry == 0 { break }
                    guard symbolCount < PE.maximumImportedSymbols else { table.truncated = true; break }
                    let ordinalFlag: UInt64 = wide ? 1 << 63 : 1 << 31
                    if entry & ordinalFlag != 0 {
                        library.symbols.append(.ordinal(UInt32(entry & 0xFFFF)))
                    } else if let hintName = UInt32(exactly: entry & 0x7FFF_FFFF),
                              let function = string(atRVA: hintName &+ 2, in: bytes, maximumLength: 512), !function.isEmpty {
                        library.symbols.append(.name(function))
                    } else {
                        library.symbols.append(.name("*invalid*"))
                    }
                    symbolCount += 1
                    thunk += thunkSize
                }
            }
            table.libraries.append(library)
            if table.truncated { break }
            descriptor += 20
        }
        return table
    }
}
