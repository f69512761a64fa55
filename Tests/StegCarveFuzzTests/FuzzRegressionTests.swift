import Foundation
import StegCarveFuzzTargets
import Testing
import TestSupport

/// Every input a fuzzer found a bug with stays a test: `Fuzzing/Regressions/<target>/<file>`
/// is replayed through that target (which checks its invariants) and through the whole
/// scanner. Every target also runs over every corpus file, so a target that traps on valid
/// input fails here before it reaches a fuzzing run.
@Suite("Fuzz targets and their regressions")
struct FuzzRegressionTests {
    static let regressionsDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // StegCarveFuzzTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // repository
        .appendingPathComponent("Fuzzing/Regressions", isDirectory: true)

    /// `target/file` for every saved input.
    static let regressions: [String] = {
        let manager = FileManager.default
        let targets = (try? manager.contentsOfDirectory(atPath: regressionsDirectory.path)) ?? []
        return targets.sorted().flatMap { target in
            ((try? manager.contentsOfDirectory(atPath: regressionsDirectory.appendingPathComponent(target).path)) ?? [])
                .filter { !$0.hasPrefix(".") }.sorted().map { "\(target)/\($0)" }
        }
    }()

    @Test("every saved crash input runs clean", arguments: regressions)
    func regression(entry: String) throws {
        let bytes = [UInt8](try Data(contentsOf: Self.regressionsDirectory.appendingPathComponent(entry)))
        let targetName = String(entry.prefix { $0 != "/" })
        let target = try #require(FuzzTargets.named(targetName), "no fuzz target \(targetName)")
        target.run(bytes)
        try #require(FuzzTargets.named("scanner")).run(bytes)
    }

    @Test("every target runs over every corpus picture", arguments: FuzzTargets.all.map(\.name))
    func corpus(target name: String) throws {
        let target = try #require(FuzzTargets.named(name))
        let pictures = CorpusManifest.shared.files.filter { $0.limits == nil }.map(\.path)
        #expect(!pictures.isEmpty)
        for path in pictures {
            target.run(try CorpusLocator.bytes(path))
        }
    }

    @Test("one target per decoder, handler, codec and transform, and the scanner")
    func targetList() {
        let names = Set(FuzzTargets.all.map(\.name))
        #expect(names.count == FuzzTargets.all.count)
        for expected in ["container-jpeg", "container-png", "handler-elf", "handler-zip", "decode-zlib", "transform-base64text", "transform-repeatingkeyxor", "pixels-png", "pixels-tiff", "pixels-webp", "stego-png", "scanner"] {
            #expect(names.contains(expected), "\(expected)")
        }
    }
}
