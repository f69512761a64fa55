import StegCarveBytes

/// Namespace for the 7z archive format (7-Zip `DOC/7zFormat.txt`).
package enum SevenZip {}

extension SevenZip {
    /// `7z\xBC\xAF\x27\x1C`.
    package static let signature: [UInt8] = [0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C]

    /// Largest archive StegCarve will claim; bigger offsets are lying headers.
    static let maximumExtent: UInt64 = 1 << 40

    /// The 32-byte signature header: version, start header CRC, and the start header
    /// (`NextHeaderOffset`, `NextHeaderSize`, `NextHeaderCRC`).
    package struct SignatureHeader: Sendable, Equatable {
        /// Format version, major (always 0).
        package var majorVersion: UInt8
        /// Format version, minor (2–4 in 7-Zip 9.20–24).
        package var minorVersion: UInt8
        /// `NextHeaderOffset`: from the end of the signature header.
        package var nextHeaderOffset: Int
        /// `NextHeaderSize`.
        package var nextHeaderSize: Int
        /// `NextHeaderCRC`.
        package var nextHeaderCRC: UInt32

        /// The archive's length: 32 + NextHeaderOffset + NextHeaderSize.
        package var archiveLength: Int { 32 + nextHeaderOffset + nextHeaderSize }

        /// Parses the header at the start of `bytes`; the start header's CRC must match.
        package init?(_ bytes: Span<UInt8>) {
            guard bytes.matches(SevenZip.signature, at: 0), bytes.count >= 32, bytes[6] == 0,
                  let startCRC = bytes.uint32(at: 8, .little),
                  let offset = bytes.uint64(at: 12, .little), let size = bytes.uint64(at: 20, .little),
                  let nextCRC = bytes.uint32(at: 28, .little),
                  startCRC == Zlib.crc32(bytes, in: 12..<32),
                  offset < SevenZip.maximumExtent, size < SevenZip.maximumExtent else { return nil }
            majorVersion = bytes[6]
            minorVersion = bytes[7]
            nextHeaderOffset = Int(offset)
            nextHeaderSize = Int(size)
            nextHeaderCRC = nextCRC
        }
    }
}
