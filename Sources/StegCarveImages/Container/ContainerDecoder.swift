import StegCarveBytes

/// Parses one image container's structure into an ``ImageLayout``.
///
/// A decoder never copies the input and never trusts a length it reads: every region it
/// reports lies inside the input, and a malformed file yields anomalies, not errors.
package protocol ContainerDecoder: Sendable {
    /// The format this decoder parses.
    var format: ContainerFormat { get }
    /// Whether the input starts with this format's signature.
    func matches(_ bytes: Span<UInt8>) -> Bool
    /// Walks the structure of an input for which ``matches(_:)`` returned true.
    func layout(of bytes: Span<UInt8>, limits: StructureLimits) -> ImageLayout
}

/// The container decoders StegCarve knows, in detection order.
package enum ContainerRegistry {
    /// Every built-in decoder; a new format is one more entry here.
    package static let decoders: [any ContainerDecoder] = [
        JPEGDecoder(),
        PNGDecoder(),
        GIFDecoder(),
        BMPDecoder(),
        WebPDecoder(),
        TIFFDecoder(),
        ICODecoder(),
    ]

    /// Detects the format from the content and returns its layout; unknown content becomes
    /// one `raw` region covering the input.
    package static func layout(of bytes: Span<UInt8>, limits: StructureLimits = StructureLimits()) -> ImageLayout {
        for decoder in decoders where decoder.matches(bytes) {
            var layout = decoder.layout(of: bytes, limits: limits)
            layout.anomalies += ICCProfile.anomalies(in: bytes, regions: layout.regions)
            layout.markTrailingPadding(in: bytes)
            return layout
        }
        let regions = bytes.isEmpty ? [] : [ImageRegion(kind: .raw, name: "raw", range: 0..<bytes.count)]
        return ImageLayout(format: .unknown, regions: regions)
    }
}
