import Foundation
import StegCarveBytes
@testable import StegCarveImages
import Testing
import TestSupport

/// Mutated corpus files and random bytes behind every container signature: the layout stays
/// inside the input and its regions cover every byte, under small and default region limits.
@Suite("Container decoders on hostile bytes")
struct ContainerFuzzTests {
    static let paths = CorpusManifest.shared.files.filter { !["jpeg", "png"].contains($0.format) }.map(\.path)

    @Test("byte flips in the container corpus files", arguments: paths)
    func mutatedCorpus(path: String) throws {
        let original = try CorpusLocator.bytes(path)
        var generator = SeededGenerator(seed: 99)
        for round in 0..<300 {
            var mutated = original
            let flips = Int.random(in: 1...16, using: &generator)
            for _ in 0..<flips {
                // Bias toward headers.
                let limit = round % 2 == 0 ? min(mutated.count, 300) : mutated.count
                mutated[Int.random(in: 0..<limit, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            }
            let limits = StructureLimits(maxRegions: round % 3 == 0 ? 7 : 100_000)
            let layout = ContainerRegistry.layout(of: mutated.span, limits: limits)
            expectWellFormed(layout, count: mutated.count)
            #expect(layout.regions.reduce(0) { $0 + $1.range.count } == mutated.count)
        }
    }
}

extension ContainerFuzzTests {
    @Test("random bytes after each signature")
    func randomWithMagic() {
        var generator = SeededGenerator(seed: 7)
        let magics: [[UInt8]] = [Array("GIF89a".utf8), [0x42, 0x4D, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 40, 0, 0, 0], Array("RIFF".utf8) + [0xFF, 0, 0, 0] + Array("WEBP".utf8),
                                 [0x49, 0x49, 42, 0, 8, 0, 0, 0], [0x4D, 0x4D, 0, 42, 0, 0, 0, 8], [0x49, 0x49, 43, 0, 8, 0, 0, 0, 16, 0, 0, 0, 0, 0, 0, 0]]
        for round in 0..<3000 {
            let magic = magics[round % magics.count]
            var bytes = magic + generator.bytes(Int.random(in: 0...400, using: &generator))
            // Small numbers make offsets land inside the file more often.
            for index in bytes.indices.dropFirst(magic.count) where bytes[index] > 200 { bytes[index] = 0 }
            let layout = ContainerRegistry.layout(of: bytes.span, limits: StructureLimits(maxRegions: round % 2 == 0 ? 5 : 1000))
            expectWellFormed(layout, count: bytes.count)
            #expect(layout.regions.reduce(0) { $0 + $1.range.count } == bytes.count)
        }
    }
}
