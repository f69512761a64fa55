import StegCarveBytes

/// Namespace for Dalvik executables (Android "Dalvik Executable format", `header_item`).
package enum DEX {}

extension DEX {
    /// Why bytes that start with `dex\n` are not a DEX file StegCarve accepts.
    package enum ParseError: Error, Sendable, Equatable {
        /// Fewer than the 0x70 bytes of `header_item`.
        case truncatedHeader(available: Int)
        /// The version is not `035\0` ... `039\0`.
        case unsupportedVersion([UInt8])
        /// `header_size` is not 0x70.
        case invalidHeaderSize(UInt32)
        /// `endian_tag` is not ENDIAN_CONSTANT (0x12345678).
        case invalidEndianTag(UInt32)
        /// `file_size` is smaller than the header or beyond ``DEX/maximumExtent``.
        case invalidFileSize(UInt32)
        /// An id table or section (`name_off`, `name_size`) lies outside `file_size` or is misaligned.
        case invalidSection(name: String, offset: UInt32, size: UInt32)
        /// The Adler-32 `checksum` does not match the file (checked when the file is complete).
        case checksumMismatch(declared: UInt32, computed: UInt32)
    }

    /// The largest DEX StegCarve will claim.
    package static let maximumExtent: UInt32 = 1 << 30

    /// The `header_item` of a DEX file.
    package struct Header: Sendable, Equatable {
        /// `035` ... `039`.
        package var version: String
        /// `checksum` (Adler-32 of everything after it).
        package var checksum: UInt32
        /// `file_size`.
        package var fileSize: Int
        /// `string_ids_size`.
        package var stringCount: Int
        /// `type_ids_size`.
        package var typeCount: Int
        /// `method_ids_size`.
        package var methodCount: Int
        /// `class_defs_size`.
        package var classCount: Int
        /// The checksum was verified (the whole file was available).
        package var checksumVerified: Bool

        /// Parses and validates the header at the start of `bytes`; verifies the checksum
        /// when all `file_size` bytes are present.
        /// - Throws: ``DEX/ParseError``.
        package init(parsing bytes: Span<UInt8>) throws(ParseError) {
            guard bytes.count >= 0x70 else { throw .truncatedHeader(available: bytes.count) }
            let versionBytes = bytes.bytes(in: 4..<8)
            guard versionBytes[0] == 0x30, versionBytes[1] == 0x33, (0x35...0x39).contains(versionBytes[2]), versionBytes[3] == 0 else {
                throw .unsupportedVersion(versionBytes)
            }
            version = String(decoding: versionBytes.prefix(3), as: UTF8.self)
            func word(_ offset: Int) -> UInt32 { bytes.uint32(at: offset, .little) ?? 0 }
            checksum = word(8)
            let size = word(32)
            guard word(36) == 0x70 else { throw .invalidHeaderSize(word(36)) }
            guard word(40) == 0x1234_5678 else { throw .invalidEndianTag(word(40)) }
            guard size >= 0x70, size <= DEX.maximumExtent else { throw .invalidFileSize(size) }
            fileSize = Int(size)
            // (name, size field, offset field, entry size): every table inside the file.
            let tables: [(String, Int, Int, UInt64)] = [
                ("link", 44, 48, 1), ("string_ids", 56, 60, 4), ("type_ids", 64, 68, 4), ("proto_ids", 72, 76, 12),
                ("field_ids", 80, 84, 8), ("method_ids", 88, 92, 8), ("class_defs", 96, 100, 32), ("data", 104, 108, 1),
            ]
            for (name, sizeField, offsetField, entrySize) in tables {
                let count = word(sizeField), offset = word(offsetField)
                let end = UInt64(offset) + UInt64(count) * entrySize
                let aligned = entrySize == 1 || offset % 4 == 0
                guard count == 0 || (offset >= 0x70 && aligned && end <= UInt64(size)) else {
                    throw .invalidSection(name: name, offset: offset, size: count)
                }
            }
            let mapOffset = word(52)
            guard mapOffset == 0 || (mapOffset >= 0x70 && mapOffset % 4 == 0 && mapOffset < size) else {
                throw .invalidSection(name: "map", offset: mapOffset, size: 0)
            }
            stringCount = Int(word(56))
            typeCount = Int(word(64))
            methodCount = Int(word(88))
            classCount = Int(word(96))
            checksumVerified = false
            if bytes.count >= fileSize {
                let computed = Self.adler32(bytes.extracting(12..<fileSize))
                guard computed == checksum else { throw .checksumMismatch(declared: checksum, computed: computed) }
                checksumVerified = true
            }
        }

        /// Adler-32 (RFC 1950), as the DEX `checksum` field uses it.
        package static func adler32(_ bytes: Span<UInt8>) -> UInt32 {
            var a: UInt32 = 1, b: UInt32 = 0
            var index = 0
            while index < bytes.count {
                // 5552 bytes is the most that cannot overflow before the modulo (zlib's NMAX).
                let end = min(index + 5552, bytes.count)
                while index < end {
                    a &+= UInt32(bytes[index])
                    b &+= a
                    index += 1
                }
                a %= 65521
                b %= 65521
            }
            return b << 16 | a
        }
    }
}
