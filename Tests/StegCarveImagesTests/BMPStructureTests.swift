import StegCarveBytes
@testable import StegCarveImages
import Testing
import TestSupport

@Suite("BMP structure")
struct BMPStructureTests {
    private func layout(_ bytes: [UInt8]) -> ImageLayout {
        ContainerRegistry.layout(of: bytes.span)
    }

    @Test("v3 24-bit: headers, padded rows and the overlay after the pixels")
    func version3() throws {
        let bmp = SyntheticBMP.file(width: 3, height: 2, bitCount: 24)
        #expect(bmp.count == 54 + 2 * 12)
        let result = layout(bmp + [1, 2, 3, 4])
        #expect(result.format == .bmp)
        #expect(result.anomalies.isEmpty, "\(result.anomalies)")
        #expect(result.regions.map(\.name) == ["file-header", "dib-header:BITMAPINFOHEADER", "pixels", "overlay"])
        #expect(result.regions.map(\.range) == [0..<14, 14..<54, 54..<78, 78..<82])
        #expect(result.regions.map(\.kind) == [.header, .header, .imageData, .overlay])
        let header = try #require(result.header)
        #expect(header.width == 3 && header.height == 2 && header.bitsPerSample == 8 && header.channels == 3 && header.coding == "rgb")
    }

    @Test("header versions", arguments: [(12, "BITMAPCOREHEADER"), (40, "BITMAPINFOHEADER"), (52, "BITMAPV2INFOHEADER"), (56, "BITMAPV3INFOHEADER"), (108, "BITMAPV4HEADER"), (124, "BITMAPV5HEADER")])
    func versions(size: Int, name: String) {
        // Core headers have unsigned 16-bit sizes; the others are top-down here.
        let bmp = SyntheticBMP.file(width: 5, height: size == 12 ? 3 : -3, bitCount: 8, headerSize: size)
        let result = layout(bmp)
        #expect(result.anomalies.isEmpty, "\(result.anomalies)")
        let paletteBytes = 256 * (size == 12 ? 3 : 4)
        #expect(result.regions.map(\.name) == ["file-header", "dib-header:" + name, "palette", "pixels"])
        #expect(result.regions[2].range == (14 + size)..<(14 + size + paletteBytes))
        #expect(result.regions[3].range.count == 8 * 3)
        #expect(result.imageEnd == bmp.count)
        #expect(result.header?.colorType == "palette")
    }

    @Test("bytes between the palette and bfOffBits are a scanned gap (Witchetty)")
    func gapBeforePixels() {
        let hidden = [UInt8](repeating: 0xCC, count: 100)
        let bmp = SyntheticBMP.file(width: 2, height: 2, bitCount: 1, gap: hidden)
        let result = layout(bmp)
        #expect(result.anomalies.isEmpty, "\(result.anomalies)")
        #expect(result.regions.map(\.name) == ["file-header", "dib-header:BITMAPINFOHEADER", "palette", "gap", "pixels"])
        #expect(result.regions[3].range == 62..<162)
        #expect(result.regions[3].kind == .gap)
    }

    @Test("BI_BITFIELDS masks after a 40-byte header, RLE extent from biSizeImage")
    func masksAndRLE() {
        let masked = layout(SyntheticBMP.file(width: 4, height: 1, bitCount: 16, compression: 3))
        #expect(masked.regions.map(\.name) == ["file-header", "dib-header:BITMAPINFOHEADER", "color-masks", "pixels"])
        #expect(masked.regions[2].range == 54..<66)
        let rle = SyntheticBMP.file(width: 100, height: 100, bitCount: 8, compression: 1, imageSize: 7, pixels: [0, 1, 0, 1, 0, 0, 1])
        let rleLayout = layout(rle + [0xEE])
        #expect(rleLayout.anomalies.isEmpty, "\(rleLayout.anomalies)")
        #expect(rleLayout.regions.first { $0.name == "pixels" }?.range.count == 7)
        #expect(rleLayout.overlay?.range.count == 1)
        let missing = SyntheticBMP.file(width: 100, height: 100, bitCount: 8, compression: 1, imageSize: 0, pixels: [0, 1])
        #expect(layout(missing).anomalies.map(\.code) == ["missing-image-size"])
    }

