import StegCarveImages

// TIFF fixtures are written by ``TIFFFixtureWriter`` (every stored sample known); WebP
// fixtures by Pillow 12.3 over libwebp: `lossless=True, exact=True` for the 6x5 RGBA picture
// whose pixels follow the formula below, `quality=95` for the 16x16 gradient.

extension PixelDecoderTests.FixtureCase {
    static let rgbTIFFPixels = pixels(5, 3) { x, y in [UInt8(x * 40), UInt8(y * 60), UInt8((x + y) * 20)] }
    static let gray16Samples = (0..<8).map { index in (index % 4 * 0x1234 + index / 4 * 0x0101) & 0xFFFF }
    static let fiveSamples = (0..<2 * 2 * 5).map { ($0 * 0x0F0F + 0x0102) & 0xFFFF }
    static let webpRGBAPixels = pixels(6, 5) { x, y in
        [UInt8((x * 40 + y * 3) & 0xFF), UInt8((y * 50 + x) & 0xFF), UInt8((x * y * 7) & 0xFF), UInt8(255 - x * 20 - y)]
    }

    static let tiffAndWebP: [Self] = [
        Self(
            name: "RGB 8-bit TIFF", bytes: PixelDecoderTests.Fixture.rgbTIFF, container: .tiff,
            expected: description(5, 3, .rgb, sourceBits: 8, sourceChannels: 3, outputChannels: 3, outputBits: 8),
            expectedPixels: rgbTIFFPixels, approximatePixels: nil),
        Self(
            name: "gray 16-bit big-endian TIFF", bytes: PixelDecoderTests.Fixture.gray16TIFF, container: .tiff,
            expected: description(4, 2, .gray, sourceBits: 16, sourceChannels: 1, outputChannels: 1, outputBits: 16),
            // Rows hold 16-bit samples big-endian whatever the file's byte order.
            expectedPixels: TIFFFixtureWriter.samples16(gray16Samples, bigEndian: true), approximatePixels: nil),
        Self(
            name: "gray and alpha 8-bit TIFF", bytes: PixelDecoderTests.Fixture.grayAlphaTIFF, container: .tiff,
            expected: description(3, 2, .grayAlpha, sourceBits: 8, sourceChannels: 2, outputChannels: 2, outputBits: 8),
            expectedPixels: pixels(3, 2) { x, y in [UInt8(x * 70 + y), UInt8(255 - x * 9)] }, approximatePixels: nil),
        Self(
            name: "palette 8-bit TIFF (indices)", bytes: PixelDecoderTests.Fixture.paletteTIFF, container: .tiff,
            expected: description(4, 2, .palette, sourceBits: 8, sourceChannels: 1, outputChannels: 1, outputBits: 8),
            expectedPixels: pixels(4, 2) { x, y in [UInt8(x * 60 + y)] }, approximatePixels: nil),
        Self(
            name: "MinIsWhite 8-bit TIFF (not inverted)", bytes: PixelDecoderTests.Fixture.minIsWhiteTIFF, container: .tiff,
            expected: description(3, 3, .gray, sourceBits: 8, sourceChannels: 1, outputChannels: 1, outputBits: 8),
            expectedPixels: pixels(3, 3) { x, y in [UInt8(x * 3 + y * 80)] }, approximatePixels: nil),
        Self(
            name: "RGBA plus one extra sample, 16-bit TIFF (first four kept)", bytes: PixelDecoderTests.Fixture.fiveSampleTIFF,
            container: .tiff,
            expected: description(2, 2, .rgba, sourceBits: 16, sourceChannels: 5, outputChannels: 4, outputBits: 16),
            expectedPixels: TIFFFixtureWriter.samples16(
                fiveSamples.enumerated().filter { $0.offset % 5 < 4 }.map(\.element), bigEndian: true),
            approximatePixels: nil),
        Self(
            name: "lossless RGBA WebP", bytes: PixelDecoderTests.Fixture.losslessRGBAWebP, container: .webp,
            expected: description(6, 5, .rgba, sourceBits: 8, sourceChannels: 4, outputChannels: 4, outputBits: 8),
            expectedPixels: webpRGBAPixels, approximatePixels: nil),
        Self(
            name: "lossy WebP", bytes: PixelDecoderTests.Fixture.lossyWebP, container: .webp,
            expected: description(16, 16, .rgb, sourceBits: 8, sourceChannels: 3, outputChannels: 3, outputBits: 8, lossy: true),
            expectedPixels: nil, approximatePixels: (gradient, 16)),
    ]
}

