/// The image container whose pixels a ``PixelDecoder`` decodes, which picks the library.
///
/// - JPEG: ITU-T T.81 (<https://www.w3.org/Graphics/JPEG/itu-t81.pdf>), decoded by libjpeg.
/// - PNG: <https://www.w3.org/TR/png-3/>, decoded by libpng.
package enum PixelContainer: String, Sendable, Codable, CaseIterable {
    /// A JPEG (JFIF/Exif) stream, from SOI to EOI.
    case jpeg
    /// A PNG datastream, from the signature to IEND.
    case png
}
