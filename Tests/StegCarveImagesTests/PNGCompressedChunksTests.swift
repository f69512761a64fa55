import StegCarveBytes
@testable import StegCarveImages
import Testing
import TestSupport

@Suite("PNG compressed metadata chunks")
struct PNGCompressedChunksTests {
    private func png(_ chunks: [(String, [UInt8])], maxInflatedBytes: Int = 256 << 20) -> ImageLayout {
        let bytes = SyntheticPNG.signature + SyntheticPNG.header()
            + chunks.flatMap { SyntheticPNG.chunk($0.0, $0.1) }
            + SyntheticPNG.chunk("IDAT", SyntheticPNG.imageData()) + SyntheticPNG.chunk("IEND", [])
        return ContainerRegistry.layout(of: bytes.span, limits: StructureLimits(maxInflatedBytes: maxInflatedBytes))
    }

    private let text = Array("#!/bin/sh\necho hidden\n".utf8)

    @Test("zTXt and compressed iTXt text are inflated; uncompressed iTXt is not")
    func textChunks() {
        let ztxt = Array("Comment".utf8) + [0, 0] + Compressor.deflate(text)
        let itxt = Array("Comment".utf8) + [0, 1, 0] + Array("en".utf8) + [0] + Array("Kommentar".utf8) + [0] + Compressor.deflate(text)
        let plain = Array("Comment".utf8) + [0, 0, 0, 0, 0] + text
        let result = png([("zTXt", ztxt), ("iTXt", itxt), ("iTXt", plain)])
        #expect(result.anomalies.isEmpty)
        #expect(result.derivedStreams.filter { $0.name != "scanlines" } == [
            DerivedStream(name: "chunk:zTXt", via: "inflate:zTXt", bytes: text),
            DerivedStream(name: "chunk:iTXt", via: "inflate:iTXt", bytes: text),
        ])
    }

    @Test("a stream that does not inflate, or stops early, is an anomaly")
    func brokenStreams() {
        let corrupt = Array("k".utf8) + [0, 0, 0x78, 0x9C, 0xFF, 0xFF, 0xFF]
        #expect(png([("zTXt", corrupt)]).anomalies.map(\.code) == ["zlib-corrupt"])
        let short = Array("k".utf8) + [0, 0] + Array(Compressor.deflate(text).prefix(6))
        #expect(png([("zTXt", short)]).anomalies.map(\.code) == ["zlib-truncated"])
    }

    @Test("an iCCP profile must declare its size and carry acsp")
    func iccProfile() {
        var profile = [UInt8](repeating: 0, count: 132)
        profile[3] = 132
        profile.replaceSubrange(36..<40, with: Array("acsp".utf8))
        #expect(png([("iCCP", Array("icc".utf8) + [0, 0] + Compressor.deflate(profile))]).anomalies.isEmpty)
        profile[3] = 200
        let lying = png([("iCCP", Array("icc".utf8) + [0, 0] + Compressor.deflate(profile))])
        #expect(lying.anomalies.map(\.code) == ["icc-invalid"])
        #expect(lying.anomalies.first?.message == "ICC profile declares 200 bytes but holds 132")
    }

    @Test("inflating stops at the file's budget and says so")
    func budget() {
        let ztxt = Array("k".utf8) + [0, 0] + Compressor.deflate([UInt8](repeating: 0x41, count: 5000))
        let limited = png([("zTXt", ztxt)], maxInflatedBytes: 1000)
        #expect(limited.limitHits.map(\.limit) == ["max-decoded-bytes"])
        #expect(limited.derivedStreams.first { $0.name == "chunk:zTXt" }?.bytes.count == 1000 - 4)
    }
}
