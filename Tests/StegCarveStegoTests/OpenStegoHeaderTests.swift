import StegCarveImages
import StegCarveStego
import TestSupport
import Testing

/// OpenStego's header written by us after its `LSBDataHeader` layout (no OpenStego package is
/// available to the corpus script).
@Suite struct OpenStegoHeaderTests {
    static func header(name: String, length: Int, compressed: Bool) -> [UInt8] {
        Array("OPENSTEGO".utf8) + [2] + [UInt8(length & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length >> 16 & 0xFF), UInt8(length >> 24)]
            + [1, UInt8(name.utf8.count), compressed ? 1 : 0, 0] + Array(name.utf8)
    }

    @Test func headerInLSBsIsRecognisedAndParsed() throws {
        let elf = try CorpusLocator.bytes("elf/min-x86_64-sht-mid.elf")
        let header = Self.header(name: "update.bin", length: elf.count, compressed: false)
        var image = StegoTestImage.natural(width: 120, height: 90, seed: 9)
        image.embed(header + elf, planes: 0...0, channels: "rgb", msbFirst: true)
        let report = try StegoAnalyzer().analyze(bytes: image.png().span, container: .png)
        let stream = try #require(report.streams.first)
        #expect(stream.hit == .openStego)
        #expect(stream.layout == "planes:b0,rgb,msb-first,xy")
        let parsed = try #require(OpenStegoHeader(stream.bytes))
        #expect(parsed == OpenStegoHeader(header + elf))
        #expect(parsed.dataLength == elf.count)
        #expect(parsed.fileName == "update.bin")
        #expect(parsed.headerLength == header.count)
        #expect(!parsed.compressed && !parsed.encrypted && parsed.channelBits == 1)
        #expect(Array(stream.bytes[header.count..<(header.count + elf.count)]) == elf)
    }

    @Test func implausibleFieldsAreRejected() {
        var bytes = Self.header(name: "a", length: 10, compressed: false)
        #expect(OpenStegoHeader(bytes) != nil)
        bytes[16] = 7  // compression flag
        #expect(OpenStegoHeader(bytes) == nil)
        #expect(OpenStegoHeader(Array("OPENSTEGO".utf8)) == nil)
        #expect(OpenStegoHeader(Array(Self.header(name: "long-name", length: 1, compressed: false).dropLast(3))) == nil)
    }
}
