import Foundation
import StegCarvePlatform
import StegCarve
import Testing
import TestSupport

/// Extraction that a hostile input cannot turn against its user: names from the content
/// hash only, no execute bit, nothing outside the directory, nothing through a symlink
/// (also one planted after the directory was opened), and a full disk leaves no partial file.
@Suite("Artifact extraction under attack")
struct ExtractionHardeningTests {
    static func payloadPicture() throws -> [UInt8] {
        try CorpusLocator.bytes("clean/png-rgba.png") + CorpusLocator.bytes("elf/payload-aarch64.elf")
    }

    private func files(in directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    }

    private func mode(_ path: String) -> mode_t {
        var status = stat()
        return unsafe lstat(path, &status) == 0 ? status.st_mode : 0
    }

    @Test("every file written is named <sha256>.<type>[.json], a regular file with mode 0644 and no execute bit")
    func namesAndModes() throws {
        let temporary = try TemporaryDirectory()
        let output = temporary.path + "/out"
        let extractor = try ArtifactExtractor(directory: output)
        // Nested payloads too: every payload in the corpus picture with the most of them.
        let bytes = try CorpusLocator.bytes("payload/jpeg-eoi-zip-gzip-elf.jpg")
        let report = Scanner().scan(bytes: bytes, path: "../../../etc/cron.d/evil", extractingTo: extractor)
        #expect(report.errors.isEmpty)
        let names = try files(in: output)
        #expect(!names.isEmpty)
        for name in names {
            #expect(name.wholeMatch(of: /[0-9a-f]{64}\.[a-z0-9]{1,16}(\.json)?/) != nil, "\(name)")
            let mode = mode(output + "/" + name)
            #expect(mode & S_IFMT == S_IFREG && mode & 0o7777 == 0o644, "\(name) \(String(mode, radix: 8))")
        }
    }

    @Test("a type name cannot steer the path; a digest that is not 64 hex digits is refused")
    func hostileNames() throws {
        let temporary = try TemporaryDirectory()
        let output = temporary.path + "/out"
        let extractor = try ArtifactExtractor(directory: output)
        var finding = try #require(Scanner().scan(bytes: try Self.payloadPicture()).findings.first)
        finding.type = "../../../../tmp/x/../.bashrc"
        let bytes: [UInt8] = [1, 2, 3]
        let path = try extractor.write(bytes.span, finding: finding, sourcePath: nil)
        #expect(path == output + "/\(finding.sha256).tmpxbashrc")
        #expect(try files(in: temporary.path) == ["out"], "nothing beside the output directory")
        finding.sha256 = "../" + String(repeating: "a", count: 61)
        let error = #expect(throws: ExtractionError.self) { try extractor.write(bytes.span, finding: finding, sourcePath: nil) }
        #expect(error?.operation == "name" && error?.code == EINVAL)
    }

    @Test("an output directory swapped for a symlink after it was opened is not followed")
    func swappedAfterOpen() throws {
        let temporary = try TemporaryDirectory()
        let output = temporary.path + "/out"
        let victim = temporary.path + "/victim"
        try FileManager.default.createDirectory(atPath: victim, withIntermediateDirectories: false)
        let extractor = try ArtifactExtractor(directory: output)
        try FileManager.default.moveItem(atPath: output, toPath: temporary.path + "/moved")
        try FileManager.default.createSymbolicLink(atPath: output, withDestinationPath: victim)
        let report = Scanner().scan(bytes: try Self.payloadPicture(), extractingTo: extractor)
        #expect(report.errors.isEmpty)
        #expect(try files(in: victim).isEmpty, "nothing written through the planted link")
        #expect(try files(in: temporary.path + "/moved").count == 2, "written into the directory that was opened")
    }

    /// Whether this process may mount a tmpfs (root with CAP_SYS_ADMIN, e.g. CI containers
    /// run privileged); otherwise the file-size limit test below covers the same path.
    static let canMount: Bool = {
        guard let directory = try? TemporaryDirectory() else { return false }
        guard unsafe mount("tmpfs", directory.path, "tmpfs", 0, "size=16k") == 0 else { return false }
        _ = unsafe umount2(directory.path, Int32(MNT_DETACH))
        return true
    }()

    @Test("a full disk (a 16 KiB tmpfs) is a clear ENOSPC error and leaves no partial or temporary file",
          .enabled(if: canMount, "needs permission to mount a tmpfs"))
    func diskFull() throws {
        let temporary = try TemporaryDirectory()
        let mountPoint = temporary.path + "/small"
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: false)
        let mounted = unsafe mount("tmpfs", mountPoint, "tmpfs", 0, "size=16k,mode=0755")
        try #require(mounted == 0)
        defer { _ = unsafe umount2(mountPoint, Int32(MNT_DETACH)) }
        // The 70 KB ELF cannot fit in 16 KiB.
        let extractor = try ArtifactExtractor(directory: mountPoint)
        let elf = try CorpusLocator.bytes("elf/payload-aarch64.elf")
        #expect(elf.count > 16 << 10)
        let report = Scanner().scan(bytes: try Self.payloadPicture(), extractingTo: extractor)
        #expect(report.findings.first?.extractedPath == nil)
        #expect(report.errors.count == 1)
        #expect(report.errors.first?.contains("No space left on device") == true, "\(report.errors)")
        #expect(try files(in: mountPoint).isEmpty, "no partial artifact, no temporary file")
    }
}
