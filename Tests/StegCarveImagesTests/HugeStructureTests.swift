import StegCarveBytes
@testable import StegCarveImages
import Testing
import TestSupport

/// Files made of an absurd number of tiny structures: parsing stops at the region limit,
/// reports it, scans the rest as one region, and stays linear.
@Suite("Huge chunk and segment counts")
struct HugeStructureTests {
    /// A PNG with `count` empty private chunks between IHDR and IDAT.
    static func pngWithChunks(_ count: Int) -> [UInt8] {
        let empty = SyntheticPNG.chunk("prIv", [])
        var bytes = SyntheticPNG.signature + SyntheticPNG.header()
        bytes.reserveCapacity(bytes.count + count * empty.count + 64)
        for _ in 0..<count { bytes += empty }
        return bytes + SyntheticPNG.chunk("IDAT", [0x78, 0x9C, 0x63, 0x60, 0x00, 0x00, 0x00, 0x04, 0x00, 0x01]) + SyntheticPNG.chunk("IEND", [])
    }

    /// A JPEG with `count` empty COM segments after SOI, then a minimal picture.
    static func jpegWithSegments(_ count: Int) -> [UInt8] {
        let picture = SyntheticJPEG.minimal()
        var bytes: [UInt8] = [0xFF, 0xD8]
        bytes.reserveCapacity(count * 4 + picture.count)
        for _ in 0..<count { bytes += [0xFF, 0xFE, 0x00, 0x02] }
        return bytes + picture.dropFirst(2)
    }

    @Test("300,000 PNG chunks and 200,000 JPEG segments: the region limit is hit, reported, and the rest is one region",
          arguments: ["png", "jpeg"])
    func hugeCounts(format: String) {
        let bytes = format == "png" ? Self.pngWithChunks(300_000) : Self.jpegWithSegments(200_000)
        let started = ContinuousClock.now
        let layout = ContainerRegistry.layout(of: bytes.span, limits: StructureLimits(maxRegions: 100_000))
        let elapsed = ContinuousClock.now - started
        #expect(layout.format.rawValue == format)
        #expect(layout.limitHits.map(\.limit) == ["max-regions"])
        #expect(layout.regions.count <= 100_001)
        #expect(layout.regions.reduce(0) { $0 + $1.range.count } == bytes.count, "the regions still cover every byte")
        expectWellFormed(layout, count: bytes.count)
        // Linear in debug builds too (about 1 s here); a quadratic walk would take minutes.
        #expect(elapsed < .seconds(30), "\(elapsed)")
    }
}
