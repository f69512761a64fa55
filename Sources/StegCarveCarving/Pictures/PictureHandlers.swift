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

/// Carves a GIF picture (header to trailer) found where no container declares one.
///
/// Scope: undeclared bytes only. Specification: GIF89a (W3C mirror,
/// https://www.w3.org/Graphics/GIF/spec-gif89a.txt); see ``PictureExtent/gif(_:from:)``.
package struct GIFPayloadHandler: PayloadHandler {
    package init() {}
    package var type: String { "gif" }
    package var signatures: [PayloadSignature] {
        [PayloadSignature(magic: Array("GIF87a".utf8)), PayloadSignature(magic: Array("GIF89a".utf8))]
    }
    package var scope: PayloadScope { .undeclaredOnly }
    package var documentation: String {
        "GIF87a/89a: screen descriptor, colour tables, extension and image blocks to the trailer; undeclared regions only"
    }

    package func carve(_ bytes: Span<UInt8>, at start: Int) -> CarvedExtent? {
        guard start >= 0, let walk = PictureExtent.gif(bytes, from: start) else { return nil }
        return PictureExtent.extent(walk, start: start, count: bytes.count)
    }
}

extension PictureExtent {
    /// The carved extent for a walk: exact when complete, else the bytes present with the
    /// declared end as a lower bound.
    static func extent(_ walk: Walk, start: Int, count: Int) -> CarvedExtent {
        let end = min(walk.declaredEnd, count)
        let declared = max(walk.declaredEnd, walk.complete ? end : count + 1) - start
        return CarvedExtent(range: start..<end, declaredLength: declared, confidence: walk.complete ? .high : .medium)
    }
}
