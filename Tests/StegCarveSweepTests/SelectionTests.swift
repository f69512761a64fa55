import StegCarveSweep
import SystemPackage
import Testing

@Suite("Sweep selection: shards, globs, sniffing")
struct SelectionTests {
    @Test("shard = first 8 bytes of SHA-256(path) big-endian mod N (values from Python's hashlib)", arguments: [
        (Array("a.jpg".utf8), 4),
        (Array("dir/x.png".utf8), 6),
        ([0xFF, 0xFE] + Array(".jpg".utf8), 3),
    ])
    func shardFormula(path: [UInt8], expected: Int) {
        #expect(ShardAssignment.shard(of: path, count: 7) == expected)
    }

    @Test("every path is in exactly one shard, and shards are roughly even")
    func shardPartition() throws {
        let shards = try (0..<4).map { try #require(ShardAssignment(index: $0, count: 4)) }
        var sizes = [0, 0, 0, 0]
        for index in 0..<4000 {
            let path = Array("tree/\(index).jpg".utf8)
            let owners = shards.filter { $0.contains(path) }
            #expect(owners.count == 1)
            if let owner = owners.first { sizes[owner.index] += 1 }
        }
        #expect(sizes.allSatisfy { $0 > 850 && $0 < 1150 })
    }

    @Test("K/N parsing", arguments: [("0/1", true), ("3/4", true), ("4/4", false), ("-1/4", false), ("1/0", false), ("1", false), ("a/b", false), ("1/2/3", false)])
    func shardParsing(text: String, valid: Bool) {
        #expect((ShardAssignment(parsing: text) != nil) == valid)
    }

    @Test("globs: without '/' against the base name, with '/' against the whole path (fnmatch, flags 0)", arguments: [
        ("*.jpg", "a/b/c.jpg", true),
        ("*.jpg", "a/b/c.jpeg", false),
        ("c.jp?", "a/b/c.jpg", true),
        ("[ab]*", "x/apple", true),
        ("[!ab]*", "x/apple", false),
        (".git", "repo/.git", true),
        ("a/*/c.jpg", "a/b/c.jpg", true),
        ("a/*", "a/b/c.jpg", true),
        ("b/*", "a/b/c.jpg", false),
        ("*/tmp/*", "up/tmp/x", true),
        ("\\*", "dir/*", true),
    ])
    func globs(pattern: String, path: String, matches: Bool) {
        #expect(GlobPattern(pattern).matches(path: Array(path.utf8)) == matches)
    }

    @Test("a glob matches raw bytes that are not UTF-8")
    func rawGlob() {
        #expect(GlobPattern("*.jpg").matches(path: [0x64, 0x2F, 0xFF, 0xFE, 0x2E, 0x6A, 0x70, 0x67]))
    }

    static let sniffCases: [(header: [UInt8], picture: Bool)] = [
        ([0xFF, 0xD8, 0xFF, 0xE0], true),
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], true),
        (Array("GIF89a".utf8), true),
        (Array("BM".utf8) + [0, 0], true),
        (Array("RIFF".utf8) + [0, 0, 0, 0] + Array("WEBP".utf8), true),
        (Array("RIFF".utf8) + [0, 0, 0, 0] + Array("WAVE".utf8), false),
        ([0x49, 0x49, 0x2A, 0x00], true),
        ([0x4D, 0x4D, 0x00, 0x2A], true),
        ([0x00, 0x00, 0x01, 0x00, 0x01, 0x00], true),
        ([0x7F, 0x45, 0x4C, 0x46], false),
        (Array("PK".utf8) + [3, 4], false),
        (Array("%PDF-1.7".utf8), false),
        ([0xFF, 0xD8], false),
        ([], false),
    ]

    @Test("sniffing: picture signatures pass, other content does not", arguments: sniffCases)
    func sniff(header: [UInt8], picture: Bool) {
        #expect(ContentSniffer.isPicture(header) == picture)
    }

    @Test("raw path bytes round-trip through FilePath")
    func rawBytes() {
        let bytes: [UInt8] = [0x61, 0x2F, 0xFF, 0x0A, 0x62]
        #expect(FilePath(rawBytes: bytes).rawBytes == bytes)
    }
}
