import Foundation
import StegCarvePlatform
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

    @Test("never overwrites: a file already at the name is left untouched, and claimed only when it holds the artifact")
    func neverOverwrites() throws {
        let temporary = try TemporaryDirectory()
        let output = temporary.path + "/out"
        let (first, _) = try scanWithExtraction(into: output)
        let path = try #require(first.findings.first?.extractedPath)
        // The same artifact again: the file written by the first run is the artifact.
        let (again, _) = try scanWithExtraction(into: output)
        #expect(again.errors.isEmpty)
        #expect(again.findings.first?.extractedPath == path)
        try Data("planted".utf8).write(to: URL(fileURLWithPath: path))
        let (second, _) = try scanWithExtraction(into: output)
        #expect(second.findings.first?.extractedPath == nil, "nothing claimed")
        #expect(second.errors.contains { $0.contains("existing") && $0.contains("other content") }, "\(second.errors)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("planted".utf8))
    }

    /// What a file planted at the artifact's name looks like.
    enum Planted: String, CaseIterable, Sendable {
        case script0755 = "a 0755 script with other content"
        case sameBytesExecutable = "the artifact's bytes with mode 0755"
        case sameBytesGroupExecutable = "the artifact's bytes with mode 0654"
        case symlinkToCopy = "a symbolic link to a copy of the artifact"
        case fifo = "a FIFO"
        case directory = "a directory"
    }

    @Test("a file planted at the artifact's name is not vouched for: the report carries an error and no extracted path", arguments: Planted.allCases)
    func plantedArtifact(_ planted: Planted) throws {
        let temporary = try TemporaryDirectory()
        let output = temporary.path + "/out"
        let (first, elf) = try scanWithExtraction(into: output)
        let path = try #require(first.findings.first?.extractedPath)
        try FileManager.default.removeItem(atPath: path)
        switch planted {
        case .script0755:
            try Data("#!/bin/sh\necho owned\n".utf8).write(to: URL(fileURLWithPath: path))
            #expect(unsafe chmod(path, 0o755) == 0)
        case .sameBytesExecutable, .sameBytesGroupExecutable:
            try Data(elf).write(to: URL(fileURLWithPath: path))
            #expect(unsafe chmod(path, planted == .sameBytesExecutable ? 0o755 : 0o654) == 0)
        case .symlinkToCopy:
            let copy = try temporary.write(elf, to: "copy.elf")
            try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: copy)
        case .fifo:
            #expect(unsafe mkfifo(path, 0o644) == 0)
        case .directory:
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        }
        let before = try FileManager.default.attributesOfItem(atPath: path)
        let (second, _) = try scanWithExtraction(into: output)
        let finding = try #require(second.findings.first)
        #expect(finding.extractedPath == nil, "nothing claimed")
        let error = try #require(second.errors.first { $0.hasPrefix("extract \(finding.sha256).elf:") }, "\(second.errors)")
        #expect(error.contains("existing"), "\(error)")
        let after = try FileManager.default.attributesOfItem(atPath: path)
        #expect(before[.type] as? FileAttributeType == after[.type] as? FileAttributeType)
        #expect(before[.posixPermissions] as? Int == after[.posixPermissions] as? Int, "left as it was")
    }

    @Test("temporary files of a killed run are removed when an extractor opens the directory; live and fresh ones are kept")
    func staleTemporaries() throws {
        let temporary = try TemporaryDirectory()
        let output = temporary.path + "/out"
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: false)
        // A process that has exited: its id names a run that can no longer link its file.
        let finished = Process()
        finished.executableURL = URL(fileURLWithPath: "/bin/true")
        try finished.run()
        finished.waitUntilExit()
        let dead = finished.processIdentifier
        let live = getpid()
        func plant(_ name: String, secondsAgo: Int) throws {
            let path = output + "/" + name
            try Data("partial".utf8).write(to: URL(fileURLWithPath: path))
            let then = Date().addingTimeInterval(-Double(secondsAgo))
            try FileManager.default.setAttributes([.modificationDate: then], ofItemAtPath: path)
        }
        try plant(".tmp-\(dead)-1234567890-0", secondsAgo: 600)
        try plant(".tmp-\(live)-42-3", secondsAgo: 7200)
        try plant(".tmp-\(live)-43-0", secondsAgo: 600)
        try plant(".tmp-\(dead)-44-1", secondsAgo: 0)
        try plant(".tmp-notours", secondsAgo: 7200)
        try plant("keep.elf", secondsAgo: 7200)
        _ = try ArtifactExtractor(directory: output)
        let left = try FileManager.default.contentsOfDirectory(atPath: output).sorted()
        #expect(left == [".tmp-\(dead)-44-1", ".tmp-\(live)-43-0", ".tmp-notours", "keep.elf"].sorted())
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
        let (second, _) = try scanWithExtraction(into: output)
        #expect(try Data(contentsOf: URL(fileURLWithPath: victim)) == Data("victim".utf8))
        #expect(second.findings.first?.extractedPath == nil)
        #expect(second.errors.contains { $0.contains("symbolic link") }, "\(second.errors)")
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
