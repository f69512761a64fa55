import Foundation
@testable import StegCarve
import Testing
import TestSupport

/// Fuzzy hashes on reports and findings, and how rule-match labels weigh in verdicts (in
/// every build: the labels are built by hand here; StegCarveYARATests matches real rules).
@Suite("Label sources in reports")
struct LabelSourceTests {
    @Test("flagged files and every artifact carry ssdeep and TLSH; scope none drops only the file's, clean files get them only with all")
    func fuzzyFields() throws {
        let path = CorpusLocator.corpusDirectory.appendingPathComponent("payload/jpeg-eoi-elf-x86_64.jpg").path
        let report = try Scanner().scan(fileAt: path)
        #expect(report.ssdeep == "192:fL0U19G2WR/knqQacCn4tK4AR6EREfwQIO09SBa/vi0mt:fAUHG//2qhn4tKP0EjHm")
        #expect(report.tlsh == "T173922B57B3A1CE3ADCBC537844674B3492BBE90196A157232A4071359F03BCE5F8E5CA")
        let elf = try #require(report.findings.first)
        // The same digests the tools print for Corpus/elf/payload-x86_64.elf, the bytes carved here.
        #expect(elf.ssdeep == "96:R6IOTTB+BT6Ijq09OEGGw7/lBC9BpviolmtgBod:REfwQIO09SBa/vi0mt")
        #expect(elf.tlsh == "T15672301BB3A0CE3ACCA8537844574B34A2B6E91197A24323274472301E4379D5FAEAC6")

        let fast = try Scanner(configuration: ScanConfiguration(fuzzyHashes: .none)).scan(fileAt: path)
        #expect(fast.ssdeep == nil && fast.tlsh == nil)
        #expect(fast.findings.first?.ssdeep == elf.ssdeep)

        let clean = CorpusLocator.corpusDirectory.appendingPathComponent("clean/jpeg-baseline.jpg").path
        let byDefault = try Scanner().scan(fileAt: clean)
        #expect(byDefault.verdict == .clean && byDefault.ssdeep == nil && byDefault.tlsh == nil)
        let everything = try Scanner(configuration: ScanConfiguration(fuzzyHashes: .all)).scan(fileAt: clean)
        #expect(everything.ssdeep != nil && everything.tlsh != nil)

        // JSON: present keys on both levels, absent when nil.
        let json = try #require(String(data: JSONEncoder().encode(report), encoding: .utf8))
        #expect(json.contains("\"ssdeep\":\"192:") && json.contains("\"tlsh\":\"T1567230"))
        let fastJSON = try #require(String(data: JSONEncoder().encode(fast), encoding: .utf8))
        #expect(!fastJSON.contains("\"tlsh\":\"T17392"))
    }

    @Test("encoded wrappers are hashed too")
    func wrapperHashes() throws {
        let path = CorpusLocator.corpusDirectory.appendingPathComponent("payload/png-text-reversed-base64-pe.png").path
        let report = try Scanner().scan(fileAt: path)
        let wrapper = try #require(report.findings.first)
        #expect(wrapper.type == "base64")
        #expect(wrapper.ssdeep?.isEmpty == false)
        #expect(wrapper.tlsh?.hasPrefix("T1") == true)
    }

    /// A report of a clean PNG with one label on the file and, optionally, on an artifact.
    private func report(fileLabels: [Label], artifactLabels: [Label]? = nil) -> ScanReport {
        let png = SyntheticPNG.minimal()
        var report = Scanner(configuration: ScanConfiguration(verifiesDecoding: false, fuzzyHashes: .none)).scan(bytes: png)
        report.labels = fileLabels
        if let artifactLabels {
            report.findings = [Finding(
                type: "zip", offset: 0, length: 1, region: "overlay", confidence: .high, truncated: false,
                md5: "", sha1: "", sha256: "", entropy: 0, labels: artifactLabels
            )]
        }
        report.assessVerdict()
        return report
    }

    private func rule(_ name: String, _ meta: [String: MetadataValue]) -> Label {
        Label(name: "yara:\(name)", reason: "YARA rule \(name) matched", tags: ["t"], meta: meta)
    }

    @Test("rule meta decides verdict and score; info rules only label",
          arguments: [
            ([:], Verdict.suspicious, 50),
            (["verdict": "malicious"], .malicious, 90),
            (["verdict": "Malicious", "score": 97], .malicious, 97),
            (["verdict": "malicious", "score": 20], .malicious, 90),
            (["verdict": "suspicious", "severity": 75], .suspicious, 75),
            (["verdict": "suspicious", "score": 99], .suspicious, 89),
            (["verdict": "info"], .clean, 0),
          ] as [([String: MetadataValue], Verdict, Int)])
    func ruleVerdicts(meta: [String: MetadataValue], verdict: Verdict, score: Int) {
        let assessed = report(fileLabels: [rule("R", meta)])
        #expect(assessed.verdict == verdict)
        #expect(assessed.score == score)
        if verdict != .clean { #expect(assessed.reasons == ["file: YARA rule R matched"]) }
    }

    @Test("a rule that matched an artifact is reported there, not again for the file")
    func artifactRuleReason() {
        let label = rule("R", ["verdict": "malicious", "score": 96])
        let assessed = report(fileLabels: [label], artifactLabels: [label])
        #expect(assessed.verdict == .malicious)
        #expect(assessed.score == 96)
        #expect(assessed.reasons.contains("zip at offset 0 in overlay: YARA rule R matched"))
        #expect(!assessed.reasons.contains { $0.hasPrefix("file:") })
    }

    @Test("labels without rule data encode as before; rule labels add tags and meta")
    func labelJSON() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let plain = try #require(String(data: encoder.encode(Label(name: "executable", reason: "r")), encoding: .utf8))
        #expect(plain == #"{"name":"executable","reason":"r"}"#)
        let matched = try #require(String(data: encoder.encode(rule("R", ["score": 3])), encoding: .utf8))
        #expect(matched == #"{"meta":{"score":3},"name":"yara:R","reason":"YARA rule R matched","tags":["t"]}"#)
    }
}
