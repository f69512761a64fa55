import Foundation
import StegCarvePlatform
import Testing
import TestSupport

/// Runs the built `stegcarve` binary as a user would.
@Suite("stegcarve CLI")
struct CLITests {
    struct Run {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    private func run(_ arguments: [String]) throws -> Run {
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
        return Run(status: process.terminationStatus, standardOutput: String(decoding: outData, as: UTF8.self), standardError: String(decoding: errData, as: UTF8.self))
    }

    private func corpus(_ path: String) -> String {
        CorpusLocator.corpusDirectory.appendingPathComponent(path).path
    }

    @Test("a JPEG with an appended ELF: offset, length, SHA-256, architecture, labels; exit 1")
    func textOutput() throws {
        let manifest = try CorpusManifest.load()
        let file = try #require(manifest.files.first { $0.path == "payload/jpeg-eoi-elf-aarch64.jpg" })
        let expected = try #require(file.findings.first)
        let result = try run(["scan", corpus(file.path)])
        #expect(result.status == 1)
        let text = result.standardOutput
        #expect(text.contains("ELF at offset \(expected.offset), \(expected.length) bytes, in overlay, AArch64"))
        #expect(text.contains("sha256 \(expected.sha256)"))
        #expect(text.contains("cryptominer: references"))
        #expect(!text.contains("\u{1B}["), "no colour when not a terminal")
    }

    @Test("clean files exit 0 and say no payload")
    func cleanExitStatus() throws {
        let result = try run(["scan", corpus("clean/jpeg-progressive.jpg"), corpus("clean/png-palette-trns.png")])
        #expect(result.status == 0)
        #expect(result.standardOutput.split(separator: "\n").filter { $0.hasSuffix("no payload: clean (0)") }.count == 2)
    }

