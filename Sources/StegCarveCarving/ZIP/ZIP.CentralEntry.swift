import StegCarveBytes

extension ZIP {
    /// A central directory file header (APPNOTE 4.3.12).
    package struct CentralEntry: Sendable, Equatable {
        /// The member's name (UTF-8, or CP437 read byte-for-byte as Latin-1).
        package var name: String
        /// `general purpose bit flag`.
        package var flags: UInt16
        /// `compression method`.
        package var method: UInt16
        /// `crc-32` of the uncompressed data.
        package var crc32: UInt32
        /// `compressed size` (ZIP64-resolved).
        package var compressedSize: UInt64
        /// `uncompressed size` (ZIP64-resolved).
        package var uncompressedSize: UInt64
        /// `relative offset of local header` (ZIP64-resolved), relative to the archive base.
        package var localHeaderOffset: UInt64
        /// Any field came from a ZIP64 extra field.
        package var isZip64: Bool
        /// Bytes of this header, name, extra field and comment.
        package var length: Int
        /// Where the name bytes are.
        package var nameRange: Range<Int>

        /// The member is encrypted (general purpose bit 0).
        package var isEncrypted: Bool { flags & 0x0001 != 0 }
        /// The member is a directory: its name ends with `/` and it holds no data. A member
        /// named `payload.elf/` with data is a file to extractors that write it, so it is
        /// unpacked like one.
        package var isDirectory: Bool { name.hasSuffix("/") && compressedSize == 0 && uncompressedSize == 0 }

        /// Parses the header at `offset`, or `nil` when it is not one or runs past `limit`.
        package init?(_ bytes: Span<UInt8>, at offset: Int, limit: Int) {
            guard bytes.matches(ZIP.centralSignature, at: offset), limit - offset >= 46,
                  let flags = bytes.uint16(at: offset + 8, .little),
                  let method = bytes.uint16(at: offset + 10, .little),
                  let crc = bytes.uint32(at: offset + 16, .little),
                  let compressed = bytes.uint32(at: offset + 20, .little),
                  let uncompressed = bytes.uint32(at: offset + 24, .little),
                  let nameLength = bytes.uint16(at: offset + 28, .little),
                  let extraLength = bytes.uint16(at: offset + 30, .little),
                  let commentLength = bytes.uint16(at: offset + 32, .little),
                  let disk = bytes.uint16(at: offset + 34, .little),
                  let localOffset = bytes.uint32(at: offset + 42, .little) else { return nil }
            let length = 46 + Int(nameLength) + Int(extraLength) + Int(commentLength)
            // The name is data (it may be empty or hold NULs); only its length is checked.
            guard limit - offset >= length, disk == 0 || disk == 0xFFFF else { return nil }
            let nameRange = (offset + 46)..<(offset + 46 + Int(nameLength))
            let extra = nameRange.upperBound..<(nameRange.upperBound + Int(extraLength))
            // ZIP64 extra field: only the saturated fields are present, in this order.
            var index = 0
            var zip64 = false
            func resolve(_ value: UInt32) -> UInt64? {
                guard value == 0xFFFF_FFFF else { return UInt64(value) }
                defer { index += 1 }
                zip64 = true
                return ZIP.zip64Field(in: bytes, extra: extra, skipping: index)
            }
            guard let uncompressedSize = resolve(uncompressed), let compressedSize = resolve(compressed),
                  let localHeaderOffset = resolve(localOffset),
                  compressedSize < ZIP.maximumExtent, localHeaderOffset < ZIP.maximumExtent else { return nil }
            let raw = bytes.bytes(in: nameRange)
            self.name = String(validating: raw, as: UTF8.self) ?? String(raw.map { Character(Unicode.Scalar($0)) })
            self.flags = flags
            self.method = method
            self.crc32 = crc
            self.compressedSize = compressedSize
            self.uncompressedSize = uncompressedSize
            self.localHeaderOffset = localHeaderOffset
            self.isZip64 = zip64
            self.length = length
            self.nameRange = nameRange
        }
    }
}
