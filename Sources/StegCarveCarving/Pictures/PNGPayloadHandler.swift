import StegCarveBytes

/// Carves a PNG picture (signature to IEND's CRC) found where no container declares one.
///
/// Scope: undeclared bytes only. Specification: ISO/IEC 15948 (PNG); every chunk CRC is
/// checked, see ``PictureExtent/png(_:from:)``.
package struct PNGPayloadHandler: PayloadHandler {
    package init() {}
    package var type: String { "png" }
    package var signatures: [PayloadSignature] { [PayloadSignature(magic: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])] }
    package var scope: PayloadScope { .undeclaredOnly }
    package var documentation: String {
        "PNG (ISO/IEC 15948): signature, IHDR first, chunks with CRCs to IEND; undeclared regions only"
    }

    package func carve(_ bytes: Span<UInt8>, at start: Int) -> CarvedExtent? {
        guard start >= 0, let walk = PictureExtent.png(bytes, from: start) else { return nil }
        return PictureExtent.extent(walk, start: start, count: bytes.count)
    }
}