    @Test("jsonl: one object per file with the documented fields; directories recurse")
    func jsonLines() throws {
        let result = try run(["scan", "--format", "jsonl", "--pixels", "always", corpus("payload")])
        #expect(result.status == 1)
        let lines = result.standardOutput.split(separator: "\n")
        let manifest = try CorpusManifest.load()
        let expected = manifest.files.filter { $0.path.hasPrefix("payload/") }
        #expect(lines.count == expected.count)
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object["schemaVersion"] as? Int == 1)
            let path = try #require(object["path"] as? String)
            let entry = try #require(expected.first { path.hasSuffix("/" + $0.path) })
            #expect(object["sha256"] as? String == entry.sha256)
            #expect(object["format"] as? String == entry.format)
            let findings = try #require(object["findings"] as? [[String: Any]])
            #expect(findings.map { $0["offset"] as? Int } == entry.findings.map(\.offset))
            #expect(findings.map { $0["sha256"] as? String } == entry.findings.map(\.sha256))
        }
    }

    /// Findings that only pixel-level analysis reaches: inflated IDAT, decoded pixels, bytes
    /// after the IDAT zlib stream.
    private static func needsPixels(_ finding: CorpusManifest.ExpectedFinding) -> Bool {
        finding.via.map { $0.hasPrefix("inflate:IDAT") || $0.hasPrefix("decode:") } == true || finding.region == "idat-trailing"
    }

    @Test("--pixels auto: a directory sweep is structural (no decode, no stego); a file named on the command line gets both")
    func pixelsAuto() throws {
        let manifest = try CorpusManifest.load()
        let expected = manifest.files.filter { $0.path.hasPrefix("payload/png-") }
        let swept = try run(["scan", "--format", "jsonl", corpus("payload")])
        var skipped = 0
        for line in swept.standardOutput.split(separator: "\n") {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let path = try #require(object["path"] as? String)
            #expect(object["decode"] == nil || object["decode"] is NSNull, "\(path)")
            #expect(object["stego"] == nil || object["stego"] is NSNull, "\(path)")
            guard let entry = expected.first(where: { path.hasSuffix("/" + $0.path) }) else { continue }
            let findings = try #require(object["findings"] as? [[String: Any]])
            // A plain payload after the IDAT zlib stream is still found in the IDAT chunk's data.
            let found = Set(findings.compactMap { $0["sha256"] as? String })
            #expect(found.isSuperset(of: entry.findings.filter { !Self.needsPixels($0) }.map(\.sha256)), "\(path)")
            #expect(found.isSubset(of: entry.findings.map(\.sha256)), "\(path)")
            skipped += entry.findings.count - found.count
        }
        #expect(skipped >= 3, "the corpus has pixel-level payloads a sweep leaves to --pixels always")

        let named = try #require(manifest.files.first { $0.path == "payload/png-scanlines-elf.png" })
        for arguments in [[corpus(named.path)], ["--pixels", "always", corpus("payload")], ["--stego", "default", corpus("payload")]] {
            let result = try run(["scan", "--format", "jsonl"] + arguments)
            let line = try #require(result.standardOutput.split(separator: "\n").first { $0.contains(named.path) })
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object["decode"] is [String: Any], "\(arguments)")
            let findings = try #require(object["findings"] as? [[String: Any]])
            #expect(findings.map { $0["sha256"] as? String } == named.findings.map(\.sha256), "\(arguments)")
        }
        let never = try run(["scan", "--format", "jsonl", "--pixels", "never", corpus(named.path)])
        #expect(never.standardOutput.contains("\"decode\":null") || !never.standardOutput.contains("\"decode\""))
        let contradiction = try run(["scan", "--no-decode", "--pixels", "always", corpus(named.path)])
        #expect(contradiction.status == 64)
    }

    @Test("--extract writes exactly the carved bytes, without execute bits")
    func extract() throws {
        let temporary = try TemporaryDirectory()
        let output = temporary.path + "/artifacts"
        let manifest = try CorpusManifest.load()
        let file = try #require(manifest.files.first { $0.path == "payload/png-iend-two-minelves.png" })
        let result = try run(["scan", "--extract", output, corpus(file.path)])
        #expect(result.status == 1)
        let source = try CorpusLocator.bytes(file.path)
        for finding in file.findings {
            let path = output + "/\(finding.sha256).elf"
            let data = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            #expect(data == Array(source[finding.offset..<(finding.offset + finding.length)]))
            let mode = try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
            #expect(mode & 0o111 == 0)
        }
    }

    @Test("an unreadable path is reported, the rest is still scanned; the malicious file makes the exit status 1")
    func errorsContinue() throws {
        let result = try run(["scan", "--format", "jsonl", "/nonexistent/x.jpg", corpus("payload/jpeg-eoi-elf-x86_64.jpg")])
        #expect(result.status == 1)
        let lines = result.standardOutput.split(separator: "\n")
        #expect(lines.count == 2)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(first["path"] as? String == "/nonexistent/x.jpg")
        #expect((first["error"] as? String)?.contains("No such file") == true)
        #expect(lines[1].contains("\"type\":\"elf\""))
    }

    @Test("parallel sweeps: --ordered keeps input order, any job count gives the same reports, progress summarises")
    func parallelSweep() throws {
        let ordered = try run(["scan", "--format", "jsonl", "--ordered", "--jobs", "4", "--progress", "always", corpus("payload"), corpus("clean")])
        let paths = ordered.standardOutput.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["path"] as? String
        }
        let manifest = try CorpusManifest.load()
        let expected = manifest.files.map(\.path).filter { $0.hasPrefix("payload/") }.sorted() + manifest.files.map(\.path).filter { $0.hasPrefix("clean/") }.sorted()
        #expect(paths.map { path in expected.first { path.hasSuffix("/" + $0) } ?? path } == expected)
        #expect(ordered.standardError.contains("\(expected.count) files"))
        #expect(ordered.standardError.contains("errors"))
        let serial = try run(["scan", "--format", "jsonl", "--jobs", "1", corpus("payload"), corpus("clean")])
        #expect(Set(serial.standardOutput.split(separator: "\n")) == Set(ordered.standardOutput.split(separator: "\n")))
        #expect(serial.standardError.isEmpty, "no progress when stderr is not a terminal")
    }

    @Test("file names that are not UTF-8 or hold a newline are scanned and reported losslessly")
    func awkwardNames() throws {
        let temporary = try TemporaryDirectory()
        let payload = try CorpusLocator.bytes("payload/jpeg-eoi-elf-x86_64.jpg")
        let rawName: [UInt8] = [0x62, 0x61, 0x64, 0xFF, 0xFE, 0x2E, 0x6A, 0x70, 0x67]  // "bad\xff\xfe.jpg"
        let full = Array(temporary.path.utf8) + [0x2F] + rawName
        let cString = full.map { CChar(bitPattern: $0) } + [0]
        let descriptor = unsafe open(cString, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        #expect(descriptor >= 0)
        #expect(unsafe write(descriptor, payload, payload.count) == payload.count)
        close(descriptor)
        try temporary.write(payload, to: "line\nbreak.jpg")

        let result = try run(["scan", "--format", "jsonl", "--ordered", temporary.path])
        #expect(result.status == 1)
        let objects = try result.standardOutput.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        #expect(objects.count == 2)
        let encoded = try #require(objects.compactMap { $0["pathBase64"] as? String }.first)
        #expect(Data(base64Encoded: encoded).map([UInt8].init) == full)
        #expect(objects.contains { ($0["path"] as? String) == temporary.path + "/line\nbreak.jpg" && $0["pathBase64"] == nil })
        #expect(objects.allSatisfy { ($0["findings"] as? [Any])?.count == 1 })
    }

    @Test("csv: a header, one row per finding (nested numbered), parseable, stable columns")
    func csvOutput() throws {
        let result = try run(["scan", "--format", "csv", "--ordered", corpus("payload/png-iend-base64-xor-elf.png"), corpus("clean/png-rgb.png")])
        #expect(result.status == 1)
        let rows = try #require(CSV.parse(result.standardOutput))
        #expect(rows.first == ["path", "file_sha256", "format", "verdict", "score", "finding", "type", "offset", "length", "region", "via", "sha256", "md5", "sha1", "truncated", "labels", "machine", "error", "reasons", "file_labels"])
        #expect(rows.dropFirst().allSatisfy { $0.count == 20 })
        #expect(rows.dropFirst().map { $0[5] } == ["1", "1.1", "1.1.1", ""])
        #expect(rows.dropFirst().map { $0[6] } == ["base64", "xor", "elf", ""])
        #expect(rows[3][10] == "xor:33")
        #expect(rows[3][3] == "malicious")
        #expect(rows[4][3] == "clean")
    }

    @Test("--known-bad flags a listed artifact")
    func knownBadOption() throws {
        let temporary = try TemporaryDirectory()
        let manifest = try CorpusManifest.load()
        let file = try #require(manifest.files.first { $0.path == "payload/jpeg-eoi-elf-mips.jpg" })
        let list = try temporary.write(Array("\(file.findings[0].sha256),test-miner\n".utf8), to: "bad.txt")
        let result = try run(["scan", "--known-bad", list, corpus(file.path)])
        #expect(result.status == 1)
        #expect(result.standardOutput.contains("known-bad: listed as known-bad (test-miner)"))
    }

    @Test("usage errors are reported by validation")
    func usage() throws {
        let result = try run(["scan"])
        #expect(result.status != 0)
        #expect(result.standardError.contains("at least one file") || result.standardError.contains("Missing expected argument"))
    }
}
