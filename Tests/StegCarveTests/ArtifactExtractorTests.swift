import Foundation
import StegCarve
import Testing
import TestSupport

@Suite("Artifact extraction")
struct ArtifactExtractorTests {
    private func scanWithExtraction(into directory: String) throws -> (ScanReport, [UInt8]) {
        let picture = try CorpusLocator.bytes("clean/png-rgba.png")
        let elf = try CorpusLocator.bytes("elf/payload-aarch64.elf")
        let extractor = try ArtifactExtractor(directory: directory)
        return (Scanner().scan(bytes: picture + elf, path: "upload.png", extractingTo: extractor), elf)
    }

    @Test("writes exactly the carved bytes under a hash name, 0644, with a sidecar")
    func writesArtifact() throws {
        let temporary = try TemporaryDirectory()
        let output = temporary.path + "/out"
        let (report, elf) = try scanWithExtraction(into: output)
        let finding = try #require(report.findings.first)
        let path = try #require(finding.extractedPath)
        #expect(path == output + "/\(finding.sha256).elf")
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))) == elf)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o644)
        let sidecar = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path + ".json"))) as? [String: Any]
        #expect(sidecar?["source"] as? String == "upload.png")
        #expect((sidecar?["finding"] as? [String: Any])?["sha256"] as? String == finding.sha256)
        // Nothing else is left behind (no temporary files).
        #expect(try FileManager.default.contentsOfDirectory(atPath: output).sorted() == ["\(finding.sha256).elf", "\(finding.sha256).elf.json"])
    }

    @Test("never overwrites: a file already at the name is left untouched")
    func neverOverwrites() throws {
        let temporary = try TemporaryDirectory()
        let output = temporary.path + "/out"
        let (first, _) = try scanWithExtraction(into: output)
        let path = try #require(first.findings.first?.extractedPath)
        try Data("planted".utf8).write(to: URL(fileURLWithPath: path))
        let (second, _) = try scanWithExtraction(into: output)
        #expect(second.errors.isEmpty)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("planted".utf8))
    }

    @Test("a symlink planted at the artifact name is not followed")
    func plantedSymlink() throws {
        let temporary = try TemporaryDirectory()
        let output = temporary.path + "/out"
        let (first, _) = try scanWithExtraction(into: output)
        let path = try #require(first.findings.first?.extractedPath)
        try FileManager.default.removeItem(atPath: path)
        let victim = temporary.path + "/victim"
        try Data("victim".utf8).write(to: URL(fileURLWithPath: victim))
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: victim)
        _ = try scanWithExtraction(into: output)
        #expect(try Data(contentsOf: URL(fileURLWithPath: victim)) == Data("victim".utf8))
    }

    @Test("a symlink planted in a middle component of the output path is refused")
    func symlinkedComponent() throws {
        let temporary = try TemporaryDirectory()
        let elsewhere = temporary.path + "/elsewhere"
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: temporary.path + "/planted", withDestinationPath: elsewhere)
        let error = #expect(throws: ExtractionError.self) { try ArtifactExtractor(directory: temporary.path + "/planted/out") }
        #expect(error?.operation == "open")
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere).isEmpty)
        // Missing components are created; a relative path works too.
        let nested = try ArtifactExtractor(directory: temporary.path + "/a/b/c")
        #expect(FileManager.default.fileExists(atPath: nested.directory))
    }

    @Test("a symlinked output directory is refused")
    func symlinkedDirectory() throws {
        let temporary = try TemporaryDirectory()
        let real = temporary.path + "/real"
        try FileManager.default.createDirectory(atPath: real, withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: temporary.path + "/link", withDestinationPath: real)
        let error = #expect(throws: ExtractionError.self) { try ArtifactExtractor(directory: temporary.path + "/link") }
        #expect(error?.operation == "open")
        #expect(try FileManager.default.contentsOfDirectory(atPath: real).isEmpty)
    }
}
