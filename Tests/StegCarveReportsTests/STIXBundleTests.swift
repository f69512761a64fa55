import Foundation
import StegCarve
@testable import StegCarveReports
import Testing
import TestSupport

@Suite("STIX 2.1 bundles")
struct STIXBundleTests {
    /// Scans corpus files and writes them as one bundle; returns the parsed bundle.
    private func bundle(_ paths: [String], writer: STIXBundleWriter = STIXBundleWriter()) throws -> [String: Any] {
        var configuration = ScanConfiguration()
        configuration.computesWeakFileDigests = true
        let scanner = Scanner(configuration: configuration)
        var text = writer.prologue()
        for path in paths {
            let report = try scanner.scan(fileAt: path)
            text += writer.fragment(for: report, hashes: FileDigests.stixHashes(for: report))
        }
        text += writer.epilogue()
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    private func corpus(_ path: String) -> String {
        CorpusLocator.corpusDirectory.appendingPathComponent(path).path
    }

    private func objects(_ bundle: [String: Any], type: String) -> [[String: Any]] {
        (bundle["objects"] as? [[String: Any]] ?? []).filter { $0["type"] as? String == type }
    }

    @Test("UUIDv5 matches RFC 4122's construction (Python's uuid5(NAMESPACE_DNS, 'python.org'))")
    func uuid5KnownVector() {
        let dns: [UInt8] = [0x6B, 0xA7, 0xB8, 0x10, 0x9D, 0xAD, 0x11, 0xD1, 0x80, 0xB4, 0x00, 0xC0, 0x4F, 0xD4, 0x30, 0xC8]
        #expect(STIX.Identifier.uuid5(namespace: dns, name: "python.org") == "886313e1-3b8a-5372-9b90-0c9aee199e5d")
    }

    @Test("file SCO identifiers equal the OASIS stix2 library's (MD5 chosen over SHA-256, name contributes)")
    func observableIdentifier() {
        // Computed with stix2 3.0.2: File(name="a.jpg", hashes={"SHA-256": "ab"*32, "MD5": "cd"*16}).id
        let file = STIX.File(hashes: ["SHA-256": String(repeating: "ab", count: 32), "MD5": String(repeating: "cd", count: 16)], name: "a.jpg", parentDirectoryRef: nil)
        #expect(file.id == "file--4647df9c-accc-5e0c-a0fc-b29739d44d7d")
        // stix2: Directory(path="/tmp/x").id
        #expect(STIX.Directory(path: "/tmp/x").id == "directory--56441d86-7045-5ee0-afb9-96f764bc0015")
    }

    @Test("RFC 8785 canonical JSON: keys by UTF-16 code units, minimal escapes, raw non-ASCII")
    func canonicalJSON() {
        let value = STIX.CanonicalJSON.object([
            "b": .string("line\nquote\"back\\\u{01}é\u{2028}"),
            "a": .object(["\u{E9}": .string("x"), "z": .string("y"), "\u{1F600}": .string("smile"), "\u{FB01}": .string("ligature")]),
        ])
        // U+1F600 is the surrogate pair D83D DE00, which sorts before U+FB01 by UTF-16 code unit.
        #expect(value.serialized == "{\"a\":{\"z\":\"y\",\"é\":\"x\",\"\u{1F600}\":\"smile\",\"\u{FB01}\":\"ligature\"},\"b\":\"line\\nquote\\\"back\\\\\\u0001é\u{2028}\"}")
    }

    @Test("timestamps are RFC 3339 UTC to the millisecond; SOURCE_DATE_EPOCH fixes the run time")
    func timestamps() {
        #expect(STIX.Timestamp.string(Date(timeIntervalSince1970: 1_795_000_000.123_4)) == "2026-11-18T11:06:40.123Z")
        #expect(STIX.Timestamp.string(STIX.Timestamp.runTime(environment: ["SOURCE_DATE_EPOCH": "0"])) == "1970-01-01T00:00:00.000Z")
    }

    @Test("every object of a bundle over payload, nested and clean corpus files has STIX 2.1's required properties")
    func conformance() throws {
        let paths = ["payload/jpeg-eoi-elf-x86_64.jpg", "payload/png-iend-base64-xor-elf.png", "clean/mpo-stereo-2.mpo", "clean/png-rgb.png", "payload/jpeg-eoi-gzip.jpg"]
        let bundle = try bundle(paths.map(corpus))
        let violations = STIXConformance.violations(in: bundle)
        #expect(violations.isEmpty, "\(violations.joined(separator: "\n"))")
        #expect(objects(bundle, type: "identity").count == 1)
        let files = objects(bundle, type: "file").filter { $0["x_stegcarve_verdict"] != nil }
        #expect(files.count == paths.count)
    }

    @Test("scanned files: MD5, SHA-1, SHA-256 by coreutils, size, name, directory, verdict and reasons")
    func scannedFile() throws {
        let path = "payload/jpeg-eoi-elf-x86_64.jpg"
        let bundle = try bundle([corpus(path)])
        let bytes = try CorpusLocator.bytes(path)
        let file = try #require(objects(bundle, type: "file").first { $0["name"] as? String == "jpeg-eoi-elf-x86_64.jpg" })
        #expect(file["hashes"] as? [String: String] == [
            "MD5": ExternalDigest.hex(of: bytes, tool: "md5sum"),
            "SHA-1": ExternalDigest.hex(of: bytes, tool: "sha1sum"),
            "SHA-256": ExternalDigest.hex(of: bytes, tool: "sha256sum"),
        ])
        #expect(file["size"] as? Int == bytes.count)
        #expect(file["mime_type"] as? String == "image/jpeg")
        #expect(file["x_stegcarve_verdict"] as? String == "malicious")
        #expect(file["x_stegcarve_score"] as? Int == 95)
        #expect((file["x_stegcarve_reasons"] as? [String])?.first?.hasPrefix("elf at offset 5027 in overlay") == true)
        let directory = try #require(objects(bundle, type: "directory").first)
        #expect(file["parent_directory_ref"] as? String == directory["id"] as? String)
        #expect(directory["path"] as? String == CorpusLocator.corpusDirectory.appendingPathComponent("payload").path)
        // The identifier is the deterministic one: MD5, name and parent directory contribute.
        let expected = STIX.File(hashes: ["MD5": ExternalDigest.hex(of: bytes, tool: "md5sum")], name: "jpeg-eoi-elf-x86_64.jpg", parentDirectoryRef: directory["id"] as? String)
        #expect(file["id"] as? String == expected.id)
        // A malicious file gets an indicator on its SHA-256 with the reasons.
        let indicators = objects(bundle, type: "indicator")
        let fileIndicator = try #require(indicators.first { ($0["pattern"] as? String)?.contains(ExternalDigest.hex(of: bytes, tool: "sha256sum")) == true })
        #expect(fileIndicator["indicator_types"] as? [String] == ["malicious-activity"])
        #expect(fileIndicator["pattern"] as? String == "[file:hashes.'SHA-256' = '\(ExternalDigest.hex(of: bytes, tool: "sha256sum"))']")
        #expect((fileIndicator["description"] as? String)?.contains("cryptominer") == true)
    }

    @Test("nested artifacts: contains_refs and contains relationships follow base64 > xor > elf with offsets and routes")
    func nesting() throws {
        let manifest = try CorpusManifest.load()
        let entry = try #require(manifest.files.first { $0.path == "payload/png-iend-base64-xor-elf.png" })
        let bundle = try bundle([corpus(entry.path)])
        let files = objects(bundle, type: "file")
        func file(sha256: String) -> [String: Any]? { files.first { ($0["hashes"] as? [String: String])?["SHA-256"] == sha256 } }
        let scanned = try #require(file(sha256: entry.sha256))
        let base64 = try #require(file(sha256: entry.findings[0].sha256))
        let xor = try #require(file(sha256: "c49a13d4bd6fe0661dd6196890ba620425c8e5ab4e8de6fda8e87e165463d887"))
        let elf = try #require(file(sha256: "4ff456c57480106f34db11861121c025eadfb7895d85f23b0cad7307e36077ba"))
        #expect(scanned["contains_refs"] as? [String] == [try #require(base64["id"] as? String)])
        #expect(base64["contains_refs"] as? [String] == [try #require(xor["id"] as? String)])
        #expect(xor["contains_refs"] as? [String] == [try #require(elf["id"] as? String)])
        #expect(elf["contains_refs"] == nil)
        #expect(elf["x_stegcarve_type"] as? String == "elf")
        #expect(elf["size"] as? Int == 728)
        #expect((elf["x_stegcarve_labels"] as? [[String: String]])?.map { $0["name"] } == ["executable"])
        #expect((elf["x_stegcarve_metadata"] as? [String: Any])?["machine"] as? String == "PowerPC64")
        // Artifacts have no name, so their identifiers depend on their bytes alone.
        #expect(elf["id"] as? String == STIX.File(hashes: ["MD5": try #require((elf["hashes"] as? [String: String])?["MD5"])], name: nil, parentDirectoryRef: nil).id)
        let relationships = objects(bundle, type: "relationship")
        #expect(relationships.count == 3)
        let toBase64 = try #require(relationships.first { $0["target_ref"] as? String == base64["id"] as? String })
        #expect(toBase64["source_ref"] as? String == scanned["id"] as? String)
        #expect(toBase64["relationship_type"] as? String == "contains")
        #expect(toBase64["x_stegcarve_offset"] as? Int == entry.findings[0].offset)
        #expect(toBase64["x_stegcarve_length"] as? Int == entry.findings[0].length)
        #expect(toBase64["x_stegcarve_region"] as? String == "overlay")
        let toELF = try #require(relationships.first { $0["target_ref"] as? String == elf["id"] as? String })
        #expect(toELF["source_ref"] as? String == xor["id"] as? String)
        #expect(toELF["x_stegcarve_via"] as? String == "xor:33")
        // The executable artifact has an indicator of its own.
        #expect(objects(bundle, type: "indicator").contains { $0["pattern"] as? String == "[file:hashes.'SHA-256' = '4ff456c57480106f34db11861121c025eadfb7895d85f23b0cad7307e36077ba']" })
    }

    @Test("one object per observable: a file listed twice and an artifact in two files are written once")
    func deduplication() throws {
        let temporary = try TemporaryDirectory()
        let bytes = try CorpusLocator.bytes("payload/jpeg-eoi-elf-x86_64.jpg")
        let first = try temporary.write(bytes, to: "first.jpg")
        let second = try temporary.write(bytes, to: "second.jpg")
        let bundle = try bundle([first, second, first])
        #expect(STIXConformance.violations(in: bundle).isEmpty)
        let files = objects(bundle, type: "file")
        #expect(files.filter { $0["x_stegcarve_verdict"] != nil }.count == 2)
        #expect(files.filter { $0["x_stegcarve_type"] as? String == "elf" }.count == 1)
        #expect(objects(bundle, type: "directory").count == 1)
        #expect(objects(bundle, type: "relationship").count == 2)
        // Same bytes: one indicator for the file's SHA-256, one for the ELF's.
        #expect(objects(bundle, type: "indicator").count == 2)
    }

    @Test("clean files: verdict clean, no indicator; an unreadable file is a file object with the error")
    func cleanAndUnreadable() throws {
        let writer = STIXBundleWriter()
        var bundle = try bundle([corpus("clean/png-rgb.png")], writer: writer)
        #expect(objects(bundle, type: "indicator").isEmpty)
        #expect(objects(bundle, type: "relationship").isEmpty)
        #expect(objects(bundle, type: "file").first?["x_stegcarve_verdict"] as? String == "clean")
        #expect(objects(bundle, type: "file").first?["contains_refs"] == nil)
        let text = writer.prologue() + writer.fragment(forUnreadable: "/nonexistent/x.jpg", pathBase64: nil, reason: "open: No such file or directory") + writer.epilogue()
        bundle = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(STIXConformance.violations(in: bundle).isEmpty)
        let file = try #require(objects(bundle, type: "file").first)
        #expect(file["name"] as? String == "x.jpg")
        #expect(file["x_stegcarve_error"] as? String == "open: No such file or directory")
    }

    @Test("MD5 and SHA-1 come from the scan's own read, and only when asked for")
    func digestsFromTheScan() throws {
        let bytes = try CorpusLocator.bytes("clean/png-rgb.png")
        var configuration = ScanConfiguration()
        configuration.computesWeakFileDigests = true
        let report = Scanner(configuration: configuration).scan(bytes: bytes)
        #expect(FileDigests.stixHashes(for: report) == [
            "MD5": ExternalDigest.hex(of: bytes, tool: "md5sum"), "SHA-1": ExternalDigest.hex(of: bytes, tool: "sha1sum"),
            "SHA-256": SHA256Hex.of(bytes),
        ])
        #expect(FileDigests.stixHashes(for: Scanner().scan(bytes: bytes)) == ["SHA-256": report.sha256])
    }

    @Test("the validator catches what it should (missing created, bad id, dangling reference, bad custom name)")
    func validatorSelfCheck() {
        let bad: [String: Any] = [
            "type": "bundle", "id": "bundle--6ba7b810-9dad-41d1-80b4-00c04fd430c8",
            "objects": [
                ["type": "relationship", "spec_version": "2.1", "id": "relationship--6ba7b810-9dad-41d1-80b4-00c04fd430c8",
                 "modified": "2026-01-01T00:00:00.000Z", "relationship_type": "contains",
                 "source_ref": "file--6ba7b810-9dad-51d1-80b4-00c04fd430c8", "target_ref": "file--nope", "stegcarve_offset": 1],
                ["type": "file", "id": "file--6ba7b810-9dad-51d1-80b4-00c04fd430c8", "hashes": ["SHA256": "00"]],
            ],
        ]
        let violations = STIXConformance.violations(in: bad)
        #expect(violations.contains { $0.contains("created is not") })
        #expect(violations.contains { $0.contains("target_ref") })
        #expect(violations.contains { $0.contains("stegcarve_offset") })
        #expect(violations.contains { $0.contains("hash key SHA256") })
        #expect(violations.contains { $0.contains("needs hashes or name") } == false)
    }
}
