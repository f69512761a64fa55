extension ImageDescription {
    /// Colour model of the source image, as the decoding library reports it.
    package enum ColorModel: String, Sendable, Codable, CaseIterable {
        /// One luminance channel (JPEG 1 component, PNG colour type 0).
        case gray
        /// Luminance and alpha (PNG colour type 4).
        case grayAlpha
        /// Red, green, blue: PNG colour type 2, or a JPEG stored as RGB (Adobe transform 0).
        case rgb
        /// RGB with alpha (PNG colour type 6).
        case rgba
        /// Indices into a PLTE palette (PNG colour type 3).
        case palette
        /// JPEG luma/chroma, the usual JFIF colour space.
        case ycbcr
        /// JPEG CMYK (Adobe APP14 transform 0, 4 components).
        case cmyk
        /// JPEG YCbCr + K (Adobe APP14 transform 2).
        case ycck
        /// Anything else, e.g. a 2-component JPEG; samples are passed through.
        case unknown
    }
}
