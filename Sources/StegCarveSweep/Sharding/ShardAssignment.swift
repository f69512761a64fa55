import Crypto

/// `--shard K/N`: which of N machines scans a path. The assignment depends only on the path's
/// raw bytes, so every machine that lists the same paths agrees without talking to the others:
/// shard = (first 8 bytes of SHA-256(path bytes) as a big-endian unsigned integer) mod N,
/// numbered 0…N-1. In Python: `int.from_bytes(hashlib.sha256(path).digest()[:8], "big") % n`.
package struct ShardAssignment: Sendable, Hashable {
    /// This machine's shard, `0 ..< count`.
    package var index: Int
    package var count: Int

    /// `K/N` with `0 <= K < N`, or `nil`.
    package init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else { return nil }
        self.init(index: index, count: count)
    }

    package init?(index: Int, count: Int) {
        guard count >= 1, index >= 0, index < count else { return nil }
        self.index = index
        self.count = count
    }

    /// The shard `path` belongs to.
    package static func shard(of path: [UInt8], count: Int) -> Int {
        let digest = SHA256.hash(data: path)
        var value: UInt64 = 0
        for byte in digest.prefix(8) { value = value << 8 | UInt64(byte) }
        return Int(value % UInt64(count))
    }

    /// Whether this shard scans `path`.
    package func contains(_ path: [UInt8]) -> Bool {
        Self.shard(of: path, count: count) == index
    }
}
