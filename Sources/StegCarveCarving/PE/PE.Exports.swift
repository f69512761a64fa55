import StegCarveBytes

extension PE {
    /// The export directory (data directory 0): the DLL's own name and its exported names.
    package struct ExportTable: Sendable, Equatable {
        /// The name the image gives itself (`Name`), e.g. `payload.dll`.
        package var name: String?
        /// `NumberOfFunctions`: entries in the export address table.
        package var functionCount: Int
        /// Exported names in table order (at most ``PE/maximumExportedNames``).
        package var names: [String]
        /// `NumberOfNames`, which may exceed `names.count`.
        package var nameCount: Int
    }

    /// Most exported names read.
    package static let maximumExportedNames = 4_096
}

extension PE.Image {
    /// The export directory (IMAGE_EXPORT_DIRECTORY, PE Format "The .edata Section"), or `nil`
    /// when the image declares none or it lies outside the file.
    package func exports(in bytes: Span<UInt8>) -> PE.ExportTable? {
        guard let directory = headers.directory(0), directory.address != 0, directory.size != 0,
              let offset = fileOffset(ofRVA: directory.address, in: bytes), bytes.contains(offset: offset, length: 40),
              let nameRVA = bytes.uint32(at: offset + 12, .little),
              let functionCount = bytes.uint32(at: offset + 20, .little),
              let nameCount = bytes.uint32(at: offset + 24, .little),
              let namesRVA = bytes.uint32(at: offset + 32, .little) else { return nil }
        var names: [String] = []
        if nameCount > 0, let table = fileOffset(ofRVA: namesRVA, in: bytes) {
            for index in 0..<min(Int(nameCount), PE.maximumExportedNames) {
                guard let entry = bytes.uint32(at: table + 4 * index, .little) else { break }
                names.append(string(atRVA: entry, in: bytes, maximumLength: 512) ?? "*invalid*")
            }
        }
        return PE.ExportTable(
            name: nameRVA == 0 ? nil : string(atRVA: nameRVA, in: bytes, maximumLength: 512),
            functionCount: Int(functionCount), names: names, nameCount: Int(nameCount)
        )
    }
}
