import StegCarveImages
@testable import StegCarveStego
import TestSupport
import Testing

/// The single-pass detectors give exactly what the separate detectors give.
@Suite struct FusedChannelPassTests {
    /// 2053 and 1024 columns: rows longer than the 255 groups whose counts are summed as
    /// packed fields before they are spread out (``RSTables/groupsPerFlush``).
    @Test(arguments: [(1, 1), (3, 700), (4, 300), (5, 257), (127, 97), (256, 256), (1001, 3), (1024, 4), (2053, 5)])
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

    /// All channels in one pass (what the analyzer runs), in any order, give each channel's own result.
    @Test func channelsTogetherMatchChannelsAlone() throws {
        var image = StegoTestImage.natural(width: 301, height: 67, channels: "rgba", seed: 9)
        var generator = SeededGenerator(seed: 4)
        image.embed(generator.bytes(301 * 67 / 3), planes: 0...1, channels: "rgb", msbFirst: false)
        let decoded = try PixelDecoder().decode(image.png().span, as: .png)
        let grid = try #require(SampleGrid(decoded))
        let order = [3, 0, 2, 1]
        let together = try #require(FusedChannelPass.run(grid, channels: order))
        #expect(together.count == order.count)
        for (result, channel) in zip(together, order) {
            let alone = try #require(FusedChannelPass.run(grid, channel: channel))
            #expect(result.spa == alone.spa)
            #expect(result.rs == alone.rs)
            #expect(result.chi == alone.chi)
            #expect(result.curve == alone.curve)
        }
        #expect(FusedChannelPass.run(grid, channels: [4]) == nil)
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
