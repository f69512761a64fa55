import StegCarveStego
import TestSupport
import Testing

/// Palette pictures: index layouts, PNG unfiltering, GIF LZW (corpus samples in
/// Corpus/stego/palette-*, checked end to end by the scanner's manifest test).
@Suite struct PaletteTests {
    @Test(arguments: ["planes:b0,index,msb-first,xy", "planes:b0-3,index,lsb-first,xy-bottom-up", "planes:b0,index-by-luma,msb-first,yx"])
    func indexLayoutsRoundTrip(_ text: String) throws {
        let layout = try #require(PixelLayout(parsing: text))
        #expect(layout.description == text)
    }

    @Test(arguments: ["planes:b0,ri,msb-first,xy", "planes:b0,index-by-lum,msb-first,xy", "planes:b0,e,msb-first,xy"])
    func mixedOrMisspeltIndexLayoutsAreRejected(_ text: String) {
        #expect(PixelLayout(parsing: text) == nil)
    }

    /// PNG filters applied forward here (PNG 9.2), then undone by the reader.
    static func filtered(_ rows: [[UInt8]], filters: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        for (y, row) in rows.enumerated() {
            output.append(filters[y])
            for x in row.indices {
                let a = x > 0 ? Int(row[x - 1]) : 0
                let b = y > 0 ? Int(rows[y - 1][x]) : 0
                let c = x > 0 && y > 0 ? Int(rows[y - 1][x - 1]) : 0
                let p = a + b - c
                let paeth = abs(p - a) <= abs(p - b) && abs(p - a) <= abs(p - c) ? a : (abs(p - b) <= abs(p - c) ? b : c)
                let predictor = [0, a, b, (a + b) / 2, paeth][Int(filters[y])]
                output.append(row[x] &- UInt8(truncatingIfNeeded: predictor))
            }
        }
        return output
    }

    @Test func pngFiltersAreUndone() throws {
        var generator = SeededGenerator(seed: 3)
        let rows = (0..<5).map { _ in (0..<7).map { _ in UInt8.random(in: 0...255, using: &generator) } }
        let scanlines = Self.filtered(rows, filters: [0, 1, 2, 3, 4])
        let plte = [UInt8](repeating: 9, count: 768)
        let image = try #require(PNGPalette.decode(scanlines: scanlines, width: 7, height: 5, bitDepth: 8, plte: plte))
        #expect(image.indices == rows.flatMap { $0 })
        #expect(image.palette.count == 256)
    }

    @Test func packedIndicesUnpackLeftmostFirst() throws {
        // 2-bit indices 0 1 2 3 | 3 2 (row 1 padded) in two rows of 6 pixels.
        let scanlines: [UInt8] = [0, 0b0001_1011, 0b1110_0000, 0, 0b1111_1111, 0b0000_0000]
        let image = try #require(PNGPalette.decode(scanlines: scanlines, width: 6, height: 2, bitDepth: 2, plte: [1, 2, 3]))
        #expect(image.indices == [0, 1, 2, 3, 3, 2, 3, 3, 3, 3, 0, 0])
        #expect(PNGPalette.decode(scanlines: Array(scanlines.dropLast()), width: 6, height: 2, bitDepth: 2, plte: [1, 2, 3]) == nil)
        #expect(PNGPalette.decode(scanlines: [5] + scanlines.dropFirst(), width: 6, height: 2, bitDepth: 2, plte: [1, 2, 3]) == nil)
    }

    @Test func lumaRanksSortThePalette() throws {
        let image = try #require(PaletteImage(
            width: 2, height: 1, bitsPerIndex: 2, indices: [0, 1], palette: [(255, 255, 255), (0, 0, 0), (128, 128, 128)]))
        #expect(Array(image.lumaRanks.prefix(4)) == [2, 0, 1, 3])
    }

    @Test func gifLZWDecodesTheCorpusSample() throws {
        let gif = try CorpusLocator.bytes("stego/palette-elf-index.gif")
        let image = try GIFIndices.decode(gif.span, maxPixels: 1_000_000).get()
        #expect(image.width == 128 && image.height == 96 && image.palette.count == 256)
        let elf = try CorpusLocator.bytes("elf/min-x86_64-sht-mid.elf")
        let bits = image.indices.prefix(32).map { $0 & 1 }
        let first = (0..<4).map { byte in (0..<8).reduce(UInt8(0)) { $0 << 1 | bits[byte * 8 + $1] } }
        #expect(first == Array(elf.prefix(4)))
        #expect(throws: PixelReadError.overLimit(pixels: 128 * 96, limit: 100)) { try GIFIndices.decode(gif.span, maxPixels: 100).get() }
    }

    @Test func truncatedAndFlippedGIFsNeverTrap() throws {
        let gif = try CorpusLocator.bytes("stego/palette-elf-index.gif")
        var generator = SeededGenerator(seed: 11)
        for cut in stride(from: 0, to: gif.count, by: 97) {
            let prefix = Array(gif.prefix(cut))
            if case .success(let image) = GIFIndices.decode(prefix.span, maxPixels: 1_000_000) {
                #expect(image.indices.count == image.width * image.height)
            }
        }
        for _ in 0..<200 {
            var flipped = gif
            flipped[Int.random(in: 0..<gif.count, using: &generator)] ^= UInt8.random(in: 1...255, using: &generator)
            if case .success(let image) = GIFIndices.decode(flipped.span, maxPixels: 1_000_000) {
                #expect(image.indices.count == image.width * image.height)
            }
        }
        #expect(GIFLZW.decode([0xFF, 0xFF, 0xFF], minimumCodeSize: 8, count: 10).count == 10)
        #expect(GIFLZW.decode([], minimumCodeSize: 9, count: 4) == [0, 0, 0, 0])
    }

    @Test func paletteBMPsOfEveryDepthDecode() throws {
        for (name, bits) in [("stego/palette-elf-8bit.bmp", 8), ("stego/palette-elf-4bit.bmp", 4)] {
            let bmp = try CorpusLocator.bytes(name)
            let image = try BMPPalette.decode(bmp.span, maxPixels: 1_000_000).get()
            #expect(image.bitsPerIndex == bits)
            #expect(image.indices.allSatisfy { Int($0) < 1 << bits })
        }
        let truecolour = try CorpusLocator.bytes("stego/bmp-lsb-elf-file-order.bmp")
        #expect(throws: PixelReadError.self) { try BMPPalette.decode(truecolour.span, maxPixels: 1_000_000).get() }
    }
}
