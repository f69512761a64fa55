import Foundation
import StegCarve
import StegCarveSync
import Testing
import TestSupport

#if YARA
@testable import StegCarveYARA

/// The YARA trait: bundled rules on the hiding places of THREATS.md, user rules from the API
/// and the CLI, labels with tags and meta, verdicts, errors, and concurrent scans.
@Suite("YARA rules")
struct YARARulesTests {
    private func fileLabels(_ bytes: [UInt8], _ configuration: ScanConfiguration = ScanConfiguration()) -> Set<String> {
        Set(Scanner(configuration: configuration).scan(bytes: bytes).labels.map(\.name).filter { $0.hasPrefix("yara:") })
    }

    @Test("the bundled rules compile and are on by default")
    func bundled() throws {
        #expect(YARARules.isAvailable)
        let bundled = try #require(YARARules.bundled)
        #expect(bundled.sources.map(\.name) == ["stegcarve.yar"])
        #expect(ScanConfiguration().rules == bundled)
    }

    /// One case per THREATS.md hiding place the bundled rules cover: the picture that must
    /// match, and a near miss that must not.
    static let threatCases: [(name: String, rule: String, hit: [UInt8], miss: [UInt8])] = {
        let jpeg = SyntheticJPEG.minimal()
        let png = SyntheticPNG.minimal()
        func comment(_ text: String) -> [UInt8] {
            Array(jpeg[0..<2]) + SyntheticJPEG.segment(0xFE, Array(text.utf8)) + Array(jpeg[2...])
        }
        let pe = SyntheticPE(is64: true, machine: 0x8664).build()
        let base64PE = Data(pe.prefix(96)).base64EncodedString()
        let idat = SyntheticPNG.signature + SyntheticPNG.header()
            + SyntheticPNG.chunk("IDAT", [0xC6, 0xA5, 0x79, 0xEA, 1, 2, 3, 4] + [UInt8](repeating: 0x55, count: 64))
            + SyntheticPNG.chunk("IEND", [])
        return [
            ("miner in the overlay", "StegCarve_Miner_Stratum",
             jpeg + Array("config: stratum+tcp://pool.example.org:3333 algo rx/0 xmrig".utf8),
             jpeg + Array("see stratum+tcp://pool.example.org:3333 for the docs".utf8)),
            ("XMRig strings", "StegCarve_XMRig_Strings",
             png + Array("XMRig 6.21 --donate-level=1".utf8), png + Array("xmrig".utf8)),
            ("PHP webshell in a JPEG comment", "StegCarve_Image_PHP",
             comment("<?php eval($_POST['c']); ?>"), Array("<?php eval($_POST['c']); ?>".utf8)),
            ("JavaScript skimmer in a JPEG comment", "StegCarve_Image_Script_Loader",
             comment("<script>eval(atob('YWxlcnQoMSk='))</script>"), comment("<script src=x></script>")),
            ("base64 PE header", "StegCarve_Base64_PE",
             jpeg + Array(base64PE.utf8), jpeg + Array("TVqQ".utf8)),
            ("reversed base64 PE header", "StegCarve_Base64_PE",
             png + Array(String(base64PE.reversed()).utf8), png + Array("TVqQAAMA".utf8)),
            ("<<BASE64_START>> markers", "StegCarve_Base64_Markers",
             jpeg + Array("<<BASE64_START>>QUJD<<BASE64_END>>".utf8), jpeg + Array("BASE64_START".utf8)),
            ("IDAT loader marker", "StegCarve_IDAT_Loader",
             idat, png + [0xC6, 0xA5, 0x79, 0xEA]),
        ]
    }()

