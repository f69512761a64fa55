/// The image container whose pixels a ``PixelDecoder`` decodes, which picks the library.
///
/// - JPEG: ITU-T T.81 (<https://www.w3.org/Graphics/JPEG/itu-t81.pdf>), decoded by libjpeg.
/// - PNG: <https://www.w3.org/TR/png-3/>, decoded by libpng.
/// - TIFF: TIFF 6.0 (<https://www.itu.int/itudoc/itu-t/com16/tiff-fx/docs/tiff6.pdf>), the
///   first image through libtiff (uncompressed, LZW, Deflate or PackBits; 8/16-bit gray,
///   RGB(A) or palette).
/// - WebP: RFC 9649 (<https://www.rfc-editor.org/rfc/rfc9649>), still pictures through libwebp.
package enum PixelContainer: String, Sendable, Codable, CaseIterable {
    /// A JPEG (JFIF/Exif) stream, from SOI to EOI.
    case jpeg
    /// A PNG datastream, from the signature to IEND.
    case png
    /// A TIFF file (offsets are from its first byte, so the whole file).
    case tiff
    /// A RIFF WebP file, to the end its RIFF header declares.
    case webp
}

extension PixelContainer {
    /// The decoder for a container format, or `nil` when its pixels go through no library
    /// (GIF, BMP and icons are read by the steganalysis stage's own readers).
    package init?(_ format: ContainerFormat) {
        switch format {
        case .jpeg: self = .jpeg
        case .png: self = .png
        case .tiff: self = .tiff
        case .webp: self = .webp
        case .gif, .bmp, .ico, .cur, .unknown: return nil
        }
    }
}
