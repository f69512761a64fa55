import StegCarveBytes

/// Image container formats StegCarve parses, detected from content, never from a file name.
package enum ContainerFormat: String, Sendable, Codable, CaseIterable {
    case jpeg
    case png
    /// GIF 87a/89a.
    case gif
    /// Windows/OS2 bitmap (`BM`).
    case bmp
    /// WebP in a RIFF container.
    case webp
    /// TIFF, classic and BigTIFF.
    case tiff
    /// Windows icon (ICONDIR type 1).
    case ico
    /// Windows cursor (ICONDIR type 2).
    case cur
    /// No decoder recognised the content; the whole input is scanned as raw bytes.
    case unknown
}
