import StegCarveImages
import StegCarveStego
import TestSupport
import Testing

@Suite struct JStegTests {
    @Test func jstegSampleYieldsItsPayloadWithTheLengthHeader() throws {
        let jpeg = try CorpusLocator.bytes("stego/jsteg-elf.jpg")
        let elf = try CorpusLocator.bytes("elf/min-x86_64-sht-mid.elf")
        let report = try StegoAnalyzer().analyzeJPEG(bytes: jpeg.span)
        let stream = try #require(report.streams.first { $0.layout == "jsteg,zigzag,msb-first,length-header" })
        #expect(stream.hit == .payload)
        // The header declares exactly the message length, so the stream is the ELF itself.
        #expect(stream.bytes == elf)
        #expect(report.fingerprints == ["jsteg-length-header"])
        #expect(report.image == "320x320, 3 components, 2400 blocks")
    }

    @Test func cleanJPEGHasNoStreamAndALowChiSquare() throws {
        let jpeg = try CorpusLocator.bytes("stego/jpeg-clean-cover.jpg")
        let report = try StegoAnalyzer().analyzeJPEG(bytes: jpeg.span)
        #expect(report.streams.isEmpty)
        #expect(report.chiSquare.rate == 0)
        #expect(report.signal.level == .none)
        #expect(report.layoutsTried == JStegLayout.all.count)
    }

    @Test func coefficientsMatchTheBlockGeometry() throws {
        let jpeg = try CorpusLocator.bytes("stego/jpeg-clean-cover.jpg")
        let coefficients = try PixelDecoder().readCoefficients(jpeg.span)
        // 320×320 4:2:0: Y 40×40 blocks, Cb and Cr 20×20.
        #expect(coefficients.components.map(\.blockCount) == [1600, 400, 400])
        #expect(coefficients.values.count == 2400 * 64)
        #expect(JStegExtractor.blockOrder(coefficients).count == 2400)
        #expect(Set(JStegExtractor.blockOrder(coefficients)).count == 2400)
    }

    @Test func truncatedAndCorruptJPEGsThrowOrReturn() throws {
        let jpeg = try CorpusLocator.bytes("stego/jsteg-elf.jpg")
        for length in stride(from: 0, to: jpeg.count, by: 997) {
            let prefix = Array(jpeg.prefix(length))
            let error = #expect(throws: PixelDecodeError.self) { try StegoAnalyzer().analyzeJPEG(bytes: prefix.span) }
            #expect(error?.kind == (length == 0 ? .invalidArgument : .decodeFailed))
        }
        var generator = SeededGenerator(seed: 5)
        for _ in 0..<100 {
            var corrupt = jpeg
            let index = Int(generator.next() % UInt64(corrupt.count))
            corrupt[index] ^= UInt8(truncatingIfNeeded: generator.next() | 1)
            _ = try? StegoAnalyzer().analyzeJPEG(bytes: corrupt.span)
        }
    }

    @Test func headerLayoutRefusesImplausibleLengths() {
        // Width 31 (11111) then 31 one-bits: far more bytes than 100 coefficients hold.
        let usable = [Int16](repeating: 3, count: 100)
        #expect(JStegExtractor.extract(usable, layout: JStegLayout(blockOrder: .zigzag, packing: .msbFirst, lengthHeader: true), maxBytes: 64) == nil)
        #expect(JStegExtractor.extract(usable, layout: JStegLayout(blockOrder: .zigzag, packing: .msbFirst, lengthHeader: false), maxBytes: 64) == [UInt8](repeating: 0xFF, count: 12))
    }

    /// The analyzer triages natural-order layouts from a prefix of the usable coefficients:
    /// every layout's triage bytes are those of the full array, for each prefix size the
    /// analyzer can ask (and a too-large limit gives the full array).
    @Test(arguments: ["stego/jsteg-elf.jpg", "stego/jpeg-clean-cover.jpg"])
    func prefixExtractionMatchesTheFullArray(_ path: String) throws {
        let jpeg = try CorpusLocator.bytes(path)
        let coefficients = try PixelDecoder().readCoefficients(jpeg.span)
        for order in JStegLayout.BlockOrder.allCases {
            let full = JStegExtractor.usable(coefficients, blockOrder: order)
            #expect(JStegExtractor.usable(coefficients, blockOrder: order, limit: full.count + 1) == full)
            for maxBytes in [1, 32, 256] {
                let prefix = JStegExtractor.usable(coefficients, blockOrder: order, limit: JStegExtractor.prefixCoefficients(maxBytes: maxBytes))
                #expect(prefix == Array(full.prefix(JStegExtractor.prefixCoefficients(maxBytes: maxBytes))))
                for layout in JStegLayout.all {
                    let fromPrefix = JStegExtractor.extract(prefix, available: full.count, layout: layout, maxBytes: maxBytes)
                    #expect(fromPrefix == JStegExtractor.extract(full, layout: layout, maxBytes: maxBytes))
                }
            }
        }
        // Same values per block in either order, so the same count.
        #expect(JStegExtractor.usable(coefficients, blockOrder: .natural).count == JStegExtractor.usable(coefficients, blockOrder: .zigzag).count)
    }
}
