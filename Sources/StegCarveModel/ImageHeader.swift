/// A picture's header fields as its container declares them, read without decoding pixels.
public struct ImageHeader: Sendable, Hashable, Codable {
    /// Declared width in pixels.
    public var width: Int
    /// Declared height in pixels (JPEG: 0 when a DNL segment defines it).
    public var height: Int
    /// Sample precision: JPEG P (8 or 12, 2–16 lossless), PNG bit depth.
    public var bitsPerSample: Int
    /// JPEG components, or the channels a PNG colour type implies.
    public var channels: Int
    /// JPEG `baseline`, `extended`, `progressive`, `lossless`, `hierarchical`; PNG `deflate`.
    public var coding: String
    /// JPEG arithmetic coding (SOF9 and up).
    public var arithmeticCoding: Bool
    /// PNG Adam7 interlacing.
    public var interlaced: Bool
    /// PNG colour type: `gray`, `rgb`, `palette`, `gray-alpha`, `rgba`.
    public var colorType: String?
    /// JPEG restart interval in MCUs, when a DRI segment sets one.
    public var restartInterval: Int?

    public init(
        width: Int, height: Int, bitsPerSample: Int, channels: Int, coding: String, arithmeticCoding: Bool = false,
        interlaced: Bool = false, colorType: String? = nil, restartInterval: Int? = nil
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
