import StegCarveBytes
@testable import StegCarveImages
import Testing
import TestSupport

@Suite("TIFF structure")
struct TIFFStructureTests {
    typealias Entry = SyntheticTIFF.Entry

    private func layout(_ bytes: [UInt8], limits: StructureLimits = StructureLimits()) -> ImageLayout {
        ContainerRegistry.layout(of: bytes.span, limits: limits)
    }

    /// Header, strip 0, 10 unreferenced bytes, strip 1, out-of-line values, IFD0 last.
    static func classic() -> [UInt8] {
        var t = SyntheticTIFF()
        t.append([1, 2, 3, 4, 5, 6])
        t.append([UInt8](repeating: 0xEE, count: 10))
        t.append([7, 8, 9, 10, 11, 12])
        t.append(Array("hello world\0".utf8))
        t.append(t.integers([8, 24], size: 4))
        t.append(t.integers([6, 6], size: 4))
        let ifd = t.appendIFD([
            .short(256, 3), .short(257, 2), .short(258, 8), .short(259, 1), .short(262, 1),
            Entry(tag: 270, type: 2, count: 12, value: 30), Entry(tag: 273, type: 4, count: 2, value: 42),
            .short(277, 1), .short(278, 1), Entry(tag: 279, type: 4, count: 2, value: 50),
        ])
        t.setFirstIFD(ifd)
        return t.bytes
    }

