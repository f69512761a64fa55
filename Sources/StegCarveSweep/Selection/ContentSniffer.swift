/// Tells pictures from other files by their first bytes, so a sweep over a mixed tree skips
/// documents, archives and binaries unless `--all-files` is given.
///
/// Recognised: JPEG (`FF D8 FF`), PNG (its 8-byte signature), GIF (`GIF87a`/`GIF89a`),
/// BMP (`BM`), WebP (`RIFF….WEBP`), TIFF (`II*\0`, `MM\0*`, BigTIFF `II+\0`, `MM\0+`),
/// ICO/CUR (`00 00 01 00` / `00 00 02 00`): the containers the scanner decodes.
package enum ContentSniffer {
    /// Bytes ``isPicture(_:)`` needs.
    package static let headerLength = 12

    package static func isPicture(_ header: [UInt8]) -> Bool {
        func starts(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
            header.count - offset >= prefix.count && Array(header[offset..<(offset + prefix.count)]) == prefix
        }
        return starts([0xFF, 0xD8, 0xFF])
            || starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
            || starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8))
            || starts([0x42, 0x4D])
            || (starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8))
            || starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A])
            || starts([0x49, 0x49, 0x2B, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2B])
            || starts([0x00, 0x00, 0x01, 0x00]) || starts([0x00, 0x00, 0x02, 0x00])
    }
}
