import StegCarveBytes

/// Carves RAR 4 and RAR 5 archives by walking their block headers to the end-of-archive
/// block. No expansion: RAR's compression is proprietary-licensed and not in any system
/// library StegCarve links; the archive is reported, hashed and labelled as a whole.
///
/// Specification: RARLAB technote (https://www.rarlab.com/technote.htm) for RAR 5, and
/// the RAR 4 `TechNote.txt` shipped with WinRAR 4. Every header CRC is checked. A walk that
/// runs out of bytes gives a truncated archive (`medium`). A RAR 5 archive with encrypted
/// headers is carved through its archive encryption header only (`low`): the rest cannot
/// be walked without the password. RAR 4 archives without an end-of-archive block (RAR
/// before 3.0) are not reported.
package struct RARHandler: PayloadHandler {
    package init() {}

    package var type: String { "rar" }

    package var signatures: [PayloadSignature] {
        [PayloadSignature(magic: RAR.signature4), PayloadSignature(magic: RAR.signature5)]
    }

    package var documentation: String {
        "RAR 4/5 (RARLAB technote): block headers walked with CRCs to the end-of-archive block; not expanded"
    }

    package func carve(_ bytes: Span<UInt8>, at start: Int) -> CarvedExtent? {
        guard start >= 0, start < bytes.count,
              let walk = RAR.walk5(bytes, from: start) ?? RAR.walk4(bytes, from: start) else { return nil }
        let length = walk.declaredEnd - start
        guard walk.declaredEnd <= bytes.count else {
            return CarvedExtent(range: start..<bytes.count, declaredLength: length, confidence: .medium)
        }
        return CarvedExtent(range: start..<walk.declaredEnd, declaredLength: length, confidence: walk.headersEncrypted ? .low : .high)
    }
}
