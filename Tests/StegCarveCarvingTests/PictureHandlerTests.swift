import StegCarveBytes
@testable import StegCarveCarving
import StegCarveModel
import Testing
import TestSupport

struct PictureCase: Sendable, CustomTestStringConvertible {
    var type: String
    var handler: any PayloadHandler
    var bytes: [UInt8]
    var testDescription: String { type }

    static let all = [
        PictureCase(type: "jpeg", handler: JPEGPayloadHandler(), bytes: SyntheticJPEG.minimal()),
        PictureCase(type: "png", handler: PNGPayloadHandler(), bytes: SyntheticPNG.minimal()),
        PictureCase(type: "gif", handler: GIFPayloadHandler(), bytes: SyntheticGIF.minimal()),
    ]
}

@Suite("Embedded pictures")
struct PictureHandlerTests {
    @Test("carves a picture to its end marker, junk after", arguments: PictureCase.all)
    func exactExtent(picture: PictureCase) throws {
        let extent = try #require(carve(picture.handler, picture.bytes + Array("after the picture".utf8)))
        #expect(extent.range == 0..<picture.bytes.count)
        #expect(extent.confidence == .high)
    }

    @Test("a picture cut short is truncated", arguments: PictureCase.all)
    func truncated(picture: PictureCase) throws {
        let cut = Array(picture.bytes.dropLast(1))
        let extent = try #require(carve(picture.handler, cut))
        #expect(extent.range == 0..<cut.count)
        #expect(extent.isTruncated)
    }

    @Test("random bytes after the signature are never reported", arguments: PictureCase.all)
    func randomAfterMagic(picture: PictureCase) {
        var generator = SeededGenerator(seed: 99)
        var hits = 0
        for signature in picture.handler.signatures {
            for _ in 0..<2000 where carve(picture.handler, signature.magic + generator.bytes(300)) != nil { hits += 1 }
        }
        #expect(hits == 0)
    }

    @Test("pictures and zlib are found in overlays and unpacked streams, never in declared metadata or image data", arguments: PictureCase.all)
    func scope(picture: PictureCase) {
        let zlib = Compressor.deflate(sampleText("scope"))
        let data = picture.bytes + zlib
        for kind in [Region.Kind.overlay, .gap, .raw] {
            #expect(carveAll(data, kind: kind).map(\.type) == [picture.type, "zlib"])
        }
        for kind in [Region.Kind.metadata, .imageData, .header, .picture] {
            #expect(carveAll(data, kind: kind).isEmpty)
        }
    }

    @Test("a JPEG appended after another JPEG's EOI is its own finding")
    func appendedJPEG() {
        let first = SyntheticJPEG.minimal()
        let second = SyntheticJPEG.minimal(scanData: [0x01, 0x02, 0x03])
        let payloads = carveAll(first + second)
        #expect(payloads.map(\.range) == [0..<first.count, first.count..<(first.count + second.count)])
    }
}
