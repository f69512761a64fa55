import StegCarveBytes
@testable import StegCarveImages
import Testing
import TestSupport

/// Whatever the region limit, the regions of every container format still cover every byte
/// (the rest becomes one scanned region), and the limit is reported.
@Suite("Container region limit")
struct ContainerRegionLimitTests {
    static let inputs: [(String, [UInt8])] = [
        ("gif", SyntheticGIF.minimal(blocks: [SyntheticGIF.netscape, SyntheticGIF.graphicControl, SyntheticGIF.comment([1, 2, 3])]) + [7, 7]),
        ("bmp", SyntheticBMP.file(width: 2, height: 2, bitCount: 8, headerSize: 124, gap: [1, 2], profile: [3, 3], profileGap: [0]) + [7]),
        ("webp", SyntheticRIFF.webp([
            SyntheticRIFF.vp8x(width: 4, height: 4, flags: 2), SyntheticRIFF.chunk("ANIM", [0, 0, 0, 0, 0, 0]),
            SyntheticRIFF.chunk("ANMF", [UInt8](repeating: 0, count: 16) + SyntheticRIFF.chunk("ALPH", [1]) + SyntheticRIFF.vp8(width: 4, height: 4)),
            SyntheticRIFF.chunk("EXIF", [1, 2, 3]),
        ]) + [7]),
        ("tiff", TIFFStructureTests.classic() + [7]),
        ("ico", SyntheticICO.file(images: [SyntheticICO.dib(), SyntheticPNG.minimal()]) + [7]),
    ]

    @Test("regions tile the input under every small limit", arguments: inputs.map(\.0), 1...14)
    func tiles(format: String, maxRegions: Int) throws {
        let bytes = try #require(Self.inputs.first { $0.0 == format }?.1)
        let result = ContainerRegistry.layout(of: bytes.span, limits: StructureLimits(maxRegions: maxRegions))
        #expect(result.format.rawValue == format)
        expectWellFormed(result, count: bytes.count)
        #expect(result.regions.reduce(0) { $0 + $1.range.count } == bytes.count)
        let unlimited = ContainerRegistry.layout(of: bytes.span)
        // The overlay is added after parsing and does not count against the limit.
        if unlimited.regions.filter({ $0.kind != .overlay }).count > maxRegions {
            #expect(result.limitHits.map(\.limit) == ["max-regions"])
            #expect(result.regions.count <= maxRegions + 1)
        } else {
            #expect(result == unlimited)
        }
    }
}
