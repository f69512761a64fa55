import Foundation
import StegCarve
import Testing
import TestSupport

@Suite("Verdicts and known hashes")
struct VerdictTests {
    /// The verdict the manifest implies: an executable anywhere → malicious; any other
    /// finding or an overlay → suspicious; several declared pictures → benign-extra.
    static func expectedVerdict(_ file: CorpusManifest.File) -> Verdict {
        if let stated = file.verdict.flatMap(Verdict.init(rawValue:)) { return stated }
        let executables: Set<String> = ["elf", "pe", "macho", "script", "java-class", "dex"]
        func hasExecutable(_ findings: [CorpusManifest.ExpectedFinding]) -> Bool {
            findings.contains { executables.contains($0.type) || hasExecutable($0.children ?? []) }
        }
        if hasExecutable(file.findings) { return .malicious }
        if !file.findings.isEmpty || file.overlay != nil { return .suspicious }
        // An icon's several sizes are one picture; an MPO's several pictures are extras.
        return file.pictures > 1 && !["ico", "cur"].contains(file.format) ? .benignExtra : .clean
    }

    @Test("every corpus file gets the verdict its contents imply, with reasons", arguments: CorpusManifest.shared.files)
    func corpusVerdicts(file: CorpusManifest.File) throws {
        let report = try Scanner().scan(fileAt: CorpusLocator.corpusDirectory.appendingPathComponent(file.path).path)
        let expected = Self.expectedVerdict(file)
        #expect(report.verdict == expected, "\(report.reasons)")
        #expect(report.reasons.isEmpty == (expected == .clean))
        switch expected {
        case .clean: #expect(report.score == 0)
        case .benignExtra: #expect(report.score < 20)
        case .suspicious: #expect((40..<90).contains(report.score))
        case .malicious: #expect(report.score >= 90)
        }
        if expected == .malicious, let first = file.findings.first {
            #expect(report.reasons.contains { $0.hasPrefix("\(first.type) at offset \(first.offset)") })
        }
    }

    @Test("known-bad hashes label artifacts and files; known-good files are clean")
    func knownHashes() throws {
        let path = CorpusLocator.corpusDirectory.appendingPathComponent("payload/jpeg-eoi-elf-x86_64.jpg").path
        let entry = try #require(CorpusManifest.shared.files.first { $0.path == "payload/jpeg-eoi-elf-x86_64.jpg" })
        var bad = KnownHashes()
        let rejected = bad.add(list: "sha256,name\n\(entry.findings[0].sha256),xmrig-like test payload\nnot-a-hash\n", defaultName: "list.txt", kind: .bad)
        #expect(rejected == 1)
        let flagged = try Scanner(configuration: ScanConfiguration(knownHashes: bad)).scan(fileAt: path)
        let label = try #require(flagged.findings.first?.labels.first { $0.name == "known-bad" })
        #expect(label.reason.contains("xmrig-like test payload"))
        #expect(flagged.score == 100)

        var good = KnownHashes()
        let added = good.add(hash: entry.sha256.uppercased(), name: "vetted", kind: .good)
        #expect(added)
        let trusted = try Scanner(configuration: ScanConfiguration(knownHashes: good)).scan(fileAt: path)
        #expect(trusted.verdict == .clean)
        #expect(trusted.labels.map(\.name).filter { !$0.hasPrefix("yara:") } == ["known-good"])

        // An MD5 in a list makes the scanner hash files with MD5 too.
        let clean = CorpusLocator.corpusDirectory.appendingPathComponent("clean/png-rgb.png").path
        let md5 = ExternalDigest.hex(of: try CorpusLocator.bytes("clean/png-rgb.png"), tool: "md5sum")
        var weak = KnownHashes()
        weak.add(hash: md5, name: "md5 entry", kind: .bad)
        #expect(try Scanner(configuration: ScanConfiguration(knownHashes: weak)).scan(fileAt: clean).verdict == .malicious)
    }
}