    @Test("referenced ranges become regions, unreferenced bytes gaps, the rest the overlay")
    func classicLayout() throws {
        let tiff = Self.classic()
        #expect(tiff.count == 184)
        let result = layout(tiff + [0x99, 0x99, 0x99])
        #expect(result.format == .tiff)
        #expect(result.anomalies.isEmpty, "\(result.anomalies)")
        #expect(result.regions.map(\.name) == [
            "header", "ifd0/strip0", "gap", "ifd0/strip1", "ifd0/ImageDescription", "ifd0/StripOffsets",
            "ifd0/StripByteCounts", "ifd0", "overlay",
        ])
        #expect(result.regions.map(\.range) == [0..<8, 8..<14, 14..<24, 24..<30, 30..<42, 42..<50, 50..<58, 58..<184, 184..<187])
        #expect(result.regions.map(\.kind) == [.header, .imageData, .gap, .imageData, .metadata, .metadata, .metadata, .header, .overlay])
        #expect(result.imageEnd == 184)
        #expect(result.pictureCount == 1)
        let header = try #require(result.header)
        #expect(header.width == 3 && header.height == 2 && header.bitsPerSample == 8 && header.channels == 1)
        #expect(header.coding == "none" && header.colorType == "gray")
    }

    @Test("SubIFDs, Exif, GPS and Interoperability IFDs and the IFD chain, big-endian")
    func subIFDs() {
        var t = SyntheticTIFF(bigEndian: true)
        let small = t.ifdSize(entryCount: 1)
        let ifd0 = 8, sub = ifd0 + t.ifdSize(entryCount: 5), exif = sub + small, gps = exif + small, interop = gps + small, ifd1 = interop + small
        t.appendIFD([.short(256, 1), .long(330, UInt32(sub)), .long(34665, UInt32(exif)), .long(34853, UInt32(gps)), .short(259, 7)], next: ifd1)
        t.appendIFD([.short(256, 2)])
        t.appendIFD([.long(40965, UInt32(interop))])
        t.appendIFD([.short(0, 2)])
        t.appendIFD([.short(1, 1)])
        t.appendIFD([.short(256, 3)])
        t.setFirstIFD(ifd0)
        let result = layout(t.bytes)
        #expect(result.anomalies.isEmpty, "\(result.anomalies)")
        #expect(result.regions.map(\.name) == ["header", "ifd0", "ifd0/subifd1", "ifd0/exif", "ifd0/gps", "ifd0/exif/interop", "ifd1"])
        #expect(result.pictureCount == 2)
        #expect(result.header?.coding == "jpeg")
        #expect(result.imageEnd == t.bytes.count)
    }

    @Test("BigTIFF: 8-byte counts and offsets, LONG8 strip offsets")
    func bigTIFF() {
        var t = SyntheticTIFF(isBig: true)
        t.append([1, 2, 3, 4])
        let ifd = t.appendIFD([.short(256, 2), Entry(tag: 273, type: 16, count: 1, value: 16), Entry(tag: 279, type: 16, count: 1, value: 4)])
        t.setFirstIFD(ifd)
        let result = layout(t.bytes)
        #expect(result.anomalies.isEmpty, "\(result.anomalies)")
        #expect(result.regions.map(\.name) == ["header", "ifd0/strip0", "ifd0"])
        #expect(result.regions.map(\.range) == [0..<16, 16..<20, 20..<96])
    }

    @Test("IFD loops terminate with an anomaly")
    func loops() {
        var selfLoop = SyntheticTIFF()
        selfLoop.appendIFD([.short(256, 1)], next: 8)
        selfLoop.setFirstIFD(8)
        let selfResult = layout(selfLoop.bytes)
        #expect(selfResult.anomalies.map(\.code) == ["ifd-loop"])
        #expect(selfResult.pictureCount == 1)

        var cycle = SyntheticTIFF()
        let second = 8 + cycle.ifdSize(entryCount: 1)
        cycle.appendIFD([.long(330, 8)], next: second)
        cycle.appendIFD([.short(256, 1)], next: 8)
        cycle.setFirstIFD(8)
        let cycleResult = layout(cycle.bytes)
        #expect(cycleResult.anomalies.map(\.code) == ["ifd-loop", "ifd-loop"])
        #expect(cycleResult.pictureCount == 2)
        expectWellFormed(cycleResult, count: cycle.bytes.count)
    }

    @Test("offsets and counts that lie are anomalies, never out-of-bounds regions")
    func lyingFields() {
        var t = SyntheticTIFF()
        t.append([1, 2, 3, 4, 5, 6, 7, 8])
        let ifd = t.appendIFD([
            .long(273, 10_000), .long(279, 4),
            Entry(tag: 270, type: 2, count: 0xFFFF_FFFF, value: 8),
            Entry(tag: 271, type: 99, count: 1, value: 0),
            Entry(tag: 324, type: 4, count: 2, value: 8), Entry(tag: 325, type: 4, count: 2, value: 8),
        ])
        t.setFirstIFD(ifd)
        let result = layout(t.bytes)
        let codes = Set(result.anomalies.map(\.code))
        #expect(codes == ["offset-out-of-range", "truncated-data", "invalid-field-type", "overlapping-data"])
        expectWellFormed(result, count: t.bytes.count)

        var missing = SyntheticTIFF()
        missing.setFirstIFD(4096)
        #expect(layout(missing.bytes).anomalies.map(\.code) == ["offset-out-of-range"])

        var truncated = SyntheticTIFF()
        truncated.appendIFD([.short(256, 1)], declaredCount: 65535)
        truncated.setFirstIFD(8)
        #expect(layout(truncated.bytes).anomalies.map(\.code) == ["truncated-ifd"])
    }

    @Test("every truncation stays inside the input")
    func truncation() {
        let tiff = Self.classic()
        for length in 8..<tiff.count {
            let result = layout(Array(tiff.prefix(length)))
            #expect(result.format == .tiff)
            expectWellFormed(result, count: length)
            #expect(!result.anomalies.isEmpty)
        }
    }

    @Test("a 1,000,000-entry IFD finishes fast and reports the region limit")
    func millionEntries() {
        var t = SyntheticTIFF(isBig: true)
        t.append(Array("123456789\0".utf8))
        let entry = t.integers([270], size: 2) + t.integers([2], size: 2) + t.integers([10, 16], size: 8)
        var table = t.integers([1_000_000], size: 8)
        table.reserveCapacity(table.count + 20_000_008)
        for _ in 0..<1_000_000 { table.append(contentsOf: entry) }
        table += t.integers([0], size: 8)
        let ifd = t.append(table)
        t.setFirstIFD(ifd)
        let start = ContinuousClock.now
        let result = layout(t.bytes)
        #expect(ContinuousClock.now - start < .seconds(30))
        #expect(result.limitHits.map(\.limit) == ["max-regions"])
        #expect(result.imageEnd == nil)
        expectWellFormed(result, count: t.bytes.count)
    }

    @Test("1,000,000 strips finish fast and report the region limit")
    func millionStrips() {
        var t = SyntheticTIFF()
        t.append([0xAB, 0xCD])
        let offsets = t.append(Array([[UInt8]](repeating: [8, 0, 0, 0], count: 1_000_000).joined()))
        let counts = t.append(Array([[UInt8]](repeating: [1, 0, 0, 0], count: 1_000_000).joined()))
        let ifd = t.appendIFD([Entry(tag: 273, type: 4, count: 1_000_000, value: UInt64(offsets)), Entry(tag: 279, type: 4, count: 1_000_000, value: UInt64(counts))])
        t.setFirstIFD(ifd)
        let start = ContinuousClock.now
        let result = layout(t.bytes)
        #expect(ContinuousClock.now - start < .seconds(30))
        #expect(result.limitHits.map(\.limit) == ["max-regions"])
        expectWellFormed(result, count: t.bytes.count)
    }
}

