import StegCarveImages
import Testing
import TestSupport

/// libtiff and libwebp behind ``PixelDecoder``: hostile headers, the supported set, and the
/// corpus pictures that hold the same samples in different containers.
@Suite("PixelDecoder: TIFF and WebP")
struct TIFFWebPDecoderTests {
    let decoder = PixelDecoder()

    func tiff(width: Int = 4, height: Int = 2, bits: Int = 8, samples: Int = 1, photometric: Int = 1,
              compression: Int = 1, stripByteCount: Int? = nil) -> [UInt8] {
        let data = [UInt8](repeating: 0x55, count: 4 * 2 * samples * max(bits / 8, 1))
        return TIFFFixtureWriter(
            width: width, height: height, bitsPerSample: bits, samplesPerPixel: samples, photometric: photometric,
            data: data, compression: compression, stripByteCount: stripByteCount).bytes
    }

    @Test("a TIFF declaring 100000x100000 exceeds the limit before allocating")
    func hugeTIFF() throws {
        let bytes = tiff(width: 100_000, height: 100_000)
        let description = try decoder.describe(bytes.span, as: .tiff)
        #expect(description.width == 100_000 && description.height == 100_000)
        let decoded = #expect(throws: PixelDecodeError.self) { try decoder.decode(bytes.span, as: .tiff) }
        #expect(decoded == .limitExceeded(pixels: 10_000_000_000, limit: 100_000_000))
        #expect(decoder.verify(bytes.span, as: .tiff).failure?.kind == .limitExceeded)
    }

    @Test("rows the file does not hold are a decode failure; byte counts that lie while the rows are there are not")
    func stripsAndByteCounts() {
        var halfMissing = TIFFFixtureWriter(width: 4, height: 2, bitsPerSample: 8, samplesPerPixel: 1, photometric: 1,
                                            data: [1, 2, 3, 4], stripByteCount: 8)
        let cut = decoder.verify(halfMissing.bytes.span, as: .tiff)
        #expect(cut.failure?.kind == .decodeFailed, "\(String(describing: cut.failure))")
        #expect(!cut.decodes)
        halfMissing.data += [5, 6, 7, 8]
        let whole = try? decoder.decode(halfMissing.bytes.span, as: .tiff)
        #expect(whole?.pixels == [1, 2, 3, 4, 5, 6, 7, 8])
        // libtiff reads an uncompressed strip's rows from its offset whatever the count says;
        // the structure decoder reports the lie (TIFFStructureTests).
        for count in [3, 1_000_000] {
            let check = decoder.verify(tiff(stripByteCount: count).span, as: .tiff)
            #expect(check.decodes, "count \(count): \(String(describing: check.failure))")
        }
    }

    @Test("tiles that overhang the image many times over are refused before decoding; tiles that fit decode")
    func overhangingTiles() throws {
        // A 1x65536 image in 4096x16 tiles: 4,096 tiles of 64 KiB, 256 MiB decoded for 64 KiB of pixels.
        let tile = [UInt8](repeating: 7, count: 4096 * 16)
        let wide = TIFFFixtureWriter(width: 1, height: 65536, bitsPerSample: 8, samplesPerPixel: 1, photometric: 1,
                                     data: tile, tiles: (4096, 16, 4096)).bytes
        let check = decoder.verify(wide.span, as: .tiff)
        #expect(check.failure?.kind == .decodeFailed)
        #expect(check.message?.contains("decode far more than its pixels") == true, "\(String(describing: check.message))")
        // 16x32 in two 16x16 tiles (both pointing at the same bytes): decodes, twice the tile.
        let fitting = TIFFFixtureWriter(width: 16, height: 32, bitsPerSample: 8, samplesPerPixel: 1, photometric: 1,
                                        data: (0..<256).map { UInt8($0) }, tiles: (16, 16, 2)).bytes
        let image = try decoder.decode(fitting.span, as: .tiff)
        #expect(image.pixels == (0..<256).map { UInt8($0) } + (0..<256).map { UInt8($0) })
    }

    @Test("codecs and layouts outside the supported set are unsupported, not damage",
          arguments: [
            (7, 8, 1, 1, "compression 7 (JPEG)"), (5, 12, 1, 1, "12 bits"), (1, 8, 3, 6, "photometric 6"),
            (1, 1, 1, 0, "1 bits"), (34887, 8, 1, 1, "compression 34887"),
          ])
    func unsupported(_ compression: Int, _ bits: Int, _ samples: Int, _ photometric: Int, _ what: String) {
        let bytes = tiff(bits: bits, samples: samples, photometric: photometric, compression: compression)
        let check = decoder.verify(bytes.span, as: .tiff)
        #expect(check.failure?.kind == .unsupported, "\(what): \(String(describing: check.failure))")
        #expect(check.description != nil, "\(what): the header is still described")
        let decoded = #expect(throws: PixelDecodeError.self) { try decoder.decode(bytes.span, as: .tiff) }
        #expect(decoded?.kind == .unsupported)
    }

    @Test("garbage is rejected with the library's reason")
    func garbage() {
        let text = Array("hello, world, not a picture".utf8)
        let asTIFF = #expect(throws: PixelDecodeError.self) { try decoder.decode(text.span, as: .tiff) }
        #expect(asTIFF?.kind == .decodeFailed)
        #expect(asTIFF?.message.contains("Not a TIFF") == true, "\(String(describing: asTIFF))")
        let asWebP = #expect(throws: PixelDecodeError.self) { try decoder.decode(text.span, as: .webp) }
        #expect(asWebP?.kind == .decodeFailed)
        #expect(asWebP?.message.hasPrefix("libwebp header: ") == true)
    }

    @Test("an animated WebP is not decoded, and says why")
    func animatedWebP() throws {
        let bytes = try CorpusLocator.bytes("stego/webp-animated-clean.webp")
        let check = decoder.verify(bytes.span, as: .webp)
        #expect(check.failure?.kind == .unsupported)
        #expect(check.message == "animated WebP: frames are not decoded")
    }

    @Test("strips, tiles in separate planes, and lossless WebP of the same samples decode alike")
    func sameSamplesAnyContainer() throws {
        let names = ["stego/tiff-lsb-elf-rgb.tif", "stego/tiff-lsb-elf-tiled-planar.tif", "stego/webp-lossless-lsb-elf.webp"]
        var images: [DecodedImage] = []
        for name in names {
            let bytes = try CorpusLocator.bytes(name)
            images.append(try decoder.decode(bytes.span, as: name.hasSuffix(".webp") ? .webp : .tiff))
        }
        for image in images {
            #expect(image.description.width == 256 && image.description.height == 256)
            #expect(image.description.outputChannels == 3 && !image.description.isLossy)
            #expect(image.pixels == images[0].pixels)
        }
        let lossyBytes = try CorpusLocator.bytes("stego/webp-lossy-clean.webp")
        let lossy = try decoder.describe(lossyBytes.span, as: .webp)
        #expect(lossy.isLossy)
    }
}
