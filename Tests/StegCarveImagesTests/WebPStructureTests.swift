import StegCarveBytes
@testable import StegCarveImages
import Testing
import TestSupport

@Suite("WebP structure")
struct WebPStructureTests {
    private func layout(_ bytes: [UInt8]) -> ImageLayout {
        ContainerRegistry.layout(of: bytes.span)
    }

    @Test("simple lossy file: header from VP8, overlay after the RIFF size")
    func lossy() throws {
        let webp = SyntheticRIFF.webp([SyntheticRIFF.vp8(width: 64, height: 48, filler: 9)])
        let result = layout(webp + [0x7F, 0x45])
        #expect(result.format == .webp)
        #expect(result.anomalies.isEmpty, "\(result.anomalies)")
        #expect(result.regions.map(\.name) == ["riff-header", "chunk:VP8", "overlay"])
        // 19 data bytes: odd, so the pad byte belongs to the chunk but not to its payload.
        #expect(result.regions[1].range == 12..<40)
        #expect(result.regions[1].payload == 20..<39)
        #expect(result.imageEnd == webp.count)
        let header = try #require(result.header)
        #expect(header.width == 64 && header.height == 48 && header.coding == "vp8" && header.channels == 3)
    }

    @Test("lossless header with alpha")
    func lossless() throws {
        let result = layout(SyntheticRIFF.webp([SyntheticRIFF.vp8l(width: 300, height: 17, alpha: true)]))
        #expect(result.anomalies.isEmpty, "\(result.anomalies)")
        let header = try #require(result.header)
        #expect(header.width == 300 && header.height == 17 && header.coding == "vp8l" && header.channels == 4)
    }

    @Test("extended file: VP8X canvas, metadata chunks, unknown chunks and animation frames")
    func extended() throws {
        let frameFields = [UInt8](repeating: 0, count: 16)
        let frame = SyntheticRIFF.chunk("ANMF", frameFields + SyntheticRIFF.chunk("ALPH", [1, 2, 3]) + SyntheticRIFF.vp8(width: 8, height: 8))
        let webp = SyntheticRIFF.webp([
            SyntheticRIFF.vp8x(width: 1000, height: 700, flags: 0x3E),
            SyntheticRIFF.chunk("ICCP", SyntheticICC.profile()),
            SyntheticRIFF.chunk("ANIM", [0, 0, 0, 0, 0, 0]),
            frame,
            SyntheticRIFF.chunk("EXIF", [5, 6]),
            SyntheticRIFF.chunk("XMP ", [7]),
            SyntheticRIFF.chunk("stEg", [8, 8, 8]),
        ])
        let result = layout(webp)
        #expect(result.anomalies.isEmpty, "\(result.anomalies)")
        #expect(result.regions.map(\.name) == [
            "riff-header", "chunk:VP8X", "chunk:ICCP", "chunk:ANIM", "chunk:ANMF", "frame1/chunk:ALPH", "frame1/chunk:VP8",
            "chunk:EXIF", "chunk:XMP", "chunk:stEg",
        ])
        #expect(result.regions.map(\.kind) == [.header, .header, .metadata, .header, .header, .imageData, .imageData, .metadata, .metadata, .metadata])
        let anmf = result.regions[4]
        #expect(anmf.range.count == 24 && anmf.payload.count == 16)
        #expect(result.regions.last?.payload.count == 3)
        #expect(result.imageEnd == webp.count)
        let header = try #require(result.header)
        #expect(header.width == 1000 && header.height == 700 && header.channels == 4 && header.coding == "vp8")
        expectWellFormed(result, count: webp.count)
    }

    @Test("an ICCP chunk that is no ICC profile is an anomaly")
    func fakeProfile() {
        let webp = SyntheticRIFF.webp([SyntheticRIFF.vp8x(width: 4, height: 4, flags: 0x20), SyntheticRIFF.chunk("ICCP", Array("not a profile, a payload".utf8)), SyntheticRIFF.vp8(width: 4, height: 4)])
        #expect(layout(webp).anomalies.map(\.code) == ["icc-invalid"])
    }

    @Test("RIFF sizes and chunk sizes that lie are anomalies")
    func lyingSizes() {
        let chunks = [SyntheticRIFF.vp8(width: 4, height: 4)]
        let longer = SyntheticRIFF.webp(chunks, riffSize: 10_000)
        let longerLayout = layout(longer)
        #expect(longerLayout.anomalies.map(\.code) == ["riff-size-mismatch"])
        #expect(longerLayout.imageEnd == longer.count)
        var bad = SyntheticRIFF.webp(chunks + [SyntheticRIFF.chunk("ICCP", [1, 2])])
        bad.replaceSubrange((bad.count - 6)..<(bad.count - 2), with: [0xFF, 0xFF, 0xFF, 0x7F])
        let badLayout = layout(bad)
        // The cut-off profile is no profile either.
        #expect(badLayout.anomalies.map(\.code) == ["truncated-chunk", "icc-invalid"])
        expectWellFormed(badLayout, count: bad.count)
        let garbage = SyntheticRIFF.webp(chunks) + [0x01, 0x02, 0x03, 0x04, 0, 0, 0, 0]
        var garbageHeader = garbage
        garbageHeader.replaceSubrange(4..<8, with: [UInt8(garbage.count - 8), 0, 0, 0])
        let garbageLayout = layout(garbageHeader)
        #expect(garbageLayout.anomalies.map(\.code) == ["invalid-chunk"])
        #expect(garbageLayout.regions.last?.kind == .gap)
        #expect(layout(SyntheticRIFF.webp([SyntheticRIFF.chunk("EXIF", [1])])).anomalies.map(\.code) == ["missing-image-data"])
    }

    @Test("every truncation stays inside the input")
    func truncation() {
        let webp = SyntheticRIFF.webp([
            SyntheticRIFF.vp8x(width: 9, height: 9, flags: 0x02),
            SyntheticRIFF.chunk("ANMF", [UInt8](repeating: 0, count: 16) + SyntheticRIFF.vp8l(width: 9, height: 9, alpha: false)),
            SyntheticRIFF.chunk("XMP ", [1, 2, 3]),
        ])
        for length in 12..<webp.count {
            let result = layout(Array(webp.prefix(length)))
            #expect(result.format == .webp)
            expectWellFormed(result, count: length)
            #expect(!result.anomalies.isEmpty)
        }
    }
}
