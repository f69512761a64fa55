/// What an image's header declares, and the layout of the rows a ``PixelDecoder`` produces.
///
/// Source fields (`colorModel`, `sourceBitsPerSample`, `sourceChannels`) report the file as
/// written; output fields describe ``DecodedImage/pixels``: 8-bit samples for JPEG, palette
/// expanded to RGB(A), gray below 8 bits scaled to 8, tRNS turned into an alpha channel, and
/// 16-bit PNG samples kept big-endian; TIFF's stored samples unchanged (palette indices,
/// MinIsWhite not inverted; 16-bit big-endian); WebP as 8-bit RGB or RGBA.
package struct ImageDescription: Sendable, Equatable, Codable {
    /// Width in pixels (JPEG SOF `X`, PNG IHDR `Width`).
    package var width: Int
    /// Height in pixels (JPEG SOF `Y`, PNG IHDR `Height`).
    package var height: Int
    /// Colour model of the source image.
    package var colorModel: ColorModel
    /// Bits per sample in the source: JPEG precision `P` (8 or 12), PNG bit depth (1–16).
    package var sourceBitsPerSample: Int
    /// Samples per pixel in the source: JPEG component count `Nf`, PNG channels (1 for palette).
    package var sourceChannels: Int
    /// Samples per pixel in the decoded rows.
    package var outputChannels: Int
    /// Bits per sample in the decoded rows (8 or 16).
    package var outputBitsPerSample: Int
    /// Bytes per decoded row: `width * outputChannels * outputBitsPerSample / 8`.
    package var rowBytes: Int
    /// JPEG progressive mode (SOF2/SOF6/...) or PNG Adam7 interlacing.
    package var isProgressiveOrInterlaced: Bool
    /// JPEG arithmetic coding (SOF9 and up); always `false` for PNG.
    package var usesArithmeticCoding: Bool
    /// Lossy coding (JPEG, lossy WebP): the decoded samples approximate the encoder's input,
    /// so least-significant-bit statistics describe the decoder, not the file.
    package var isLossy: Bool

    /// Creates a description from its fields.
    package init(
        width: Int, height: Int, colorModel: ColorModel,
        sourceBitsPerSample: Int, sourceChannels: Int,
        outputChannels: Int, outputBitsPerSample: Int, rowBytes: Int,
        isProgressiveOrInterlaced: Bool, usesArithmeticCoding: Bool, isLossy: Bool = false
    ) {
        self.width = width
        self.height = height
        self.colorModel = colorModel
        self.sourceBitsPerSample = sourceBitsPerSample
        self.sourceChannels = sourceChannels
        self.outputChannels = outputChannels
        self.outputBitsPerSample = outputBitsPerSample
        self.rowBytes = rowBytes
        self.isProgressiveOrInterlaced = isProgressiveOrInterlaced
        self.usesArithmeticCoding = usesArithmeticCoding
        self.isLossy = isLossy
    }

    /// `width * height`, the figure ``PixelLimits/maxPixels`` is compared with.
    /// Saturates at `UInt64.max`; negative fields count as 0.
    package var pixelCount: UInt64 {
        let (product, overflow) = UInt64(clamping: width)
            .multipliedReportingOverflow(by: UInt64(clamping: height))
        return overflow ? .max : product
    }
}
