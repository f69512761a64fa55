import StegCarveBytes
@testable import StegCarveImages
import Testing
import TestSupport

@Suite("ICO structure")
struct ICOStructureTests {
    private func layout(_ bytes: [UInt8]) -> ImageLayout {
        ContainerRegistry.layout(of: bytes.span)
    }

    @Test("a DIB entry and a PNG entry; the overlay after the last image")
    func entries() throws {
        let dib = SyntheticICO.dib(width: 2, height: 2)
        let png = SyntheticPNG.minimal()
        let ico = SyntheticICO.file(images: [dib, png])
        let result = layout(ico + [0xAA])
        #expect(result.format == .ico)
        #expect(result.anomalies.isEmpty, "\(result.anomalies)")
        #expect(result.pictureCount == 2)
        #expect(result.regions.map(\.name) == ["directory", "image1:bmp", "image2:png", "overlay"])
        #expect(result.regions.map(\.range) == [0..<38, 38..<(38 + dib.count), (38 + dib.count)..<ico.count, ico.count..<(ico.count + 1)])
        let header = try #require(result.header)
        #expect(header.width == 2 && header.height == 2 && header.coding == "bmp")
    }

    @Test("cursors are detected as cur")
    func cursor() {
        let result = layout(SyntheticICO.file(type: 2, images: [SyntheticPNG.minimal()]))
        #expect(result.format == .cur)
        #expect(result.header?.coding == "png")
    }

    @Test("bytes hidden inside an entry, between entries, or past the file are reported")
    func hiddenAndLying() {
        let png = SyntheticPNG.minimal()
        let padded = layout(SyntheticICO.file(images: [png + [1, 2, 3]]))
        #expect(padded.anomalies.map(\.code) == ["entry-size-mismatch"])
        let dibExtra = layout(SyntheticICO.file(images: [SyntheticICO.dib(extra: 5)]))
        #expect(dibExtra.anomalies.map(\.code) == ["entry-size-mismatch"])

        let dib = SyntheticICO.dib()
        let spaced = SyntheticICO.file(images: [dib, [0xEE, 0xEE], png], offsets: [nil, nil, 54 + dib.count + 2])
        var gapFile = spaced
        gapFile.replaceSubrange(6 + 16 + 8..<6 + 16 + 16, with: [0, 0, 0, 0, 0, 0, 0, 0])  // entry 2: size 0, offset 0
        let gapLayout = layout(gapFile)
        #expect(gapLayout.regions.map(\.name) == ["directory", "image1:bmp", "gap", "image3:png"])
        #expect(gapLayout.anomalies.map(\.code) == ["offset-out-of-range"])

        let truncated = Array(SyntheticICO.file(images: [png]).dropLast(4))
        #expect(layout(truncated).anomalies.map(\.code).contains("truncated-image"))

        let overlapping = SyntheticICO.file(images: [png, png], offsets: [22 + 16, 22 + 16 + 8])
        let overlapLayout = layout(overlapping)
        #expect(overlapLayout.anomalies.map(\.code).contains("overlapping-images"))
        expectWellFormed(overlapLayout, count: overlapping.count)
    }

    @Test("random bytes starting like an icon directory are not an icon")
    func detection() {
        var generator = SeededGenerator(seed: 0x1C0)
        for _ in 0..<2000 {
            let bytes = [0, 0, 1, 0] + generator.bytes(200)
            #expect(ICODecoder().matches(bytes.span) == false)
        }
        #expect(layout([0, 0, 1, 0, 0, 0]).format == .unknown)
        // An entry that points into the directory is not accepted either.
        let inside = SyntheticICO.file(images: [SyntheticPNG.minimal()], offsets: [6])
        #expect(layout(inside).format == .unknown)
    }

    @Test("every truncation stays inside the input")
    func truncation() {
        let ico = SyntheticICO.file(images: [SyntheticICO.dib(), SyntheticPNG.minimal()])
        for length in 0..<ico.count {
            let result = layout(Array(ico.prefix(length)))
            expectWellFormed(result, count: length)
            if result.format == .ico { #expect(!result.anomalies.isEmpty) }
        }
    }
}
