import Crypto
import StegCarveBytes

/// MD5, SHA-1 and SHA-256 of an artifact, as lowercase hex: the identifiers analysts paste
/// into other tools. MD5 and SHA-1 are for lookup only, never for trust.
package struct ArtifactDigests: Sendable, Equatable {
    package var md5: String
    package var sha1: String
    package var sha256: String

    /// Hashes `bytes` with all three digests.
    package init(of bytes: Span<UInt8>) {
        var md5 = Insecure.MD5()
        var sha1 = Insecure.SHA1()
        var sha256 = SHA256()
        unsafe bytes.withUnsafeBytes { raw in
            unsafe md5.update(bufferPointer: raw)
            unsafe sha1.update(bufferPointer: raw)
            unsafe sha256.update(bufferPointer: raw)
        }
        self.md5 = Self.hex(md5.finalize())
        self.sha1 = Self.hex(sha1.finalize())
        self.sha256 = Self.hex(sha256.finalize())
    }

    /// Hex SHA-256 of `bytes` alone (uses the CPU's SHA extensions where present).
    package static func sha256(of bytes: Span<UInt8>) -> String {
        var hasher = SHA256()
        unsafe bytes.withUnsafeBytes { raw in unsafe hasher.update(bufferPointer: raw) }
        return hex(hasher.finalize())
    }

    /// Lowercase hex of a digest.
    package static func hex(_ digest: some Sequence<UInt8>) -> String {
        HexEncoding.string(digest)
    }
}
