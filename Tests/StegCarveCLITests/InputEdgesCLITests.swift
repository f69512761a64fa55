import Foundation
import Testing
import TestSupport

/// The edges a new user meets first (issue 12): standard input, pipes and FIFOs are read;
/// inputs that are not scanned get a record each; an error never hides a detection; formats
/// and help say what they do. Each case runs the built binary through bash, as a user would.
@Suite("stegcarve at the edges: streams, skipped inputs, exit status, formats")
struct InputEdgesCLITests {
    static let sample = "payload/jpeg-eoi-elf-x86_64.jpg"

    private func corpus(_ path: String) -> String {
        CorpusLocator.corpusDirectory.appendingPathComponent(path).path
    }

    /// Runs `script` under bash with `$SC` the binary, `$F` the sample and `$T` a fresh directory.
    private func shell(_ script: String, in temporary: TemporaryDirectory) throws -> ReportFormatTests.Run {
        try ReportFormatTests.run(URL(fileURLWithPath: "/bin/bash"), ["-c", script], environment: [
            "SC": BinaryLocator.stegcarve.path, "F": corpus(Self.sample), "T": temporary.path,
        ])
    }

    private func records(_ output: String) throws -> [[String: Any]] {
        try output.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
        }
    }

    private func findingKeys(_ record: [String: Any]) -> [String] {
        ((record["findings"] as? [[String: Any]]) ?? []).map { "\($0["type"] ?? "")@\($0["offset"] ?? "")+\($0["length"] ?? ""):\($0["sha256"] ?? "")" }
    }

    static let streamForms: [(script: String, path: String?, source: String)] = [
        (#"cat "$F" | "$SC" scan --format jsonl -"#, "-", "stdin"),
        (#"cat "$F" | "$SC" scan --format jsonl /dev/stdin"#, "/dev/stdin", "stream"),
        (#""$SC" scan --format jsonl <(cat "$F")"#, nil, "stream"),
        (#"mkfifo "$T/fifo"; cat "$F" > "$T/fifo" & "$SC" scan --format jsonl "$T/fifo"; status=$?; wait; exit $status"#, nil, "stream"),
    ]

    @Test("standard input, /dev/stdin, <(...) and a named FIFO are read and report the file's findings; exit 1", arguments: 0..<4)
    func streams(form: Int) throws {
        let temporary = try TemporaryDirectory()
        let direct = try records(try ReportFormatTests.run(BinaryLocator.stegcarve, ["scan", "--format", "jsonl", corpus(Self.sample)]).standardOutput)
        let (script, path, source) = Self.streamForms[form]
        let result = try shell(script, in: temporary)
        #expect(result.status == 1, "\(result.standardError)")
        let lines = try records(result.standardOutput)
        try #require(lines.count == 1, "\(result.standardOutput)")
        let record = lines[0]
        #expect(record["source"] as? String == source)
        if let path { #expect(record["path"] as? String == path) }
        #expect(record["sha256"] as? String == direct.first?["sha256"] as? String)
        #expect(record["verdict"] as? String == "malicious")
        #expect(!findingKeys(record).isEmpty)
        #expect(findingKeys(record) == findingKeys(try #require(direct.first)), "same offset, length and SHA-256 as scanning the file")
    }

    @Test("text names standard input <stdin>; report reads it and writes the page to standard output with -o - and -o /dev/stdout")
    func standardInputInTextAndReport() throws {
        let temporary = try TemporaryDirectory()
        let text = try shell(#""$SC" scan - < "$F""#, in: temporary)
        #expect(text.status == 1)
        #expect(text.standardOutput.hasPrefix("<stdin>: jpeg, 21203 bytes"), "\(text.standardOutput.prefix(200))")
        for output in ["-", "/dev/stdout"] {
            let page = try shell(#"cat "$F" | "$SC" report - -o "# + output, in: temporary)
            #expect(page.status == 1, "\(page.standardError)")
            #expect(page.standardOutput.hasPrefix("<!DOCTYPE html>"))
            #expect(page.standardOutput.contains("&lt;stdin&gt;"))
            #expect(page.standardOutput.contains("5a45c335a607c82a4e17df813fe763a530485c408d84dfcc937411710e91bba9"), "the ELF's SHA-256")
            #expect(page.standardOutput.contains("data:image/png;base64,"), "a thumbnail from the bytes read")
            #expect(page.standardOutput.hasSuffix("</html>\n"))
        }
        #expect(!FileManager.default.fileExists(atPath: temporary.path + "/-"))
        let full = try shell(#""$SC" report "$F" -o - > /dev/full"#, in: temporary)
        #expect(full.status == 2)
        #expect(full.standardError.contains("cannot write the report: No space left on device"), "\(full.standardError)")
    }

    /// A device, a socket, a named file over --max-size, a stream over it, a path that
    /// cannot be opened even by root (a symbolic link loop: ELOOP) and a directory loop.
    private func refusedInputs(_ format: String, in temporary: TemporaryDirectory) throws -> ReportFormatTests.Run {
        try shell(#"""
            cp "$F" "$T/big.jpg"
            python3 -c 'import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$T/sock"
            ln -s loop-b "$T/loop-a"; ln -s loop-a "$T/loop-b"
            mkdir "$T/tree"; ln -s . "$T/tree/self"
            head -c 5000 /dev/zero | "$SC" scan --format \#(format) --max-size 4K --follow-symlinks - /dev/null "$T/sock" "$T/big.jpg" "$T/loop-a" "$T/tree"
            """#, in: temporary)
    }

    @Test("inputs that are not scanned each get a record with the reason, and the exit status is 2")
    func refusedInputsGetRecords() throws {
        let temporary = try TemporaryDirectory()
        let result = try refusedInputs("jsonl", in: temporary)
        #expect(result.status == 2, "\(result.standardError)")
        let lines = try records(result.standardOutput)
        func record(_ path: String) -> [String: Any]? { lines.first { $0["path"] as? String == path } }
        func reason(_ path: String) -> String? { (record(path)?["skipped"] as? [String: Any])?["reason"] as? String }
        #expect(reason("-") == "too-large")
        #expect(reason("/dev/null") == "device")
        #expect(reason(temporary.path + "/sock") == "socket")
        #expect(reason(temporary.path + "/big.jpg") == "too-large")
        #expect(((record(temporary.path + "/big.jpg")?["skipped"] as? [String: Any])?["detail"] as? String)?.contains("over --max-size 4096") == true)
        #expect((record(temporary.path + "/loop-a")?["error"] as? String)?.contains("Too many levels of symbolic links") == true)
        #expect(reason(temporary.path + "/tree/self") == "directory-loop")
        #expect(lines.count == 6, "\(result.standardOutput)")
        #expect(lines.allSatisfy { $0["sha256"] == nil }, "nothing was scanned")

        let text = try refusedInputs("text", in: temporary)
        #expect(text.status == 2)
        #expect(text.standardOutput.contains("/dev/null: skipped (device): character device, not read"))
        #expect(text.standardOutput.contains("<stdin>: skipped (too-large)"))
        let csv = try refusedInputs("csv", in: temporary)
        #expect(csv.status == 2)
        #expect(csv.standardOutput.contains("/dev/null,,,skipped,"))
    }

    @Test("a detection is never hidden by an error: flagged + missing exits 1 (scan and report), clean + missing exits 2")
    func exitStatusPrecedence() throws {
        let flagged = try ReportFormatTests.run(BinaryLocator.stegcarve, ["scan", corpus(Self.sample), "/nonexistent/missing.jpg"])
        #expect(flagged.status == 1)
        #expect(flagged.standardOutput.contains("malicious (95)"))
        #expect(flagged.standardOutput.contains("/nonexistent/missing.jpg: error: stat: No such file or directory"))
        let clean = try ReportFormatTests.run(BinaryLocator.stegcarve, ["scan", corpus("clean/png-rgb.png"), "/nonexistent/missing.jpg"])
        #expect(clean.status == 2)
        let page = try ReportFormatTests.run(BinaryLocator.stegcarve, ["report", "-o", "-", corpus(Self.sample), "/nonexistent/missing.jpg"])
        #expect(page.status == 1)
        #expect(page.standardOutput.contains("/nonexistent/missing.jpg"))
    }

    @Test("formats are honest: watch refuses stix, scan refuses an unknown format (usage error 64)")
    func usageErrors() throws {
        let temporary = try TemporaryDirectory()
        let watch = try ReportFormatTests.run(BinaryLocator.stegcarve, ["watch", "--format", "stix", temporary.path])
        #expect(watch.status == 64)
        #expect(watch.standardError.contains("stix"))
        let scan = try ReportFormatTests.run(BinaryLocator.stegcarve, ["scan", "--format", "xml", corpus(Self.sample)])
        #expect(scan.status == 64)
        let both = try ReportFormatTests.run(BinaryLocator.stegcarve, ["scan", "--files-from", "-", "-"])
        #expect(both.status == 64)
    }

    @Test("--only-flagged prints only suspicious and malicious files in every format; the summary counts all", arguments: ["text", "jsonl", "csv", "stix"])
    func onlyFlagged(format: String) throws {
        let clean = corpus("clean/png-rgb.png")
        let result = try ReportFormatTests.run(BinaryLocator.stegcarve, [
            "scan", "--only-flagged", "--format", format, "--progress", "always", corpus(Self.sample), clean,
        ])
        #expect(result.status == 1)
        #expect(result.standardOutput.contains("jpeg-eoi-elf-x86_64.jpg"))
        #expect(!result.standardOutput.contains("png-rgb.png"), "\(result.standardOutput.prefix(400))")
        #expect(result.standardError.contains("2 files"), "\(result.standardError)")
        if format == "stix" {
            let bundle = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
            #expect(bundle["type"] as? String == "bundle")
        }
    }

    @Test("report --only-flagged: sections for flagged files only, every file in the summary table")
    func reportOnlyFlagged() throws {
        let page = try ReportFormatTests.run(BinaryLocator.stegcarve, ["report", "--only-flagged", "-o", "-", corpus(Self.sample), corpus("clean/png-rgb.png")])
        #expect(page.status == 1)
        #expect(page.standardOutput.components(separatedBy: #"<section class="file"#).count - 1 == 1)
        #expect(page.standardOutput.contains(##"<a href="#file-1">"##))
        #expect(page.standardOutput.contains("<tr><td>" + corpus("clean/png-rgb.png") + "</td>"), "listed, not linked")
    }

    @Test("the completion script and the help know the new options")
    func completionScript() throws {
        let script = try ReportFormatTests.run(BinaryLocator.stegcarve, ["--generate-completion-script", "bash"])
        #expect(script.status == 0)
        #expect(script.standardOutput.contains("--only-flagged"))
    }

    /// The bundled YARA rules run on every file in the YARA build (`swift test --traits YARA`).
    #if YARA
    static let ruleStages = ["yara"]
    #else
    static let ruleStages: [String] = []
    #endif

    @Test("each record lists its stages: a named file is decoded and analysed, the same file walked is not")
    func stages() throws {
        let temporary = try TemporaryDirectory()
        try temporary.write(try CorpusLocator.bytes(Self.sample), to: "walked.jpg")
        let named = try records(try ReportFormatTests.run(BinaryLocator.stegcarve, ["scan", "--format", "jsonl", temporary.path + "/walked.jpg"]).standardOutput)
        let walked = try records(try ReportFormatTests.run(BinaryLocator.stegcarve, ["scan", "--format", "jsonl", temporary.path]).standardOutput)
        #expect(named.first?["stages"] as? [String] == ["structure", "decode", "carve", "stego"] + Self.ruleStages)
        #expect(walked.first?["stages"] as? [String] == ["structure", "carve"] + Self.ruleStages)
        let text = try ReportFormatTests.run(BinaryLocator.stegcarve, ["scan", temporary.path])
        #expect(text.standardOutput.contains("\n  stages: " + (["structure", "carve"] + Self.ruleStages).joined(separator: ", ") + "\n"))
        let page = try ReportFormatTests.run(BinaryLocator.stegcarve, ["report", "-o", "-", temporary.path])
        #expect(page.standardOutput.contains("stages: structure, decode, carve, stego"), "report analyses every file")
    }

    @Test("report takes scan's selection options: --include, --max-size (a named file over it is a record), --files-from")
    func reportSelection() throws {
        let temporary = try TemporaryDirectory()
        let page = try ReportFormatTests.run(BinaryLocator.stegcarve, ["report", "-o", "-", "--include", "*.png", corpus("clean")])
        #expect(page.status == 0, "\(page.standardError)")
        let sections = page.standardOutput.components(separatedBy: #"<section class="file"#).count - 1
        let pngs = try FileManager.default.contentsOfDirectory(atPath: corpus("clean")).filter { $0.hasSuffix(".png") }.count
        #expect(sections == pngs)
        #expect(!page.standardOutput.contains(".jpg</span>"))
        let big = try ReportFormatTests.run(BinaryLocator.stegcarve, ["report", "-o", "-", "--max-size", "1K", corpus(Self.sample)])
        #expect(big.status == 2)
        #expect(big.standardOutput.contains("skipped (too-large)"))
        let list = try temporary.write(Array((corpus(Self.sample) + "\n").utf8), to: "list.txt")
        let listed = try ReportFormatTests.run(BinaryLocator.stegcarve, ["report", "-o", "-", "--files-from", list])
        #expect(listed.status == 1)
        #expect(listed.standardOutput.contains("jpeg-eoi-elf-x86_64.jpg"))
    }

    @Test("every subcommand's help has examples; report's --pixels help describes report", arguments: ["scan", "report", "watch"])
    func helpExamples(command: String) throws {
        let help = try ReportFormatTests.run(BinaryLocator.stegcarve, [command, "--help"])
        #expect(help.status == 0)
        let examples = help.standardOutput.split(separator: "\n").filter { $0.trimmingCharacters(in: .whitespaces).hasPrefix("stegcarve \(command)") || $0.contains("| stegcarve \(command)") }
        #expect(help.standardOutput.contains("Examples:"))
        #expect((2...3).contains(examples.count), "\(examples)")
        let words = help.standardOutput.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if command != "watch" { #expect(words.contains("in report and watch, for every file")) }
    }
}
