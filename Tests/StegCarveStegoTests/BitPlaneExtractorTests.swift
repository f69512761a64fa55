import StegCarveImages
import StegCarveStego
import Testing

@Suite struct BitPlaneExtractorTests {
    /// 2×2 RGB with chosen samples, rows [p0 p1] [p2 p3].
    static let grid: SampleGrid? = {
        let pixels: [UInt8] = [
            0b0000_0001, 0b0000_0000, 0b0000_0011, 0b0000_0010, 0b1111_1111, 0b0000_0001,
            0b0000_0000, 0b0000_0001, 0b0000_0001, 0b0000_0011, 0b0000_0000, 0b0000_0001,
        ]
        let description = ImageDescription(
            width: 2, height: 2, colorModel: .rgb, sourceBitsPerSample: 8, sourceChannels: 3,
            outputChannels: 3, outputBitsPerSample: 8, rowBytes: 6,
            isProgressiveOrInterlaced: false, usesArithmeticCoding: false)
        return SampleGrid(DecodedImage(description: description, pixels: pixels))
    }()

    // Bit 0 of r,g,b per pixel: p0 1 0 1, p1 0 1 1, p2 0 1 1, p3 1 0 1 → 101011011101 → one whole byte.
    @Test(arguments: [
        ("planes:b0,rgb,msb-first,xy", [UInt8(0b1010_1101)]),
        ("planes:b0,rgb,lsb-first,xy", [UInt8(0b1011_0101)]),
        ("planes:b0,bgr,msb-first,xy", [UInt8(0b1011_1011)]),
        // Pixels (r,g,b): p0 (1,0,3), p1 (2,255,1), p2 (0,1,1), p3 (3,0,1); yx visits p0 p2 p1 p3.
        ("planes:b0-7,r,msb-first,xy", [1, 2, 0, 3]),
        ("planes:b0-7,g,msb-first,yx", [0, 1, 255, 0]),
        ("planes:b0-3,bg,msb-first,xy", [0x30, 0x1F, 0x11, 0x10]),
    ])
    func extractsKnownBits(_ text: String, _ expected: [UInt8]) throws {
        let grid = try #require(Self.grid)
        let layout = try #require(PixelLayout(parsing: text))
        let bytes = BitPlaneExtractor(grid: grid).extract(layout, maxBytes: 100)
        #expect(bytes == expected)
    }

    @Test func missingChannelOrPlaneGivesNil() throws {
        let grid = try #require(Self.grid)
        let extractor = BitPlaneExtractor(grid: grid)
        #expect(extractor.extract(try #require(PixelLayout(parsing: "planes:b0,a,msb-first,xy")), maxBytes: 8) == nil)
        #expect(extractor.extract(try #require(PixelLayout(parsing: "planes:b8,r,msb-first,xy")), maxBytes: 8) == nil)
    }
}

@Suite struct SixteenBitTests {
    @Test func bigEndianSamplesAreReadWhole() throws {
        // 2×1 16-bit gray: 0x1234, 0xABCD (big-endian, as the decoder delivers them).
        let description = ImageDescription(
            width: 2, height: 1, colorModel: .gray, sourceBitsPerSample: 16, sourceChannels: 1,
            outputChannels: 1, outputBitsPerSample: 16, rowBytes: 4,
            isProgressiveOrInterlaced: false, usesArithmeticCoding: false)
        let grid = try #require(SampleGrid(DecodedImage(description: description, pixels: [0x12, 0x34, 0xAB, 0xCD])))
        let extractor = BitPlaneExtractor(grid: grid)
        let whole = extractor.extract(try #require(PixelLayout(parsing: "planes:b0-15,l,msb-first,xy")), maxBytes: 10)
        #expect(whole == [0x12, 0x34, 0xAB, 0xCD])
        // Planes 8–11 of each sample: 0x2 then 0xB.
        let nibbles = extractor.extract(try #require(PixelLayout(parsing: "planes:b8-11,l,msb-first,xy")), maxBytes: 10)
        #expect(nibbles == [0x2B])
    }

    @Test func shortBufferIsRejected() {
        let description = ImageDescription(
            width: 2, height: 2, colorModel: .gray, sourceBitsPerSample: 16, sourceChannels: 1,
            outputChannels: 1, outputBitsPerSample: 16, rowBytes: 4,
            isProgressiveOrInterlaced: false, usesArithmeticCoding: false)
        #expect(SampleGrid(DecodedImage(description: description, pixels: [1, 2, 3, 4, 5, 6, 7])) == nil)
    }
}
