import StegCarveImages
import StegCarveStego
import TestSupport
import Testing

/// Graphics whose samples break the LSB detectors' cover model get `no-estimate` with the
/// reason; embedding in photograph-like pictures is still detected.
@Suite struct CoverModelTests {
    static func analyze(_ image: StegoTestImage) throws -> StegoReport {
        try StegoAnalyzer().analyze(bytes: image.png().span, container: .png)
    }

    /// A 256×256 gray picture whose sample at (x, y) is `value(x, y)`.
    static func gray(_ value: (Int, Int) -> Int) -> StegoTestImage {
        var samples: [UInt8] = []
        for y in 0..<256 {
            for x in 0..<256 { samples.append(UInt8(clamping: value(x, y))) }
        }
        return StegoTestImage(width: 256, height: 256, channels: ["l"], samples: samples)
    }

    /// Bayer 8×8 ordered dither threshold (0…63).
    static func bayer(_ x: Int, _ y: Int) -> Int {
        var value = 0
        var (i, j) = (x & 7, y & 7)
        for _ in 0..<3 {
            value = value << 2 | ((i & 1) << 1 | ((i ^ j) & 1))
            i >>= 1
            j >>= 1
        }
        return value
    }

    struct Graphic: Sendable, CustomTestStringConvertible {
        var name: String
        var image: StegoTestImage
        /// What the reason names; `nil` when SPA and RS give no estimate on their own.
        var reason: String?
        var testDescription: String { name }
    }

    static let graphics: [Graphic] = [
        // An ordered-dither 1-bit rendering of a gradient: `detected` before the check.
        Graphic(name: "1-bit ordered dither of a horizontal ramp", image: gray { x, y in x / 4 > bayer(x, y) ? 255 : 0 }, reason: "pair imbalance"),
        Graphic(name: "1-bit dither of a diagonal ramp", image: gray { x, y in (x + y) / 8 > bayer(x, y) ? 255 : 0 }, reason: "pair imbalance"),
        Graphic(name: "posterised wedge, 16 steps", image: gray { x, _ in x / 16 * 17 }, reason: nil),
        Graphic(name: "anti-aliased disc on white", image: gray { x, y in
            let distance = Double((x - 128) * (x - 128) + (y - 128) * (y - 128)).squareRoot()
            return distance < 80 ? 40 : distance > 82 ? 255 : 40 + Int((distance - 80) / 2 * 215)
        }, reason: nil),
        Graphic(name: "horizontal ramp", image: gray { x, _ in x }, reason: nil),
    ]

    @Test("graphics outside the cover model answer no-estimate with the reason", arguments: graphics)
    func graphicsAreNotEstimated(graphic: Graphic) throws {
        let report = try Self.analyze(graphic.image)
        #expect(report.signal.level == .noEstimate, "\(report.signal.meaning)")
        if let reason = graphic.reason {
            #expect(report.signal.meaning.contains("cover model"))
            #expect(report.signal.meaning.contains(reason), "\(report.signal.meaning)")
        }
        // The per-channel estimates stay in the report.
        #expect(!report.channelEstimates.isEmpty)
    }

    @Test("the 1-bit dither was a false detection before the cover-model check")
    func ditherFooledTheDetectors() throws {
        let report = try Self.analyze(Self.graphics[0].image)
        #expect(CombinedSignal.combine(report.channelEstimates).level == .detected)
    }

    @Test("sequential LSB embedding in a photograph-like picture is still detected", arguments: [0.4, 0.7, 1.0])
    func embeddingStillDetected(rate: Double) throws {
        var image = StegoTestImage.natural(width: 256, height: 256, seed: 19)
        var generator = SeededGenerator(seed: 7)
        let bytes = Int(Double(image.samples.count) * rate) / 8
        image.embed((0..<bytes).map { _ in UInt8.random(in: 0...255, using: &generator) }, planes: 0...0, channels: "rgb", msbFirst: true)
        #expect(try Self.analyze(image).signal.level == .detected)
    }

    @Test("in a picture outside the model, a multi-plane stream printable from end to end is the palette's nibbles, not text",
          arguments: [false, true])
    func paletteNibblesAreNotText(outsideCoverModel: Bool) throws {
        // Even samples' low nibble in 2...7, odd samples' in 0...14: every byte of the
        // msb-first b0-3 stream is printable (0x20...0x7E), as in a palette whose entries'
        // low nibbles are few.
        var samples: [UInt8] = []
        for index in 0..<(64 * 64) {
            let pair = index / 2
            let nibble = index % 2 == 0 ? 2 + pair % 6 : pair % 15
            samples.append(UInt8((index % 2 == 0 ? 0x30 : 0x80) | nibble))
        }
        let image = StegoTestImage(width: 64, height: 64, channels: ["l"], samples: samples)
        let decoded = try PixelDecoder().decode(image.png().span, as: .png)
        let grid = try #require(SampleGrid(decoded))
        let layout = try #require(PixelLayout(parsing: "planes:b0-3,l,msb-first,xy"))
        let streams = StegoAnalyzer().triage(grid, layouts: [layout], outsideCoverModel: outsideCoverModel).streams
        let hits: [StreamTriage.Hit] = streams.map(\.hit)
        #expect(hits == (outsideCoverModel ? [] : [StreamTriage.Hit.text]))
    }

    @Test("a clean photograph-like picture fits the model")
    func naturalFits() throws {
        let image = StegoTestImage.natural(width: 256, height: 256, seed: 19)
        let report = try Self.analyze(image)
        #expect(report.signal.level == .none, "\(report.signal.meaning)")
    }
}
