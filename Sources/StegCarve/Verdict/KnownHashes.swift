/// Hashes an analyst already knows: known-bad artifacts to flag and known-good files to
/// trust, matched by MD5, SHA-1 or SHA-256.
public struct KnownHashes: Sendable, Hashable, Codable {
    /// Whether a listed hash marks something bad or good.
    public enum Kind: String, Sendable, Hashable, Codable {
        case bad = "known-bad"
        case good = "known-good"
    }

    /// What a list says about one hash.
    public struct Entry: Sendable, Hashable, Codable {
        public var kind: Kind
        /// The name the list gives, or the list's file name when it gives none.
        public var name: String
    }

    private var entries: [String: Entry] = [:]

    public init() {}

    /// Number of hashes listed.
    public var count: Int { entries.count }

    /// Adds one hash (hex, any case); returns false when it is not an MD5, SHA-1 or SHA-256.
    @discardableResult
    public mutating func add(hash: String, name: String, kind: Kind) -> Bool {
        let normalized = hash.lowercased()
        guard [32, 40, 64].contains(normalized.count), normalized.allSatisfy(\.isHexDigit) else { return false }
        entries[normalized] = Entry(kind: kind, name: name)
        return true
    }

    /// Adds every hash of a list: one hash per line, or CSV lines `hash,name`; blank lines and
    /// lines starting with `#` are skipped, as is a header line whose first field is no hash.
    /// - Returns: the number of lines that held no valid hash.
    @discardableResult
    public mutating func add(list text: String, defaultName: String, kind: Kind) -> Int {
        var rejected = 0
        for (index, raw) in text.split(whereSeparator: \.isNewline).enumerated() {
            let line = raw.trimmingCharacters(in: " \t\r")
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            let fields = line.split(separator: ",", maxSplits: 1).map { $0.trimmingCharacters(in: " \t\"") }
            let name = fields.count > 1 && !fields[1].isEmpty ? fields[1] : defaultName
            if !add(hash: fields[0], name: name, kind: kind), index > 0 { rejected += 1 }
        }
        return rejected
    }

    /// The entry for the first of the hashes that is listed.
    public func match(md5: String? = nil, sha1: String? = nil, sha256: String?) -> Entry? {
        for hash in [sha256, sha1, md5].compactMap({ $0 }) {
            if let entry = entries[hash.lowercased()] { return entry }
        }
        return nil
    }

    /// Whether any MD5 or SHA-1 is listed (only then are files hashed with them too).
    public var listsWeakHashes: Bool { entries.keys.contains { $0.count != 64 } }
}

extension String {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var characters = Substring(self)
        while let first = characters.first, set.contains(first) { characters.removeFirst() }
        while let last = characters.last, set.contains(last) { characters.removeLast() }
        return String(characters)
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> String { String(self).trimmingCharacters(in: set) }
}
