import StegCarveBytes
@testable import StegCarveImages
import Testing
import TestSupport

@Suite("PNG structure")
struct PNGStructureTests {
    private func layout(_ bytes: [UInt8]) -> ImageLayout {
        ContainerRegistry.layout(of: bytes.span)
    }

    @Test("chunks, CRCs and the overlay after IEND")
    func minimalWithOverlay() {
        let png = SyntheticPNG.minimal()
        let result = layout(png + [1, 2, 3])
        #expect(result.format == .png)
        #expect(result.anomalies.isEmpty)
        #expect(result.imageEnd == png.count)
        #expect(result.regions.map(\.name) == ["signature", "chunk:IHDR", "chunk:IDAT", "chunk:IEND", "overlay"])
        #expect(result.regions.map(\.kind) == [.header, .header, .imageData, .header, .overlay])
        let idat = result.regions[2]
        #expect(idat.payload == (idat.range.lowerBound + 8)..<(idat.range.upperBound - 4))
    }

    @Test("a CRC mismatch is reported with the declared and computed values")
    func crcMismatch() throws {
        let bytes = SyntheticPNG.signature + SyntheticPNG.header() + SyntheticPNG.chunk("tEXt", Array("k\0v".utf8), corruptCRC: true) + SyntheticPNG.chunk("IDAT", SyntheticPNG.imageData()) + SyntheticPNG.chunk("IEND", [])
        let anomalies = layout(bytes).anomalies
        #expect(anomalies.map(\.code) == ["crc-mismatch"])
        #expect(anomalies.first?.offset == 33)
        let correct = SyntheticPNG.crc32(Array("tEXtk\0v".utf8))
        let message = try #require(anomalies.first?.message)
        #expect(message.contains(String(correct, radix: 16)))
    }

    @Test("private and ancillary chunks are metadata regions whose data is the payload")
    func privateChunk() {
        let bytes = SyntheticPNG.signature + SyntheticPNG.header() + SyntheticPNG.chunk("IDAT", SyntheticPNG.imageData()) + SyntheticPNG.chunk("stEg", [9, 9, 9]) + SyntheticPNG.chunk("IEND", [])
        let region = layout(bytes).regions.first { $0.name == "chunk:stEg" }
        #expect(region?.kind == .metadata)
        #expect(region?.payload.count == 3)
    }

    @Test("order rules: IHDR first, IDAT consecutive, an IDAT present")
    func orderRules() {
        let outOfOrder = SyntheticPNG.signature + SyntheticPNG.chunk("tEXt", [0]) + SyntheticPNG.header() + SyntheticPNG.chunk("IEND", [])
        #expect(layout(outOfOrder).anomalies.map(\.code) == ["chunk-order", "chunk-order", "missing-idat"])
        let split = SyntheticPNG.signature + SyntheticPNG.header() + SyntheticPNG.chunk("IDAT", Array(SyntheticPNG.imageData().prefix(4))) + SyntheticPNG.chunk("tEXt", [0]) + SyntheticPNG.chunk("IDAT", Array(SyntheticPNG.imageData().dropFirst(4))) + SyntheticPNG.chunk("IEND", [])
        #expect(layout(split).anomalies.map(\.code) == ["chunk-order"])
        var header = ByteWriter(bigEndian: true)
        header.u32(0); header.u32(1); header.append([3, 2, 0, 0, 0])
        let invalid = SyntheticPNG.signature + SyntheticPNG.chunk("IHDR", header.bytes) + SyntheticPNG.chunk("IDAT", SyntheticPNG.imageData()) + SyntheticPNG.chunk("IEND", [])
        #expect(layout(invalid).anomalies.map(\.code) == ["invalid-ihdr"])
    }

    @Test("every truncation stays inside the input and is reported")
    func truncation() {
        let png = SyntheticPNG.minimal()
        for length in 8..<png.count {
            let result = layout(Array(png.prefix(length)))
            #expect(result.regions.allSatisfy { $0.range.upperBound <= length })
            #expect(result.anomalies.contains { $0.code == "missing-iend" })
        }
    }

    @Test("300,000 chunks finish quickly, stop at the region limit, and stay scannable")
    func manyChunks() {
        let tiny = SyntheticPNG.chunk("tEXt", [0x61])
        var bytes = SyntheticPNG.signature + SyntheticPNG.header()
        bytes.reserveCapacity(bytes.count + 300_000 * tiny.count + 100)
        for _ in 0..<300_000 { bytes += tiny }
        bytes += SyntheticPNG.chunk("IDAT", SyntheticPNG.imageData()) + SyntheticPNG.chunk("IEND", [])
        let result = layout(bytes)
        #expect(result.limitHits.map(\.limit) == ["max-regions"])
        #expect(result.regions.last?.name == "unparsed")
        #expect(result.regions.last?.range.upperBound == bytes.count)
    }

    @Test("a length that lies past the end, or an invalid type, stops the chunk walk")
    func lyingChunks() {
        var w = ByteWriter(bigEndian: true)
        w.u32(0x7FFF_FFFF)
        w.append("tEXt")
        let lying = SyntheticPNG.signature + SyntheticPNG.header() + w.bytes + [1, 2, 3]
        let result = layout(lying)
        #expect(result.anomalies.map(\.code).contains("truncated-chunk"))
        #expect(result.regions.last?.range.upperBound == lying.count)
        let badType = SyntheticPNG.signature + SyntheticPNG.header() + [0, 0, 0, 0, 0x31, 0x32, 0x33, 0x34, 0, 0, 0, 0]
        #expect(layout(badType).anomalies.first?.code == "invalid-chunk")
    }
}
