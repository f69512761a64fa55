import StegCarveBytes

/// Namespace for the ZIP file format (PKWARE APPNOTE.TXT 6.3.10).
package enum ZIP {}

extension ZIP {
    static let localSignature: [UInt8] = [0x50, 0x4B, 0x03, 0x04]
    static let centralSignature: [UInt8] = [0x50, 0x4B, 0x01, 0x02]
    static let endSignature: [UInt8] = [0x50, 0x4B, 0x05, 0x06]
    static let end64Signature: [UInt8] = [0x50, 0x4B, 0x06, 0x06]
    static let locator64Signature: [UInt8] = [0x50, 0x4B, 0x06, 0x07]
    static let descriptorSignature: [UInt8] = [0x50, 0x4B, 0x07, 0x08]

    /// Compression methods APPNOTE 4.4.5 defines (and WinZip's 93–99), the only ones a
    /// local header may name before StegCarve believes it.
    static let knownMethods: Set<UInt16> = [0, 1, 2, 3, 4, 5, 6, 8, 9, 10, 12, 14, 16, 18, 19, 20, 93, 94, 95, 96, 97, 98, 99]

    /// Largest offset or size a ZIP field may declare here (ZIP64 fields are 64-bit).
    static let maximumExtent: UInt64 = 1 << 40

    /// A local file header (APPNOTE 4.3.7); offsets are absolute in the span it came from.
    package struct LocalHeader: Sendable, Equatable {
        /// Where the header starts.
        package var offset: Int
        /// `general purpose bit flag`.
        package var flags: UInt16
        /// `compression method`.
        package var method: UInt16
        /// `compressed size`, from the ZIP64 extra field when the header says 0xFFFFFFFF.
        package var compressedSize: UInt64
        /// The name bytes.
        package var nameRange: Range<Int>
        /// Where the member's data starts.
        package var dataOffset: Int

        /// Sizes live in a data descriptor after the data (general purpose bit 3).
        package var hasDataDescriptor: Bool { flags & 0x0008 != 0 }
        /// The member is encrypted (bit 0).
        package var isEncrypted: Bool { flags & 0x0001 != 0 }
        /// A ZIP64 extra field gave the sizes.
        package var isZip64: Bool

        /// Parses and validates the header at `offset`: signature, version, a known method,
        /// and the name and extra field inside the bytes. The name is data: empty names and
        /// NUL bytes are accepted, as `unzip`, `7z` and Python's `zipfile` accept them.
        package init?(_ bytes: Span<UInt8>, at offset: Int) {
            guard bytes.matches(ZIP.localSignature, at: offset), bytes.contains(offset: offset, length: 30),
                  let version = bytes.uint16(at: offset + 4, .little),
                  let flags = bytes.uint16(at: offset + 6, .little),
                  let method = bytes.uint16(at: offset + 8, .little),
                  let compressed = bytes.uint32(at: offset + 18, .little),
                  let nameLength = bytes.uint16(at: offset + 26, .little),
                  let extraLength = bytes.uint16(at: offset + 28, .little) else { return nil }
            // Version needed: spec version × 10 in the low byte (at most 6.3), host in the high.
            guard version & 0xFF <= 63, version >> 8 <= 19, ZIP.knownMethods.contains(method) else { return nil }
            let nameStart = offset + 30
            guard bytes.contains(offset: nameStart, length: Int(nameLength) + Int(extraLength)) else { return nil }
            let nameRange = nameStart..<(nameStart + Int(nameLength))
            self.offset = offset
            self.flags = flags
            self.method = method
            self.nameRange = nameRange
            self.dataOffset = nameRange.upperBound + Int(extraLength)
            let extra = nameRange.upperBound..<dataOffset
            let zip64 = compressed == 0xFFFF_FFFF ? ZIP.zip64Field(in: bytes, extra: extra, skipping: bytes.uint32(at: offset + 22, .little) == 0xFFFF_FFFF ? 1 : 0) : nil
            let compressedSize = zip64 ?? UInt64(compressed)
            guard compressedSize < ZIP.maximumExtent else { return nil }
            self.isZip64 = zip64 != nil
            self.compressedSize = compressedSize
        }
    }

    /// The 8-byte value number `index` (after `skipping` earlier ones) in the ZIP64
    /// extended information extra field (header ID 0x0001) inside `extra`.
    static func zip64Field(in bytes: Span<UInt8>, extra: Range<Int>, skipping: Int) -> UInt64? {
        var position = extra.lowerBound
        while position + 4 <= extra.upperBound {
            guard let id = bytes.uint16(at: position, .little), let size = bytes.uint16(at: position + 2, .little) else { return nil }
            let data = position + 4
            guard data + Int(size) <= extra.upperBound else { return nil }
            if id == 0x0001 {
                let field = data + 8 * skipping
                guard field + 8 <= data + Int(size) else { return nil }
                return bytes.uint64(at: field, .little)
            }
            position = data + Int(size)
        }
        return nil
    }
}