extension PixelDecoderTests.Fixture {
    static let rgbTIFF = TIFFFixtureWriter(
        width: 5, height: 3, bitsPerSample: 8, samplesPerPixel: 3, photometric: 2,
        data: PixelDecoderTests.FixtureCase.rgbTIFFPixels).bytes
    static let gray16TIFF = TIFFFixtureWriter(
        width: 4, height: 2, bitsPerSample: 16, samplesPerPixel: 1, photometric: 1,
        data: TIFFFixtureWriter.samples16(PixelDecoderTests.FixtureCase.gray16Samples, bigEndian: true), bigEndian: true).bytes
    static let grayAlphaTIFF = TIFFFixtureWriter(
        width: 3, height: 2, bitsPerSample: 8, samplesPerPixel: 2, photometric: 1,
        data: PixelDecoderTests.FixtureCase.pixels(3, 2) { x, y in [UInt8(x * 70 + y), UInt8(255 - x * 9)] },
        extraSamples: [2]).bytes
    static let paletteTIFF = TIFFFixtureWriter(
        width: 4, height: 2, bitsPerSample: 8, samplesPerPixel: 1, photometric: 3,
        data: PixelDecoderTests.FixtureCase.pixels(4, 2) { x, y in [UInt8(x * 60 + y)] }).bytes
    static let minIsWhiteTIFF = TIFFFixtureWriter(
        width: 3, height: 3, bitsPerSample: 8, samplesPerPixel: 1, photometric: 0,
        data: PixelDecoderTests.FixtureCase.pixels(3, 3) { x, y in [UInt8(x * 3 + y * 80)] }).bytes
    static let fiveSampleTIFF = TIFFFixtureWriter(
        width: 2, height: 2, bitsPerSample: 16, samplesPerPixel: 5, photometric: 2,
        data: TIFFFixtureWriter.samples16(PixelDecoderTests.FixtureCase.fiveSamples, bigEndian: false),
        extraSamples: [2, 0]).bytes

        static let losslessRGBAWebP: [UInt8] = [
            0x52, 0x49, 0x46, 0x46, 0x38, 0x00, 0x00, 0x00, 0x57, 0x45, 0x42, 0x50, 0x56, 0x50, 0x38, 0x4C,
            0x2B, 0x00, 0x00, 0x00, 0x2F, 0x05, 0x00, 0x01, 0x10, 0xB9, 0x32, 0x44, 0xF4, 0x3F, 0x76, 0x11,
            0x15, 0xE8, 0x7F, 0x40, 0x41, 0xDB, 0x36, 0x4C, 0x4B, 0xA9, 0xFC, 0xD9, 0xBD, 0x0D, 0xC2, 0xA0,
            0xCC, 0x81, 0x40, 0x20, 0xC9, 0x9F, 0x75, 0x87, 0x27, 0x00, 0x60, 0xB9, 0x18, 0xF2, 0x0F, 0x00,
        ]
        static let lossyWebP: [UInt8] = [
            0x52, 0x49, 0x46, 0x46, 0x7E, 0x00, 0x00, 0x00, 0x57, 0x45, 0x42, 0x50, 0x56, 0x50, 0x38, 0x20,
            0x72, 0x00, 0x00, 0x00, 0x70, 0x03, 0x00, 0x9D, 0x01, 0x2A, 0x10, 0x00, 0x10, 0x00, 0x00, 0x80,
            0x08, 0x25, 0xB0, 0x02, 0x74, 0xBA, 0x01, 0x44, 0x03, 0xE4, 0x03, 0x78, 0x03, 0xF8, 0x06, 0x8F,
            0xFB, 0x6C, 0x00, 0x4D, 0xC2, 0x22, 0xD1, 0x80, 0x00, 0xFE, 0xFF, 0xFE, 0x7F, 0xCC, 0xF3, 0x52,
            0xFB, 0x38, 0x4D, 0x82, 0xD0, 0xF7, 0xAC, 0xB1, 0xBD, 0x41, 0xEB, 0xC2, 0x34, 0x00, 0xB3, 0x73,
            0xE4, 0x31, 0x76, 0xEA, 0x65, 0x8F, 0x61, 0x6A, 0x7D, 0x61, 0x82, 0x07, 0x0D, 0xC4, 0xF7, 0xFF,
            0xCE, 0x5A, 0x4A, 0xFF, 0x1A, 0xC9, 0xEB, 0x3A, 0x3F, 0xC8, 0x9C, 0x3F, 0xDE, 0xF9, 0x87, 0x4F,
            0x4F, 0x3F, 0xFC, 0x43, 0x9C, 0x18, 0x51, 0x3F, 0xFE, 0x1D, 0x1E, 0x0C, 0x28, 0xB3, 0x22, 0x4F,
            0x30, 0xE9, 0xE7, 0xC0, 0x00, 0x00,
        ]
}
