/// The decoded pixels of an image and their layout.
package struct DecodedImage: Sendable, Equatable {
    /// The header and the layout of ``pixels``.
    package var description: ImageDescription
    /// Row-major samples, ``ImageDescription/rowBytes`` per row and no padding, so
    /// `pixels.count == description.height * description.rowBytes`. 16-bit samples are
    /// big-endian.
    package var pixels: [UInt8]
    /// How many warnings the library emitted while decoding.
    package var warningCount: Int
    /// The library's first warning, if any.
    package var firstWarning: String?

    /// Creates a decoded image from its fields.
    package init(
        description: ImageDescription, pixels: [UInt8], warningCount: Int = 0,
        firstWarning: String? = nil
    ) {
        self.description = description
        self.pixels = pixels
        self.warningCount = warningCount
        self.firstWarning = firstWarning
    }
}
