import StegCarveBytes

/// Carves a JPEG picture (SOI to EOI) found where no container declares one: after
/// another picture's end (not declared by MPF), or inside an unpacked stream.
///
/// Scope: undeclared bytes only. A scanned JPEG's own pictures, its EXIF thumbnail (inside
/// APP1) and MPO frames are declared parts of the container, never findings.
/// Specification: ITU-T T.81 Annex B; see ``PictureExtent/jpeg(_:from:)``. A picture cut
/// short after its first scan started is reported truncated (`medium`).
package struct JPEGPayloadHandler: PayloadHandler {
    package init() {}
    package var type: String { "jpeg" }
    package var signatures: [PayloadSignature] { [PayloadSignature(magic: [0xFF, 0xD8, 0xFF])] }
    package var scope: PayloadScope { .undeclaredOnly }
    package var documentation: String {
        "JPEG (T.81): SOI, segments, entropy-coded data to EOI; SOF and SOS required; undeclared regions only"
    }

    package func carve(_ bytes: Span<UInt8>, at start: Int) -> CarvedExtent? {
        guard start >= 0, let walk = PictureExtent.jpeg(bytes, from: start) else { return nil }
        return PictureExtent.extent(walk, start: start, count: bytes.count)
    }
}
