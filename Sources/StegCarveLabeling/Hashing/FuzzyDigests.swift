import CFuzzy
import CTLSHShim

/// Similarity digests of an artifact: ssdeep (context-triggered piecewise hashing, libfuzzy)
/// and TLSH (locality-sensitive hashing, libtlsh). Unlike MD5/SHA, near-identical artifacts
/// get near-identical digests, so analysts cluster variants with `ssdeep -m` or `tlsh -c`.
///
/// This is one of the few files with `unsafe` code: the two C calls.
package struct FuzzyDigests: Sendable, Equatable {
    /// ssdeep digest, `blocksize:hash:hash` as the `ssdeep` tool prints it; `nil` only if
    /// libfuzzy fails (it hashes any input, the empty one included).
    package var ssdeep: String?
    /// TLSH digest with the `T1` version prefix of TLSH 4 (what VirusTotal and `py-tlsh` show);
    /// `nil` for inputs under 256 bytes or with too little variety, which libtlsh 3.4 does not hash.
    package var tlsh: String?

    /// Hashes `bytes` with both algorithms.
    /// - Complexity: O(n); ssdeep may rehash with a smaller block size once or twice.
    package init(of bytes: Span<UInt8>) {
        ssdeep = Self.ssdeep(of: bytes)
        tlsh = Self.tlsh(of: bytes)
    }

    /// The ssdeep digest of `bytes`.
    package static func ssdeep(of bytes: Span<UInt8>) -> String? {
        // libfuzzy takes a uint32_t length.
        guard bytes.count <= Int(UInt32.max) else { return nil }
        // FUZZY_MAX_RESULT (2 * SPAMSUM_LENGTH + 20) and its NUL; Swift cannot import the macro expression.
        var result = [CChar](repeating: 0, count: Int(SPAMSUM_LENGTH) * 2 + 20 + 1)
        let status = unsafe bytes.withUnsafeBufferPointer { input in
            unsafe result.withUnsafeMutableBufferPointer { output in
                // An empty span may have no base address; libfuzzy reads nothing then.
                let empty: [UInt8] = [0]
                return unsafe empty.withUnsafeBufferPointer { fallback in
                    unsafe fuzzy_hash_buf(input.baseAddress ?? fallback.baseAddress, UInt32(input.count), output.baseAddress)
                }
            }
        }
        guard status == 0 else { return nil }
        return Self.string(result)
    }

    /// The TLSH digest of `bytes`, `T1` + 70 hex digits.
    package static func tlsh(of bytes: Span<UInt8>) -> String? {
        guard bytes.count >= 256 else { return nil }
        var result = [CChar](repeating: 0, count: Int(STEGCARVE_TLSH_BUFFER_LENGTH))
        let status = unsafe bytes.withUnsafeBufferPointer { input in
            unsafe result.withUnsafeMutableBufferPointer { output in
                unsafe stegcarve_tlsh(input.baseAddress, input.count, output.baseAddress)
            }
        }
        guard status == 1 else { return nil }
        return "T1" + Self.string(result)
    }

    /// The NUL-terminated ASCII in `characters`.
    private static func string(_ characters: [CChar]) -> String {
        let end = characters.firstIndex(of: 0) ?? characters.endIndex
        return String(decoding: characters[..<end].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
