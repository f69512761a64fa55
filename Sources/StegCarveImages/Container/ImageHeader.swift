/// What the container's own header says about the (first) picture, read from the structure
/// (JPEG SOF and DRI segments, PNG IHDR) without decoding any pixels.
package struct ImageHeader: Sendable, Equatable {
    /// Width in pixels as declared.
    package var width: Int
    /// Height in pixels as declared (JPEG: 0 means "defined by DNL").
    package var height: Int
    /// Sample precision (JPEG P, PNG bit depth).
    package var bitsPerSample: Int
    /// Components (JPEG Nf) or PNG channels implied by the colour type.
    package var channels: Int
    /// Coding process: JPEG `baseline`, `extended`, `progressive`, `lossless`, `hierarchical`;
    /// PNG `deflate`.
    package var coding: String
    /// JPEG arithmetic coding.
    package var arithmeticCoding: Bool
    /// PNG Adam7 interlacing.
    package var interlaced: Bool
    /// PNG colour type name (`gray`, `rgb`, `palette`, `gray-alpha`, `rgba`).
    package var colorType: String?
    /// JPEG restart interval in MCUs (DRI), when set.
    package var restartInterval: Int?

    package init(
        width: Int, height: Int, bitsPerSample: Int, channels: Int, coding: String,
        arithmeticCoding: Bool = false, interlaced: Bool = false, colorType: String? = nil, restartInterval: Int? = nil
    ) {
        self.width = width
        self.height = height
        self.bitsPerSample = bitsPerSample
        self.channels = channels
        self.coding = coding
        self.arithmeticCoding = arithmeticCoding
        self.interlaced = interlaced
        self.colorType = colorType
        self.restartInterval = restartInterval
    }
}