    /// Pictures followed by bytes that look like an executable's header, judged by the native
    /// handlers: an MZ header whose `e_lfanew` points at `PE\0\0` but no valid PE (168 bytes,
    /// as issue 19 found), and a real PE and ELF.
    static let executableLookalikes: [(name: String, bytes: [UInt8], verdict: Verdict)] = {
        var fakePE = [UInt8](repeating: 0, count: 168)
        fakePE[0] = 0x4D
        fakePE[1] = 0x5A
        fakePE[0x3C] = 0x80
        fakePE.replaceSubrange(0x80..<0x84, with: [0x50, 0x45, 0, 0])
        return [
            ("invalid PE after a JPEG", SyntheticJPEG.minimal() + fakePE, .suspicious),
            ("PE after a PNG", SyntheticPNG.minimal() + SyntheticPE(is64: true, machine: 0x8664).build(), .malicious),
            ("ELF after a JPEG", SyntheticJPEG.minimal() + SyntheticELF(is64: true, bigEndian: false, machine: 62).build(), .malicious),
        ]
    }()

    @Test("the bundled rules never judge an executable look-alike more strongly than the native handlers",
          arguments: executableLookalikes)
    func bundledRulesDoNotOverruleHandlers(entry: (name: String, bytes: [UInt8], verdict: Verdict)) throws {
        let native = Scanner(configuration: ScanConfiguration(rules: nil)).scan(bytes: entry.bytes)
        let withRules = Scanner().scan(bytes: entry.bytes)
        #expect(native.verdict == entry.verdict, "\(entry.name): \(native.reasons)")
        #expect(withRules.verdict == native.verdict, "\(entry.name): \(withRules.reasons)")
        #expect(withRules.score == native.score, "\(entry.name): \(withRules.reasons)")
    }

    @Test("each bundled rule matches its THREATS.md case and not its near miss", arguments: threatCases)
    func threats(entry: (name: String, rule: String, hit: [UInt8], miss: [UInt8])) throws {
        #expect(fileLabels(entry.hit).contains("yara:" + entry.rule), "\(entry.name)")
        #expect(!fileLabels(entry.miss).contains("yara:" + entry.rule), "\(entry.name)")
        let report = Scanner().scan(bytes: entry.hit)
        let label = try #require(report.labels.first { $0.name == "yara:" + entry.rule })
        #expect(label.reason.hasPrefix("YARA rule \(entry.rule) matched: "))
        #expect(label.meta?["verdict"] != nil)
        #expect(report.verdict >= .suspicious)
    }

    @Test("no clean corpus picture matches a bundled rule", arguments: CorpusManifest.shared.files.filter(\.clean))
    func cleanCorpus(file: CorpusManifest.File) throws {
        let report = try Scanner().scan(fileAt: CorpusLocator.corpusDirectory.appendingPathComponent(file.path).path)
        #expect(report.labels.filter { $0.name.hasPrefix("yara:") }.isEmpty)
        #expect(report.verdict == VerdictExpectation.expected(file))
    }

    @Test("every artifact the manifest calls a cryptominer also matches the bundled miner rules",
          arguments: CorpusManifest.shared.files.filter { $0.findings.contains { $0.labels.contains("cryptominer") } })
    func minerArtifacts(file: CorpusManifest.File) throws {
        let report = try Scanner().scan(fileAt: CorpusLocator.corpusDirectory.appendingPathComponent(file.path).path)
        for (finding, expected) in zip(report.findings, file.findings) where expected.labels.contains("cryptominer") {
            let names = Set(finding.labels.map(\.name))
            #expect(names.isSuperset(of: ["yara:StegCarve_Miner_Stratum", "yara:StegCarve_XMRig_Strings"]), "\(finding.offset)")
        }
        #expect(report.verdict == .malicious)
    }

    static let userRule = """
        rule Test_Marker : loader beacon
        {
            meta:
                description = "the test marker"
                verdict = "malicious"
                score = 97
                family = "TestFamily"
                version = 3
                active = true
            strings:
                $m = "STEGCARVE-TEST-MARKER"
            condition:
                $m
        }
        """

