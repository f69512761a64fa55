import StegCarveBytes

extension ICO {
    /// What an entry's image data starts with.
    package enum ImageKind: String, Sendable {
        /// A complete PNG file.
        case png
        /// A DIB without file header: `BITMAPINFOHEADER`, palette, XOR pixels, AND mask.
        case bmp

        /// Recognises the start of an entry's data.
        package init?(_ bytes: Span<UInt8>, at offset: Int) {
            if bytes.matches(PNGDecoder.signature, at: offset) {
                self = .png
            } else if let size = bytes.uint32(at: offset, .little), [12, 40, 52, 56, 108, 124].contains(Int(size)) {
                self = .bmp
            } else {
                return nil
            }
        }
    }
}
