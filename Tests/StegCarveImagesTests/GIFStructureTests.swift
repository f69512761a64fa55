import StegCarveBytes
import StegCarveCarving
@testable import StegCarveImages
import Testing
import TestSupport

@Suite("GIF structure")
struct GIFStructureTests {
    private func layout(_ bytes: [UInt8], limits: StructureLimits = StructureLimits()) -> ImageLayout {
        ContainerRegistry.layout(of: bytes.span, limits: limits)
    }

    @Test("blocks, extensions and the overlay after the trailer")
    func blocksAndOverlay() throws {
        let header = SyntheticGIF.header(width: 4, height: 2, colorBits: 1)
        let blocks = [SyntheticGIF.netscape, SyntheticGIF.graphicControl, SyntheticGIF.comment(Array("hello".utf8))]
        let gif = SyntheticGIF.minimal(blocks: blocks)
        let result = layout(gif + [9, 9, 9])
        #expect(result.format == .gif)
        #expect(result.anomalies.isEmpty, "\(result.anomalies)")
        #expect(result.imageEnd == gif.count)
        #expect(result.regions.map(\.name) == [
            "header", "screen-descriptor", "global-color-table", "extension:application:NETSCAPE2.0",
            "extension:graphic-control", "extension:comment", "image1/descriptor", "image1/data", "trailer", "overlay",
        ])
        #expect(result.regions.map(\.kind) == [.header, .header, .header, .metadata, .header, .metadata, .header, .imageData, .header, .overlay])
        #expect(result.regions[2].range == 13..<19)
        let netscapeEnd = header.count + blocks[0].count
        #expect(result.regions[3].range == header.count..<netscapeEnd)
        // NETSCAPE2.0: the identifier block is framing; the loop block is the payload.
        #expect(result.regions[3].payloadPieces == [(header.count + 15)..<(header.count + 18)])
        let comment = result.regions[5]
        #expect(comment.payloadPieces == [(comment.range.lowerBound + 3)..<(comment.range.lowerBound + 8)])
        let data = result.regions[7]
        #expect(data.range.lowerBound == result.regions[6].range.upperBound)
        #expect(result.overlay?.range == gif.count..<(gif.count + 3))
        let picture = try #require(result.header)
        #expect(picture.width == 4 && picture.height == 2 && picture.coding == "lzw" && picture.colorType == "palette")
        expectWellFormed(result, count: gif.count + 3)
    }

    @Test("a comment split over sub-blocks is one region whose pieces join to the text")
    func splitComment() throws {
        let text = (0..<700).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let gif = SyntheticGIF.minimal(blocks: [SyntheticGIF.comment(text, size: 255)])
        let result = layout(gif)
        let comment = try #require(result.regions.first { $0.name == "extension:comment" })
        let pieces = try #require(comment.payloadPieces)
        #expect(pieces.map(\.count) == [255, 255, 190])
        let start = comment.range.lowerBound
        #expect(pieces == [(start + 3)..<(start + 258), (start + 259)..<(start + 514), (start + 515)..<(start + 705)])
        let joined = gif.span.joined(pieces)
        #expect(joined == text)
        #expect(comment.range.upperBound == start + 706)
    }

    @Test("local colour tables, interlacing and the XMP extension's raw payload")
    func localTablesAndXMP() throws {
        let packet = Array("<x:xmpmeta>ok</x:xmpmeta>".utf8)
        let gif = SyntheticGIF.header(colorBits: nil, version: "GIF89a") + SyntheticGIF.xmp(packet)
            + SyntheticGIF.image(localColorBits: 2, interlaced: true) + [0x3B]
        let result = layout(gif)
        #expect(result.anomalies.isEmpty, "\(result.anomalies)")
        #expect(result.regions.map(\.name) == ["header", "screen-descriptor", "extension:application:XMP DataXMP", "image1/descriptor", "image1/local-color-table", "image1/data", "trailer"])
        let xmp = result.regions[2]
        #expect(xmp.payloadPieces == nil)
        #expect(gif.span.bytes(in: xmp.payload).prefix(packet.count) == packet[...])
        #expect(xmp.payload.count == packet.count + 257)
        #expect(result.regions[4].range.count == 12)
        #expect(result.header?.interlaced == true)
    }

    @Test("unknown labels, bad blocks, missing trailers and bad code sizes are anomalies")
    func anomalies() {
        let unknown = SyntheticGIF.minimal(blocks: [SyntheticGIF.extensionBlock(label: 0x99, blocks: [[1, 2]])])
        let unknownLayout = layout(unknown)
        #expect(unknownLayout.anomalies.map(\.code) == ["unknown-extension"])
        #expect(unknownLayout.regions.contains { $0.name == "extension:0x99" && $0.kind == .metadata })

        let garbage = SyntheticGIF.header() + SyntheticGIF.image() + [0x42, 0x3B]
        let garbageLayout = layout(garbage)
        #expect(garbageLayout.anomalies.map(\.code) == ["invalid-block"])
        #expect(garbageLayout.imageEnd == garbage.count - 2)
        #expect(garbageLayout.overlay?.range == (garbage.count - 2)..<garbage.count)

        let noTrailer = SyntheticGIF.header() + SyntheticGIF.image()
        #expect(layout(noTrailer).anomalies.map(\.code) == ["missing-trailer"])

        let badCode = SyntheticGIF.header() + SyntheticGIF.image(codeSize: 13) + [0x3B]
        #expect(layout(badCode).anomalies.map(\.code) == ["invalid-lzw-code-size"])

        let badControl = SyntheticGIF.minimal(blocks: [SyntheticGIF.extensionBlock(label: 0xF9, blocks: [[1, 2, 3]])])
        #expect(layout(badControl).anomalies.map(\.code) == ["invalid-graphic-control"])

        let noImage = SyntheticGIF.header() + SyntheticGIF.graphicControl + [0x3B]
        #expect(layout(noImage).anomalies.map(\.code) == ["missing-image"])
    }

    @Test("every truncation stays inside the input")
    func truncation() {
        let gif = SyntheticGIF.minimal(blocks: [SyntheticGIF.netscape, SyntheticGIF.comment(Array(repeating: 0x41, count: 300))])
        for length in 6..<gif.count {
            let result = layout(Array(gif.prefix(length)))
            #expect(result.format == .gif)
            expectWellFormed(result, count: length)
            #expect(!result.anomalies.isEmpty)
        }
    }

    @Test("300,000 tiny extension blocks finish fast and report the region limit")
    func manyExtensions() throws {
        var gif = SyntheticGIF.header()
        let block: [UInt8] = [0x21, 0xFE, 0x01, 0x41, 0x00]
        gif.reserveCapacity(gif.count + block.count * 300_000 + 32)
        for _ in 0..<300_000 { gif.append(contentsOf: block) }
        gif += SyntheticGIF.image() + [0x3B]
        let start = ContinuousClock.now
        let result = layout(gif)
        #expect(ContinuousClock.now - start < .seconds(20))
        #expect(result.limitHits.map(\.limit) == ["max-regions"])
        #expect(result.regions.count == StructureLimits().maxRegions + 1)
        #expect(result.regions.last?.name == "unparsed")
        #expect(result.regions.last?.range.upperBound == gif.count)
        #expect(result.imageEnd == nil)
    }

    @Test("one comment of 300,000 one-byte sub-blocks is one region with every piece")
    func manySubBlocks() throws {
        let gif = SyntheticGIF.minimal(blocks: [SyntheticGIF.comment([UInt8](repeating: 0x41, count: 300_000), size: 1)])
        let start = ContinuousClock.now
        let result = layout(gif)
        #expect(ContinuousClock.now - start < .seconds(20))
        let comment = try #require(result.regions.first { $0.name == "extension:comment" })
        #expect(comment.payloadPieces?.count == 300_000)
        #expect(result.anomalies.isEmpty)
    }
}

