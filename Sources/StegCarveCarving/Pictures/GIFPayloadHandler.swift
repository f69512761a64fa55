import StegCarveBytes

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
