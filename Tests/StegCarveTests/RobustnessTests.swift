import Foundation
import StegCarve
import Testing
import TestSupport

/// Every corpus file, truncated and with random byte flips, must scan to a report whose
/// numbers stay inside the input: never a trap, never a hang.
@Suite("Robustness on mutated corpus files")
struct RobustnessTests {
    /// Every corpus file except the bombs and deep nests (each mutation would unpack them
    /// again; their limits have tests of their own), and the smaller ELFs.
    static let inputs = CorpusManifest.shared.files.filter { $0.limits == nil }.map(\.path)
        + CorpusManifest.shared.elves.filter { $0.size < 100_000 }.map(\.path)

    private func checkInvariants(_ report: ScanReport, size: Int) {
        #expect(report.size == size)
        #expect(report.imageEnd ?? 0 <= size)
        for region in report.regions {
            #expect(region.offset >= 0 && region.length >= 0 && region.offset + region.length <= size)
        }
        // Findings in a derived stream (`via` set, e.g. inflated scanlines) count offsets there.
        for finding in report.findings where finding.via == nil {
            #expect(finding.offset >= 0 && finding.length > 0 && finding.offset + finding.length <= size)
        }
        if let overlay = report.overlay { #expect(overlay.offset + overlay.length == size) }
    }

    @Test("truncations and byte flips", arguments: inputs)
    func mutations(path: String) throws {
        let original = try CorpusLocator.bytes(path)
        let scanner = Scanner()
        var generator = SeededGenerator(seed: path.utf8.reduce(17) { $0 &* 31 &+ UInt64($1) })
        // Cut points spread over the file, plus the first bytes where headers live.
        let cuts = Set((0..<24).map { original.count * $0 / 24 } + Array(0..<min(16, original.count)))
        for cut in cuts.sorted() {
            let prefix = Array(original.prefix(cut))
            checkInvariants(scanner.scan(bytes: prefix), size: prefix.count)
        }
        for _ in 0..<24 {
            var mutated = original
            for _ in 0..<Int.random(in: 1...8, using: &generator) {
                let index = Int.random(in: 0..<mutated.count, using: &generator)
                mutated[index] = UInt8.random(in: 0...255, using: &generator)
            }
            checkInvariants(scanner.scan(bytes: mutated), size: mutated.count)
        }
    }
}