extension GIFStructureTests {
    @Test("the region limit never leaves part of an image outside every region", arguments: 1...12)
    func limitInsideImage(maxRegions: Int) {
        let gif = SyntheticGIF.minimal(blocks: [SyntheticGIF.graphicControl]) + SyntheticGIF.image(localColorBits: 1) + [0x3B]
        let result = ContainerRegistry.layout(of: gif.span, limits: StructureLimits(maxRegions: maxRegions))
        expectWellFormed(result, count: gif.count)
        // Regions tile the file: every byte is in some region.
        #expect(result.regions.reduce(0) { $0 + $1.range.count } == gif.count)
    }
}

extension GIFStructureTests {
    @Test("raw bytes behind any application identifier with the magic trailer are one contiguous payload")
    func rawApplicationData() throws {
        // An ELF-like header stored raw: read as sub-blocks, 0x7F would be a length byte.
        let raw: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1] + [UInt8](repeating: 0x10, count: 300)
        let ext: [UInt8] = [0x21, 0xFF, 11] + Array("EVILAPP1.0x".utf8) + raw + [0x01] + (0...255).reversed().map { UInt8($0) } + [0x00]
        let gif = SyntheticGIF.minimal(blocks: [ext])
        let result = ContainerRegistry.layout(of: gif.span)
        #expect(result.anomalies.isEmpty, "\(result.anomalies)")
        let region = try #require(result.regions.first { $0.name == "extension:application:EVILAPP1.0x" })
        #expect(region.payloadPieces == nil)
        #expect(gif.span.bytes(in: region.payload).prefix(raw.count) == raw[...])
        #expect(region.range.upperBound == gif.count - SyntheticGIF.image().count - 1)
    }
}