    @Test("a user rule's match is a label with rule name, tags and meta on the file and the artifact; meta decides the verdict")
    func userRuleFromAPI() throws {
        let rules = try YARARules(sources: [.init(name: "test.yar", text: Self.userRule)])
        let configuration = ScanConfiguration(rules: rules)
        // In the file (after the picture) and inside the carved ELF.
        var elf = SyntheticELF(is64: true, bigEndian: false, machine: 62)
        elf.code = Array("STEGCARVE-TEST-MARKER".utf8) + [UInt8](repeating: 0x90, count: 43)
        let report = Scanner(configuration: configuration).scan(bytes: SyntheticJPEG.minimal() + elf.build())
        let fileLabel = try #require(report.labels.first { $0.name == "yara:Test_Marker" })
        #expect(fileLabel.tags == ["loader", "beacon"])
        #expect(fileLabel.meta?["family"] == .string("TestFamily"))
        #expect(fileLabel.meta?["version"] == .integer(3))
        #expect(fileLabel.meta?["active"] == .bool(true))
        #expect(fileLabel.meta?["score"] == .integer(97))
        #expect(fileLabel.reason.hasPrefix("YARA rule Test_Marker matched: the test marker; $m at "))
        #expect(fileLabel.reason.hasSuffix("[loader, beacon]"))
        let artifact = try #require(report.findings.first { $0.type == "elf" })
        let artifactLabel = try #require(artifact.labels.first { $0.name == "yara:Test_Marker" })
        #expect(artifactLabel.tags == ["loader", "beacon"])
        #expect(report.verdict == .malicious)
        #expect(report.score == 97)
        #expect(report.reasons.contains { $0.hasPrefix("elf at offset \(artifact.offset) in overlay: YARA rule Test_Marker matched") })
        // The file's own match of the same rule adds no second reason.
        #expect(!report.reasons.contains { $0.hasPrefix("file: YARA rule Test_Marker") })
        // Only the user's rules: the bundled miner rule is not compiled in.
        #expect(!report.labels.contains { $0.name.hasPrefix("yara:StegCarve_") })
    }

