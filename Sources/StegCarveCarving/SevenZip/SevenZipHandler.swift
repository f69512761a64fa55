import StegCarveBytes

/// Carves 7z archives from their signature header. No expansion: 7z's coders (LZMA, LZMA2,
/// PPMd, BCJ filters, AES) and header structures are not unpacked; the archive is
/// reported, hashed and labelled as a whole.
///
/// Specification: 7-Zip `DOC/7zFormat.txt` (https://github.com/ip7z/7zip/blob/main/DOC/7zFormat.txt).
/// The 32-byte signature header's start header CRC must match; the extent is
/// 32 + NextHeaderOffset + NextHeaderSize. When the next header is inside the bytes its
/// CRC must match too (`high`); when it lies past the end the archive is truncated
/// (`medium`). An empty archive (next header size 0) is 32 bytes.
package struct SevenZipHandler: PayloadHandler {
    package init() {}

    package var type: String { "7z" }

    package var signatures: [PayloadSignature] {
        [PayloadSignature(magic: SevenZip.signature)]
    }

    package var documentation: String {
        "7z (7zFormat.txt): start header CRC checked, extent = 32 + NextHeaderOffset + NextHeaderSize, next header CRC checked; not expanded"
    }

    package func carve(_ bytes: Span<UInt8>, at start: Int) -> CarvedExtent? {
        guard start >= 0, start < bytes.count else { return nil }
        let available = bytes.extracting(start..<bytes.count)
        guard let header = SevenZip.SignatureHeader(available) else { return nil }
        let length = header.archiveLength
        guard length <= available.count else {
            return CarvedExtent(range: start..<bytes.count, declaredLength: length, confidence: .medium)
        }
        if header.nextHeaderSize == 0 {
            guard header.nextHeaderOffset == 0, header.nextHeaderCRC == 0 else { return nil }
        } else {
            let next = (32 + header.nextHeaderOffset)..<length
            guard Zlib.crc32(available, in: next) == header.nextHeaderCRC,
                  [0x01, 0x17].contains(available[next.lowerBound]) else { return nil }  // kHeader, kEncodedHeader
        }
        return CarvedExtent(range: start..<(start + length), declaredLength: length, confidence: .high)
    }
}
