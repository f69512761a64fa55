import StegCarveImages
import StegCarveStego
import TestSupport
import Testing

@Suite struct StegoAnalyzerTests {
    static func elf() throws -> [UInt8] {
        try CorpusLocator.bytes("elf/min-x86_64-sht-mid.elf")
    }

    static func analyze(_ png: [UInt8]) throws -> StegoReport {
        try StegoAnalyzer().analyze(bytes: png.span, container: .png)
    }

    /// (image channels, width, height, embedding layout)
    static let layouts: [(String, Int, Int, String)] = [
        ("rgb", 127, 97, "planes:b0,rgb,msb-first,xy"),
        ("rgb", 127, 97, "planes:b0,bgr,lsb-first,xy"),
        ("rgb", 127, 97, "planes:b0-1,rgb,msb-first,xy"),
        ("rgb", 127, 97, "planes:b0,g,msb-first,xy"),
        ("rgb", 127, 97, "planes:b0-3,bg,msb-first,xy"),
        ("rgba", 64, 33, "planes:b0-2,abgr,msb-first,xy"),
        ("rgba", 64, 33, "planes:b0,rgba,lsb-first,xy"),
        // The 31744×1 RGBA case at small scale: the payload is the alpha bytes.
        ("rgba", 1024, 1, "planes:b0-7,a,msb-first,xy"),
    ]

    @Test(arguments: layouts)
    func elfInPixelsIsCarvedExactly(_ channels: String, _ width: Int, _ height: Int, _ text: String) throws {
        let payload = try Self.elf()
        let layout = try #require(PixelLayout(parsing: text))
        var image = StegoTestImage.natural(width: width, height: height, channels: channels, seed: 7)
        image.embed(payload, planes: layout.lowestPlane...layout.highestPlane,
                    channels: String(layout.channels.map(\.rawValue)), msbFirst: layout.packing == .msbFirst)
        let report = try Self.analyze(image.png())
        let finding = try #require(report.findings.first)
        #expect(report.findings.count == 1, "\(report.findings.map { ($0.layout, $0.kind, $0.length) })")
        #expect(finding.layout == text)
        #expect(finding.kind == "payload:elf")
        #expect(finding.offset == 0)
        #expect(finding.length == payload.count)
        #expect(finding.declaredLength == payload.count)
        #expect(finding.bytes == payload)
    }

    @Test(arguments: ["rgb", "rgba", "l"])
    func cleanImageHasNoFindings(_ channels: String) throws {
        let image = StegoTestImage.natural(width: 200, height: 150, channels: channels, seed: 11)
        let report = try Self.analyze(image.png())
        #expect(report.findings.isEmpty)
        #expect(report.limitHit == nil)
        #expect(report.channelEstimates.count == channels.count)
    }

    @Test func textInLSBsIsReported() throws {
        let message = Array("The quick brown fox jumps over the lazy dog; meet at dawn by the old mill.".utf8)
        var image = StegoTestImage.natural(width: 100, height: 100, seed: 3)
        image.embed(message, planes: 0...0, channels: "rgb", msbFirst: true)
        let report = try Self.analyze(image.png())
        let finding = try #require(report.findings.first { $0.kind == "text" })
        #expect(finding.layout == "planes:b0,rgb,msb-first,xy")
        #expect(Array(finding.bytes.prefix(message.count)) == message)
    }

    @Test func truncatedAndCorruptPNGsNeverTrap() throws {
        var image = StegoTestImage.natural(width: 40, height: 30, seed: 5)
        image.embed(try Self.elf(), planes: 0...1, channels: "rgb", msbFirst: true)
        let png = image.png()
        var outcomes = 0
        for length in stride(from: 0, to: png.count, by: 7) {
            outcomes += (try? Self.analyze(Array(png.prefix(length)))) == nil ? 1 : 0
        }
        var generator = SeededGenerator(seed: 99)
        for _ in 0..<200 {
            var corrupt = png
            let index = Int(generator.next() % UInt64(corrupt.count))
            corrupt[index] ^= UInt8(truncatingIfNeeded: generator.next() | 1)
            _ = try? Self.analyze(corrupt)
        }
        // Every strict prefix of the PNG lacks IEND or data: all must fail, none may trap.
        #expect(outcomes == (png.count + 6) / 7)
    }

    @Test(arguments: [(1, 1), (1, 300), (300, 1), (3, 3), (33, 31)])
    func oddSizesAreHandled(_ width: Int, _ height: Int) throws {
        let image = StegoTestImage.natural(width: width, height: height, seed: 1)
        let report = try Self.analyze(image.png())
        #expect(report.findings.isEmpty)
        #expect(report.channelEstimates.count == 3)
        for estimate in report.channelEstimates {
            // SPA needs ≥ 256 horizontal pairs, chi-square ≥ 1000 samples: below, "no estimate".
            #expect((estimate.samplePairs.rate == nil) == ((width - 1) * height < 256))
            #expect((estimate.chiSquare.rate == nil) == (width * height < 1000))
        }
    }
}
