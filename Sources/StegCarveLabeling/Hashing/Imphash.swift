import Crypto
import StegCarveCarving

/// The import hash of a PE (Mandiant, 2014) exactly as pefile's `get_imphash` computes it:
/// for every imported function in table order, the lowercase DLL name without a `.dll`,
/// `.ocx` or `.sys` extension, a dot, and the lowercase function name (imports by ordinal
/// named through pefile's ordinal tables, else `ord<N>`); the list joined with commas,
/// then MD5 in lowercase hex.
package enum Imphash {
    /// The imphash, or `nil` when nothing is imported (pefile returns an empty string then).
    package static func imphash(_ table: PE.ImportTable) -> String? {
        let entries = imphashEntries(table)
        guard !entries.isEmpty else { return nil }
        return ArtifactDigests.hex(Insecure.MD5.hash(data: Array(entries.joined(separator: ",").utf8)))
    }

    /// The `library.function` strings the hash is taken over.
    package static func imphashEntries(_ table: PE.ImportTable) -> [String] {
        var entries: [String] = []
        for library in table.libraries {
            var name = library.name.lowercased()
            if let dot = name.lastIndex(of: "."), ["ocx", "sys", "dll"].contains(String(name[name.index(after: dot)...])) {
                name = String(name[..<dot])
            }
            for symbol in library.symbols {
                let function: String = switch symbol {
                case .name(let text): text
                case .ordinal(let ordinal): PE.ordinalName(library: library.name, ordinal: ordinal)
                }
                entries.append("\(name).\(function.lowercased())")
            }
        }
        return entries
    }
}
