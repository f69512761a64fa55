import StegCarveBytes

/// Carves Android Dalvik executables (`classes.dex`).
///
/// Specification: source.android.com "Dalvik Executable format" (`header_item`). `dex\n`
/// with version 035-039, `header_size` 0x70, the little-endian `endian_tag`, a sane
/// `file_size`, every id table inside the file, and, when the whole file is present, the
/// Adler-32 `checksum` must validate. The extent is `file_size`.
/// Limitation: DEX 040/041 (container format) and byte-swapped files are not recognised.
package struct DEXHandler: PayloadHandler {
    package init() {}

    package var type: String { "dex" }

    package var signatures: [PayloadSignature] {
        [PayloadSignature(magic: Array("dex\n".utf8))]
    }

    package var documentation: String {
        "Android DEX (Dalvik Executable format): header, id tables and Adler-32 checksum; extent = file_size"
    }

    package func carve(_ bytes: Span<UInt8>, at start: Int) -> CarvedExtent? {
        guard start >= 0, start < bytes.count else { return nil }
        let available = bytes.extracting(start..<bytes.count)
        guard available.matches(Array("dex\n".utf8), at: 0), let header = try? DEX.Header(parsing: available) else { return nil }
        let length = min(header.fileSize, available.count)
        return CarvedExtent(
            range: start..<(start + length),
            declaredLength: header.fileSize,
            confidence: header.checksumVerified ? .high : .medium
        )
    }
}
