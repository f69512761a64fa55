import StegCarveBytes

/// Namespace for the .xz container (The .xz File Format 1.1.0).
package enum XZ {}

extension XZ {
    /// The 6-byte stream header magic `FD 37 7A 58 5A 00`.
    package static let headerMagic: [UInt8] = [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]
    /// The 2-byte stream footer magic `YZ`.
    package static let footerMagic: [UInt8] = [0x59, 0x5A]

    /// The stream flags shared by the stream header and footer (section 2.1.1.2).
    package struct StreamFlags: Sendable, Equatable {
        /// The integrity check type (0 none, 1 CRC32, 4 CRC64, 10 SHA-256).
        package var checkType: UInt8

        /// The check's name as `xz --list` prints it.
        package var checkName: String {
            switch checkType {
            case 0: "None"
            case 1: "CRC32"
            case 4: "CRC64"
            case 10: "SHA-256"
            default: "Unknown-\(checkType)"
            }
        }

        /// Validates the 12-byte stream header at the start of `bytes`: magic, flags
        /// (first byte 0, reserved high bits 0, a defined check type) and their CRC-32.
        package init?(header bytes: Span<UInt8>) {
            guard bytes.matches(XZ.headerMagic, at: 0), bytes.count >= 12, bytes[6] == 0, bytes[7] & 0xF0 == 0,
                  [0, 1, 4, 10].contains(bytes[7]),
                  bytes.uint32(at: 8, .little) == Zlib.crc32(bytes, in: 6..<8) else { return nil }
            checkType = bytes[7]
        }

        /// Validates the 12-byte stream footer ending at `end`: CRC-32 of backward size and
        /// flags, and the `YZ` magic; returns its flags.
        package init?(footer bytes: Span<UInt8>, endingAt end: Int) {
            let start = end - 12
            guard start >= 0, end <= bytes.count, bytes.matches(XZ.footerMagic, at: end - 2), bytes[start + 8] == 0,
                  bytes.uint32(at: start, .little) == Zlib.crc32(bytes, in: (start + 4)..<(start + 10)) else { return nil }
            checkType = bytes[start + 9]
        }
    }
}