    @Test("rules without a verdict count as suspicious; `info` rules only label",
          arguments: [("", Verdict.suspicious), ("verdict = \"info\"", Verdict.clean), ("verdict = \"suspicious\" score = 75", Verdict.suspicious)])
    func verdictMeta(meta: String, expected: Verdict) throws {
        let text = "rule Marker { meta: \(meta.isEmpty ? "note = \"x\"" : meta) strings: $a = \"PLAIN-MARKER\" condition: $a }"
        let rules = try YARARules(sources: [.init(name: "m.yar", text: text)])
        // Inside a PNG text chunk, so nothing else about the file is suspicious.
        let png = SyntheticPNG.signature + SyntheticPNG.header() + SyntheticPNG.chunk("tEXt", Array("Comment\0PLAIN-MARKER".utf8))
            + SyntheticPNG.chunk("IDAT", [0x78, 0x9C, 0x63, 0x60, 0x00, 0x00, 0x00, 0x04, 0x00, 0x01]) + SyntheticPNG.chunk("IEND", [])
        let report = Scanner(configuration: ScanConfiguration(verifiesDecoding: false, rules: rules)).scan(bytes: png)
        #expect(report.labels.map(\.name) == ["yara:Marker"])
        #expect(report.verdict == expected, "\(report.reasons)")
        if expected == .suspicious {
            #expect(report.reasons.contains { $0.hasPrefix("file: YARA rule Marker matched") })
            #expect(report.score == (meta.contains("75") ? 75 : 50))
        }
    }

    @Test("rule paths: files and directories load; bad paths and bad rules are clear errors")
    func paths() throws {
        let directory = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory.path + "/set/nested", withIntermediateDirectories: true)
        try directory.write(Array(Self.userRule.utf8), to: "set/a.yar")
        try directory.write(Array("rule Second { strings: $s = \"SECOND\" condition: $s }".utf8), to: "set/nested/b.yara")
        try directory.write(Array("not a rule".utf8), to: "set/readme.txt")
        let rules = try YARARules(paths: [directory.path + "/set"], includingBundled: false)
        #expect(rules.sources.map(\.name) == [directory.path + "/set/a.yar", directory.path + "/set/nested/b.yara"])
        let withBundled = try YARARules(paths: [directory.path + "/set/a.yar"])
        #expect(withBundled.sources.map(\.name) == ["stegcarve.yar", directory.path + "/set/a.yar"])

        let missing = #expect(throws: YARARulesError.self) { try YARARules(paths: [directory.path + "/nope.yar"]) }
        #expect(missing?.reason == .unreadable(path: directory.path + "/nope.yar", reason: "no such file or directory"))
        try FileManager.default.createDirectory(atPath: directory.path + "/empty", withIntermediateDirectories: true)
        let empty = #expect(throws: YARARulesError.self) { try YARARules(paths: [directory.path + "/empty"]) }
        #expect(empty?.reason == .noRuleFiles(directory: directory.path + "/empty"))
        let broken = try directory.write(Array("rule Broken {\n  strings: $a = \"x\"\n  condition: $b\n}\n".utf8), to: "broken.yar")
        let failure = #expect(throws: YARARulesError.self) { try YARARules(paths: [broken], includingBundled: false) }
        guard case .compile(let message)? = failure?.reason else {
            Issue.record("expected a compile error, got \(String(describing: failure))")
            return
        }
        // libyara names the line where it noticed the error: the rule's end.
        #expect(message == broken + ":4: undefined string \"$b\"")
        #expect(failure?.description.hasPrefix("YARA rules do not compile:\n") == true)
    }

    @Test("configurations with rules compare and encode by their sources")
    func codable() throws {
        let rules = try YARARules(sources: [.init(name: "test.yar", text: Self.userRule)])
        let data = try JSONEncoder().encode(rules)
        let decoded = try JSONDecoder().decode(YARARules.self, from: data)
        #expect(decoded == rules)
        #expect(decoded != YARARules.bundled)
        #expect(ScanConfiguration(rules: rules).hashValue == ScanConfiguration(rules: decoded).hashValue)
    }

    @Test("one compiled rule set serves many concurrent scans (more than libyara's 32 threads)")
    func concurrency() async throws {
        let rules = try YARARules(sources: [.init(name: "test.yar", text: Self.userRule)])
        let scanner = Scanner(configuration: ScanConfiguration(verifiesDecoding: false, rules: rules))
        let bytes = SyntheticJPEG.minimal() + Array("xx STEGCARVE-TEST-MARKER xx".utf8)
        let counts = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<96 {
                group.addTask { scanner.scan(bytes: bytes).labels.filter { $0.name == "yara:Test_Marker" }.count }
            }
            return await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(counts == [Int](repeating: 1, count: 96))
    }

    /// The SIGBUS handler as an address (0 for SIG_DFL).
    private static func sigbusHandler() -> Int {
        var current = sigaction()
        _ = unsafe sigaction(SIGBUS, nil, &current)
        return unsafe unsafeBitCast(current.__sigaction_handler, to: Int.self)
    }

    @Test("YARA scans never swap the SIGBUS handler the mapping guard installed (a truncated mapped file would fault forever)")
    func mappingGuardStaysInstalled() async throws {
        // Mapping a file above the threshold installs the guard.
        let directory = try TemporaryDirectory()
        let large = try directory.write(SyntheticJPEG.minimal() + [UInt8](repeating: 0x41, count: 3 << 20), to: "large.jpg")
        _ = try Scanner(configuration: ScanConfiguration(verifiesDecoding: false)).scan(fileAt: large)
        let guardHandler = Self.sigbusHandler()
        #expect(guardHandler != 0)
        let rules = try YARARules(sources: [.init(name: "test.yar", text: Self.userRule)])
        let scanner = Scanner(configuration: ScanConfiguration(verifiesDecoding: false, rules: rules))
        let bytes = SyntheticJPEG.minimal() + [UInt8](repeating: 0x42, count: 64 << 10)
        let scansDone = Locked(false)
        let swapped = Locked(0)
        let sampler = Thread {
            while !scansDone.withLock({ $0 }) {
                if Self.sigbusHandler() != guardHandler { swapped.withLock { $0 += 1 } }
            }
        }
        sampler.start()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<32 { group.addTask { _ = scanner.scan(bytes: bytes) } }
        }
        scansDone.withLock { $0 = true }
        while !sampler.isFinished { try await Task.sleep(for: .milliseconds(1)) }
        #expect(swapped.withLock { $0 } == 0, "libyara's crash handler replaced the mapping guard during scans")
        #expect(Self.sigbusHandler() == guardHandler)
    }

    @Test("a scan that runs out of time is a yara-error label, not silence")
    func timeout() throws {
        let slow = "rule Slow { condition: for all i in (0 .. filesize - 1) : ( for all j in (0 .. 4000) : (uint8(i) + j >= 0) ) }"
        let rules = try YARARuleSet(sources: [("slow.yar", slow)], timeoutSeconds: 1)
        let bytes = [UInt8](repeating: 0x5A, count: 1 << 20)
        let labels = rules.labels(matching: bytes.span)
        #expect(labels == [Label(name: "yara-error", reason: "YARA matching stopped after the 1 s timeout")])
    }

    @Test("the CLI matches --rules (file or directory) and reports rules that do not compile")
    func cli() throws {
        let directory = try TemporaryDirectory()
        let rule = try directory.write(Array(Self.userRule.utf8), to: "test.yar")
        let picture = try directory.write(SyntheticJPEG.minimal() + Array("STEGCARVE-TEST-MARKER".utf8), to: "p.jpg")
        let run = try CLI.run(["scan", "--format", "jsonl", "--rules", rule, picture])
        #expect(run.status == 1)
        #expect(run.standardOutput.contains("\"name\":\"yara:Test_Marker\""))
        #expect(run.standardOutput.contains("\"tags\":[\"loader\",\"beacon\"]"))
        let fromDirectory = try CLI.run(["scan", "--format", "jsonl", "--rules", directory.path, "--no-bundled-rules", picture])
        #expect(fromDirectory.standardOutput.contains("yara:Test_Marker"))
        let broken = try directory.write(Array("rule {".utf8), to: "broken.yar")
        let failed = try CLI.run(["scan", "--rules", broken, picture])
        #expect(failed.status == 2)
        #expect(failed.standardError.contains("YARA rules do not compile"))
        #expect(failed.standardError.contains(broken + ":1:"))
    }

    /// A rule whose meta holds terminal escapes and a formula (issue 12).
    static let hostileRule = #"""
        rule Hostile_Meta : x
        {
            meta:
                description = "=cmd|x\x1b[2J\x1b]0;PWNED\x07\r\nfake.jpg: jpeg, 1 bytes, no payload: clean (0)\xc2\x9b8m"
                verdict = "suspicious"
            strings:
                $m = "STEGCARVE-HOSTILE-META"
            condition:
                $m
        }
        """#

    @Test("YARA meta with escapes and a formula: text and CSV show it escaped, JSON Lines keeps it exactly")
    func hostileMeta() throws {
        let directory = try TemporaryDirectory()
        let rule = try directory.write(Array(Self.hostileRule.utf8), to: "hostile.yar")
        let picture = try directory.write(SyntheticJPEG.minimal() + Array("STEGCARVE-HOSTILE-META".utf8), to: "p.jpg")
        let text = try CLI.run(["scan", "--no-bundled-rules", "--rules", rule, picture])
        #expect(text.status == 1)
        #expect(RawControls.find(in: Array(text.standardOutput.utf8)).isEmpty)
        #expect(text.standardOutput.contains(#"=cmd|x\x1b[2J\x1b]0;PWNED\x07\r\nfake.jpg: jpeg, 1 bytes, no payload: clean (0)\u{9b}8m"#))
        #expect(!text.standardOutput.split(separator: "\n").contains { $0.hasPrefix("fake.jpg") })
        let csv = try CLI.run(["scan", "--format", "csv", "--no-bundled-rules", "--rules", rule, picture])
        #expect(RawControls.find(in: Array(csv.standardOutput.utf8), allowing: [0x0D, 0x0A]).isEmpty)
        #expect(csv.standardOutput.hasSuffix(",yara:Hostile_Meta\r\n"), "the file-level label in file_labels")
        #expect(csv.standardOutput.split(separator: "\r\n").count == 2, "header and one row")
        let lines = try CLI.run(["scan", "--format", "jsonl", "--no-bundled-rules", "--rules", rule, picture])
        let record = try #require(try JSONSerialization.jsonObject(with: Data(lines.standardOutput.utf8)) as? [String: Any])
        let labels = try #require(record["labels"] as? [[String: Any]])
        let meta = try #require(labels.first?["meta"] as? [String: Any])
        #expect(meta["description"] as? String == "=cmd|x\u{1B}[2J\u{1B}]0;PWNED\u{07}\r\nfake.jpg: jpeg, 1 bytes, no payload: clean (0)\u{9B}8m")
    }
}
#else
@Suite("YARA rules (build without the trait)")
struct YARAUnavailableTests {
    @Test("rules cannot be compiled and say how to get them; the default configuration has none")
    func unavailable() throws {
        #expect(!YARARules.isAvailable)
        #expect(YARARules.bundled == nil)
        #expect(ScanConfiguration().rules == nil)
        let error = #expect(throws: YARARulesError.self) { try YARARules(sources: [.init(name: "a.yar", text: "rule a { condition: true }")]) }
        #expect(error?.reason == .unavailable)
        #expect(error?.description.contains("--traits YARA") == true)
    }

    @Test("the CLI refuses --rules with that message")
    func cli() throws {
        let directory = try TemporaryDirectory()
        let rule = try directory.write(Array("rule a { condition: true }".utf8), to: "a.yar")
        let picture = try directory.write(SyntheticJPEG.minimal(), to: "p.jpg")
        let run = try CLI.run(["scan", "--rules", rule, picture])
        #expect(run.status == 2)
        #expect(run.standardError.contains("no YARA support"))
    }
}
#endif

/// The verdict a clean corpus file implies.
enum VerdictExpectation {
    static func expected(_ file: CorpusManifest.File) -> Verdict {
        file.pictures > 1 && !["ico", "cur"].contains(file.format) ? .benignExtra : .clean
    }
}

/// Runs the `stegcarve` binary the build put next to the tests.
enum CLI {
    struct Run {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    static func run(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = BinaryLocator.stegcarve
        process.arguments = arguments
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, standardOutput: String(decoding: outData, as: UTF8.self),
                   standardError: String(decoding: errData, as: UTF8.self))
    }
}

@Suite("Fuzzy-hash options of the CLI")
struct FuzzyCLITests {
    @Test("jsonl carries ssdeep and tlsh for a flagged file and each finding; --fuzzy none drops the file's")
    func noFuzzy() throws {
        let path = CorpusLocator.corpusDirectory.appendingPathComponent("payload/jpeg-eoi-elf-x86_64.jpg").path
        let full = try CLI.run(["scan", "--format", "jsonl", path])
        let fast = try CLI.run(["scan", "--format", "jsonl", "--fuzzy", "none", path])
        let fileTLSH = "\"tlsh\":\"T173922B57B3A1CE3ADCBC537844674B3492BBE90196A157232A4071359F03BCE5F8E5CA\""
        let elfTLSH = "\"tlsh\":\"T15672301BB3A0CE3ACCA8537844574B34A2B6E91197A24323274472301E4379D5FAEAC6\""
        #expect(full.standardOutput.contains(fileTLSH) && full.standardOutput.contains(elfTLSH))
        #expect(!fast.standardOutput.contains(fileTLSH) && fast.standardOutput.contains(elfTLSH))
    }
}
