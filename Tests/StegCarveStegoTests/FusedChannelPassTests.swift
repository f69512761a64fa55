import StegCarveImages
@testable import StegCarveStego
import TestSupport
import Testing

/// The single-pass detectors give exactly what the separate detectors give.
@Suite struct FusedChannelPassTests {
    @Test(arguments: [(1, 1), (3, 700), (4, 300), (5, 257), (127, 97), (256, 256), (1001, 3)])
    func matchesTheSeparateDetectors(_ width: Int, _ height: Int) throws {
        var image = StegoTestImage.natural(width: width, height: height, channels: "rgba", seed: UInt64(width * 31 + height))
        var generator = SeededGenerator(seed: 3)
        image.embed(generator.bytes(width * height / 5), planes: 0...0, channels: "rgb", msbFirst: true)
        let decoded = try PixelDecoder().decode(image.png().span, as: .png)
        let grid = try #require(SampleGrid(decoded))
        for channel in 0..<grid.channels.count {
            let fused = try #require(FusedChannelPass.run(grid, channel: channel))
            let chi = ChiSquareAttack.analyze(grid, channel: channel)
            #expect(fused.spa == SamplePairsAnalysis.analyze(grid, channel: channel))
            #expect(fused.rs == RSAnalysis.analyze(grid, channel: channel))
            #expect(fused.chi == chi.estimate)
            #expect(fused.curve == chi.curve)
        }
    }
}

@Suite struct RSTablesTests {
    @Test func tablesAgreeWithTheArithmetic() {
        var generator = SeededGenerator(seed: 12)
        var table = RSAnalysis.Counts(), arithmetic = RSAnalysis.Counts()
        for _ in 0..<200_000 {
            let value = generator.next()
            let a = Int(value & 0xFF), b = Int(value >> 8 & 0xFF), c = Int(value >> 16 & 0xFF), d = Int(value >> 24 & 0xFF)
            table.classify(a, b, c, d, tables: RSTables.shared)
            arithmetic.classify(a, b, c, d)
        }
        for edge in [0, 1, 254, 255] {
            table.classify(edge, edge ^ 1, edge, 255 - edge, tables: RSTables.shared)
            arithmetic.classify(edge, edge ^ 1, edge, 255 - edge)
        }
        #expect(table.array == arithmetic.array)
    }
}