    @Test("V5 embedded profile after a gap; the overlay follows the profile")
    func version5Profile() throws {
        let profile = SyntheticICC.profile()
        let bmp = SyntheticBMP.file(width: 2, height: 2, bitCount: 32, headerSize: 124, profile: profile, profileGap: [0, 0, 0, 0])
        let result = layout(bmp + [7])
        #expect(result.anomalies.isEmpty, "\(result.anomalies)")
        #expect(result.regions.map(\.name) == ["file-header", "dib-header:BITMAPV5HEADER", "pixels", "gap", "icc-profile", "overlay"])
        let icc = try #require(result.regions.first { $0.name == "icc-profile" })
        #expect(icc.range == (bmp.count - profile.count)..<bmp.count)
        #expect(icc.kind == .metadata)
        #expect(result.imageEnd == bmp.count)
        #expect(result.header?.channels == 4)
    }

    @Test("bfSize and offsets that lie are anomalies; a larger consistent bfSize moves the end")
    func lyingFields() {
        let base = SyntheticBMP.file(width: 3, height: 2, bitCount: 24)
        let larger = SyntheticBMP.file(width: 3, height: 2, bitCount: 24, fileSize: UInt32(base.count + 8)) + [UInt8](repeating: 0x90, count: 10)
        let largerLayout = layout(larger)
        #expect(largerLayout.anomalies.map(\.code) == ["bfsize-mismatch"])
        #expect(largerLayout.imageEnd == base.count + 8)
        #expect(largerLayout.regions.suffix(2).map(\.name) == ["gap", "overlay"])
        let smaller = layout(SyntheticBMP.file(width: 3, height: 2, bitCount: 24, fileSize: 20))
        #expect(smaller.anomalies.map(\.code) == ["bfsize-mismatch"])
        #expect(smaller.imageEnd == base.count)

        var pastEnd = base
        pastEnd.replaceSubrange(10..<14, with: [0x88, 0x13, 0, 0])  // bfOffBits 5000
        #expect(layout(pastEnd).anomalies.map(\.code).contains("offset-out-of-range"))
        let insideHeaders = SyntheticBMP.file(width: 3, height: 2, bitCount: 24, offBits: 30)
        #expect(layout(insideHeaders).anomalies.map(\.code).contains("offset-out-of-range"))
        let short = Array(base.prefix(base.count - 5))
        #expect(layout(short).anomalies.map(\.code).contains("truncated-pixels"))
        let hostilePalette = SyntheticBMP.file(width: 1, height: 1, bitCount: 8, paletteEntries: 2, colorsUsed: 0xFFFF_FFFF)
        let hostile = layout(hostilePalette)
        #expect(hostile.anomalies.map(\.code).contains("truncated-palette"))
        expectWellFormed(hostile, count: hostilePalette.count)
        let huge = SyntheticBMP.file(width: 0x7FFF_FFFF, height: 0x7FFF_FFFF, bitCount: 32, pixels: [1, 2, 3])
        #expect(layout(huge).anomalies.map(\.code).contains("invalid-dimensions"))
    }

    @Test("every truncation stays inside the input")
    func truncation() {
        let bmp = SyntheticBMP.file(width: 2, height: 2, bitCount: 32, headerSize: 124, gap: [1, 2, 3], profile: [9, 9, 9, 9], profileGap: [0])
        for length in 0..<bmp.count {
            let result = layout(Array(bmp.prefix(length)))
            expectWellFormed(result, count: length)
            if result.format == .bmp { #expect(!result.anomalies.isEmpty) }
        }
    }

    @Test("`BM` followed by an unknown DIB header size is not a bitmap")
    func detection() {
        #expect(layout(Array("BM this is text, not a bitmap".utf8)).format == .unknown)
    }
}
