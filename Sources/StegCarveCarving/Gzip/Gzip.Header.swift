import StegCarveBytes

/// Namespace for the gzip file format (RFC 1952).
package enum Gzip {}

extension Gzip {
    /// Why bytes that start with `1F 8B 08` are not a gzip member StegCarve accepts.
    package enum ParseError: Error, Sendable, Equatable {
        /// The fixed 10-byte header, or a field a flag announces, runs past the end.
        case truncatedHeader(needed: Int, available: Int)
        /// `FLG` has reserved bits 5–7 set.
        case reservedFlags(UInt8)
        /// `XFL` is not 0, 2 (maximum compression) or 4 (fastest).
        case invalidExtraFlags(UInt8)
        /// `OS` is not 0–13 or 255 (unknown).
        case invalidOperatingSystem(UInt8)
        /// `FNAME` or `FCOMMENT` has no terminating NUL within 64 KiB.
        case unterminatedString(field: String)
        /// `FHCRC` does not match the low 16 bits of the header's CRC-32.
        case headerChecksum(declared: UInt16, computed: UInt16)
    }

    /// The longest FNAME/FCOMMENT accepted (the RFC sets no limit; real ones are short).
    static let maximumStringLength = 1 << 16

    /// A gzip member header (RFC 1952 section 2.3); offsets are relative to the member.
    package struct Header: Sendable, Equatable {
        /// `FLG`.
        package var flags: UInt8
        /// `MTIME`: modification time of the original file, Unix seconds (0 = none).
        package var modificationTime: UInt32
        /// `XFL`.
        package var extraFlags: UInt8
        /// `OS`.
        package var operatingSystem: UInt8
        /// `FNAME`: the original file name (ISO 8859-1 by the RFC; read as UTF-8 or Latin-1).
        package var originalName: String?
        /// `FCOMMENT`.
        package var comment: String?
        /// Bytes of the header, flags' fields included: where the deflate data starts.
        package var length: Int

        /// Parses and validates the header at the start of `bytes`, in field order.
        package init(parsing bytes: Span<UInt8>) throws(ParseError) {
            guard bytes.count >= 10 else { throw .truncatedHeader(needed: 10, available: bytes.count) }
            flags = bytes[3]
            guard flags & 0xE0 == 0 else { throw .reservedFlags(flags) }
            modificationTime = bytes.uint32(at: 4, .little) ?? 0
            extraFlags = bytes[8]
            guard [0, 2, 4].contains(extraFlags) else { throw .invalidExtraFlags(extraFlags) }
            operatingSystem = bytes[9]
            guard operatingSystem <= 13 || operatingSystem == 255 else { throw .invalidOperatingSystem(operatingSystem) }
            var position = 10
            if flags & 0x04 != 0 {  // FEXTRA: XLEN, then XLEN bytes
                guard let extraLength = bytes.uint16(at: position, .little),
                      bytes.contains(offset: position + 2, length: Int(extraLength)) else {
                    throw .truncatedHeader(needed: position + 2, available: bytes.count)
                }
                position += 2 + Int(extraLength)
            }
            originalName = nil
            comment = nil
            if flags & 0x08 != 0 {  // FNAME
                let (text, end) = try Self.string(in: bytes, at: position, field: "FNAME")
                originalName = text
                position = end
            }
            if flags & 0x10 != 0 {  // FCOMMENT
                let (text, end) = try Self.string(in: bytes, at: position, field: "FCOMMENT")
                comment = text
                position = end
            }
            if flags & 0x02 != 0 {  // FHCRC: low 16 bits of the CRC-32 of the header so far
                guard let declared = bytes.uint16(at: position, .little) else {
                    throw .truncatedHeader(needed: position + 2, available: bytes.count)
                }
                let computed = UInt16(truncatingIfNeeded: Zlib.crc32(bytes, in: 0..<position))
                guard declared == computed else { throw .headerChecksum(declared: declared, computed: computed) }
                position += 2
            }
            length = position
        }

        /// A NUL-terminated string at `offset`, and the offset after its NUL.
        private static func string(in bytes: Span<UInt8>, at offset: Int, field: String) throws(ParseError) -> (String, Int) {
            var end = offset
            let limit = min(bytes.count, offset + maximumStringLength)
            while end < limit, bytes[end] != 0 { end += 1 }
            guard end < limit else {
                if limit == bytes.count { throw .truncatedHeader(needed: end + 1, available: bytes.count) }
                throw .unterminatedString(field: field)
            }
            let raw = bytes.bytes(in: offset..<end)
            // RFC 1952 says ISO 8859-1; most tools write UTF-8. Latin-1 maps byte to scalar.
            let text = String(validating: raw, as: UTF8.self) ?? String(raw.map { Character(Unicode.Scalar($0)) })
            return (text, end + 1)
        }
    }
}
