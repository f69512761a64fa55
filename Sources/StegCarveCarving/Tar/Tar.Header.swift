import StegCarveBytes

/// Namespace for POSIX ustar and GNU tar archives (POSIX.1-2017 `pax`, "ustar Interchange
/// Format"; GNU tar manual, "Basic Tar Format").
package enum Tar {}

extension Tar {
    /// Size of a header or data block.
    package static let blockSize = 512
    /// Archives are written in records of 20 blocks; writers pad the end with zero blocks.
    package static let recordSize = 20 * 512

    /// One 512-byte header block; offsets absolute in the span it came from.
    package struct Header: Sendable, Equatable {
        /// Where the header block starts.
        package var offset: Int
        /// `typeflag`.
        package var typeFlag: UInt8
        /// `size`: bytes of data after the header.
        package var size: Int
        /// `name`, prefixed with `prefix` for ustar.
        package var name: String
        /// GNU (`ustar  \0`) rather than POSIX (`ustar\0` `00`).
        package var isGNU: Bool

        /// Data blocks after the header, rounded up to whole blocks.
        package var dataBlocksLength: Int { (size + Tar.blockSize - 1) / Tar.blockSize * Tar.blockSize }
        /// A regular file (`0`, NUL, contiguous `7`).
        package var isRegularFile: Bool { typeFlag == 0x30 || typeFlag == 0 || typeFlag == 0x37 }

        /// Parses and validates the header at `offset`: magic and version, checksum, size.
        package init?(_ bytes: Span<UInt8>, at offset: Int) {
            guard bytes.contains(offset: offset, length: Tar.blockSize) else { return nil }
            let posix = bytes.matches(Array("ustar\u{0}00".utf8), at: offset + 257)
            let gnu = bytes.matches(Array("ustar  \u{0}".utf8), at: offset + 257)
            guard posix || gnu else { return nil }
            // chksum: sum of the header's bytes with the chksum field read as spaces.
            guard let declared = Tar.octal(bytes, offset + 148, 8) else { return nil }
            var sum = 0
            for index in offset..<(offset + Tar.blockSize) {
                sum += (index >= offset + 148 && index < offset + 156) ? 0x20 : Int(bytes[index])
            }
            guard declared == sum else { return nil }
            guard let size = Tar.number(bytes, offset + 124, 12), size < 1 << 40 else { return nil }
            self.offset = offset
            self.typeFlag = bytes[offset + 156]
            self.size = size
            self.isGNU = gnu
            let name = Tar.text(bytes, offset, 100)
            let prefix = posix ? Tar.text(bytes, offset + 345, 155) : ""
            self.name = prefix.isEmpty ? name : prefix + "/" + name
        }
    }

    /// An octal field (digits, optionally space- or NUL-padded), or `nil`.
    static func octal(_ bytes: Span<UInt8>, _ offset: Int, _ length: Int) -> Int? {
        var value = 0
        var digits = 0
        var index = offset
        while index < offset + length, bytes[index] == 0x20 { index += 1 }
        while index < offset + length, (0x30...0x37).contains(bytes[index]) {
            value = value * 8 + Int(bytes[index] - 0x30)
            digits += 1
            index += 1
        }
        guard digits > 0 else { return nil }
        while index < offset + length {
            guard bytes[index] == 0 || bytes[index] == 0x20 else { return nil }
            index += 1
        }
        return value
    }

    /// A numeric field: octal, or GNU base-256 (first byte 0x80, big-endian binary).
    static func number(_ bytes: Span<UInt8>, _ offset: Int, _ length: Int) -> Int? {
        guard bytes[offset] == 0x80 else { return octal(bytes, offset, length) }
        var value = 0
        for index in (offset + 1)..<(offset + length) {
            guard value < 1 << 48 else { return nil }
            value = value << 8 | Int(bytes[index])
        }
        return value
    }

    /// A NUL-padded text field.
    static func text(_ bytes: Span<UInt8>, _ offset: Int, _ length: Int) -> String {
        var end = offset
        while end < offset + length, bytes[end] != 0 { end += 1 }
        let raw = bytes.bytes(in: offset..<end)
        return String(validating: raw, as: UTF8.self) ?? String(raw.map { Character(Unicode.Scalar($0)) })
    }

    /// Whether the block at `offset` is present and all zero.
    static func isZeroBlock(_ bytes: Span<UInt8>, at offset: Int) -> Bool {
        guard bytes.contains(offset: offset, length: Tar.blockSize) else { return false }
        for index in offset..<(offset + Tar.blockSize) where bytes[index] != 0 { return false }
        return true
    }
}