extension TIFFStructureTests {
    @Test("SubIFD fan-out is bounded: pointers past the IFD limit are not followed")
    func subIFDFanOut() {
        // IFD0 points at 4,000 SubIFDs, all of them IFD0 itself or one small IFD.
        var t = SyntheticTIFF()
        let small = t.appendIFD([.short(256, 1)])
        let pointers = t.append(t.integers((0..<4000).map { $0 % 2 == 0 ? UInt64(small) : 0 }, size: 4))
        let ifd0 = t.appendIFD([Entry(tag: 330, type: 13, count: 4000, value: UInt64(pointers))])
        t.setFirstIFD(ifd0)
        let result = ContainerRegistry.layout(of: t.bytes.span)
        #expect(result.limitHits.map(\.limit) == ["max-ifds"])
        #expect(result.anomalies.contains { $0.code == "ifd-loop" })
        expectWellFormed(result, count: t.bytes.count)
    }
}

extension TIFFStructureTests {
    @Test("tiles and an old-style JPEG thumbnail are image data; unpaired counts are an anomaly")
    func tilesAndJPEG() {
        var t = SyntheticTIFF()
        t.append([1, 1, 1, 1])
        t.append([2, 2, 2, 2])
        t.append([0xFF, 0xD8, 0xFF, 0xD9])
        let tileOffsets = t.append(t.integers([8, 12], size: 4))
        let tileCounts = t.append(t.integers([4, 4, 4], size: 4))
        let ifd = t.appendIFD([
            Entry(tag: 324, type: 4, count: 2, value: UInt64(tileOffsets)), Entry(tag: 325, type: 4, count: 3, value: UInt64(tileCounts)),
            .long(513, 16), .long(514, 4),
        ])
        t.setFirstIFD(ifd)
        let result = ContainerRegistry.layout(of: t.bytes.span)
        #expect(result.anomalies.map(\.code) == ["count-mismatch"])
        #expect(result.anomalies.first?.offset == ifd)
        #expect(result.regions.map(\.name) == ["header", "ifd0/tile0", "ifd0/tile1", "ifd0/jpeg", "ifd0/TileOffsets", "ifd0/TileByteCounts", "ifd0"])
        #expect(result.regions[1...3].allSatisfy { $0.kind == .imageData })
    }
}
