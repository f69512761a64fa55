import Foundation
import Testing
import TestSupport

/// `scan --format stix` and `--format csv` read back by independent parsers.
@Suite("stegcarve report formats")
struct ReportFormatTests {
    struct Run {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    static func run(_ executable: URL, _ arguments: [String], environment: [String: String]? = nil) throws -> Run {
        let (status, outData, errorData) = try capture(executable, arguments, environment: environment)
        return Run(status: status, standardOutput: String(decoding: outData, as: UTF8.self), standardError: String(decoding: errorData, as: UTF8.self))
    }

    /// Runs `executable` (in `directory`, when given); its exit status and the exact bytes of
    /// its standard output and error.
    static func capture(_ executable: URL, _ arguments: [String], environment: [String: String]? = nil, in directory: String? = nil) throws -> (status: Int32, output: Data, error: Data) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        if let environment { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        let output = Pipe()
        // Standard error goes to a file, so neither stream can fill a pipe while the other is read.
        let errorPath = NSTemporaryDirectory() + "stegcarve-stderr-" + UUID().uuidString
        guard FileManager.default.createFile(atPath: errorPath, contents: nil), let errorHandle = FileHandle(forWritingAtPath: errorPath) else {
            throw CocoaError(.fileWriteUnknown)
        }
        defer { try? FileManager.default.removeItem(atPath: errorPath) }
        process.standardOutput = output
        process.standardError = errorHandle
        try process.run()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try errorHandle.close()
        return (process.terminationStatus, outData, FileManager.default.contents(atPath: errorPath) ?? Data())
    }

    private func corpus(_ path: String) -> String {
        CorpusLocator.corpusDirectory.appendingPathComponent(path).path
    }

    /// `python3` from PATH when it can import PyPI's stix2-validator.
    static let stixValidator: URL? = {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent("python3")
            guard FileManager.default.isExecutableFile(atPath: candidate.path) else { continue }
            let probe = try? run(candidate, ["-c", "import stix2validator"])
            return probe?.status == 0 ? candidate : nil
        }
        return nil
    }()

    /// `python3` from PATH when it can import the OASIS `stix2` library.
    static let stixLibrary: URL? = {
        guard let python = stixValidator ?? pythonOnPath(), (try? run(python, ["-c", "import stix2"]))?.status == 0 else { return nil }
        return python
    }()

    static func pythonOnPath() -> URL? {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map {
            URL(fileURLWithPath: String($0)).appendingPathComponent("python3")
        }.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// Recomputes every file and directory identifier with the OASIS library and prints mismatches.
    static let identifierCheck = """
        import json, sys, stix2
        bundle = json.load(open(sys.argv[1]))
        checked = mismatches = 0
        for o in bundle["objects"]:
            if o["type"] not in ("file", "directory"):
                continue
            keys = ("hashes", "name", "parent_directory_ref", "size") if o["type"] == "file" else ("path",)
            made = (stix2.File if o["type"] == "file" else stix2.Directory)(**{k: o[k] for k in keys if k in o})
            checked += 1
            if made.id != o["id"]:
                mismatches += 1
                print("mismatch", o["id"], made.id)
        print("checked", checked)
        sys.exit(1 if mismatches or checked == 0 else 0)
        """

    /// Runs the validator's command-line entry point (what its `stix2_validator` script runs).
    static let validatorScript = "import sys; from stix2validator.scripts.stix2_validator import main; sys.argv[0] = 'stix2_validator'; sys.exit(main())"

    @Test("stix: one bundle for a whole sweep, every object conforming, one scanned file object per input")
    func stixSweep() throws {
        let result = try Self.run(BinaryLocator.stegcarve, ["scan", "--format", "stix", "--jobs", "2", "--pixels", "always", corpus("payload"), corpus("clean"), "/nonexistent/x.jpg"])
        #expect(result.status == 1, "flagged files win over the error: \(result.standardError.suffix(4000))")
        let bundle = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let violations = STIXConformance.violations(in: bundle)
        #expect(violations.isEmpty, "\(violations.prefix(20).joined(separator: "\n"))")
        let objects = try #require(bundle["objects"] as? [[String: Any]])
        let manifest = try CorpusManifest.load()
        let inputs = manifest.files.filter { $0.path.hasPrefix("payload/") || $0.path.hasPrefix("clean/") }
        let scanned = objects.filter { $0["type"] as? String == "file" && $0["x_stegcarve_verdict"] != nil }
        // Files with identical bytes and name would share one object; corpus names are unique.
        #expect(scanned.count == inputs.count)
        for entry in inputs {
            let name = URL(fileURLWithPath: entry.path).lastPathComponent
            let object = try #require(scanned.first { $0["name"] as? String == name })
            #expect((object["hashes"] as? [String: String])?["SHA-256"] == entry.sha256)
            #expect((object["hashes"] as? [String: String])?.keys.sorted() == ["MD5", "SHA-1", "SHA-256"])
            let verdict = try #require(object["x_stegcarve_verdict"] as? String)
            if entry.path.hasPrefix("payload/") {
                #expect(["suspicious", "malicious"].contains(verdict), "\(entry.path)")
            } else {
                #expect(["clean", "benign-extra"].contains(verdict), "\(entry.path)")
            }
        }
        #expect(objects.contains { $0["type"] as? String == "file" && $0["x_stegcarve_error"] != nil })
    }

    @Test("stix: PyPI's stix2-validator accepts the bundle (runs when python3 has it)", .enabled(if: stixValidator != nil))
    func stixValidatorAccepts() throws {
        let validator = try #require(Self.stixValidator)
        let temporary = try TemporaryDirectory()
        let result = try Self.run(BinaryLocator.stegcarve, ["scan", "--format", "stix", corpus("payload"), corpus("lookalike")])
        let path = try temporary.write(Array(result.standardOutput.utf8), to: "bundle.json")
        let validation = try Self.run(validator, ["-c", Self.validatorScript, path])
        #expect(validation.status == 0, "\(validation.standardOutput.split(separator: "\n").filter { $0.contains("[X]") }.prefix(20).joined(separator: "\n"))")
        #expect(!validation.standardOutput.contains("[X]"))
    }

    @Test("stix: file and directory identifiers equal the OASIS stix2 library's (runs when python3 has it)", .enabled(if: stixLibrary != nil))
    func stixIdentifiersMatchLibrary() throws {
        let python = try #require(Self.stixLibrary)
        let temporary = try TemporaryDirectory()
        let result = try Self.run(BinaryLocator.stegcarve, ["scan", "--format", "stix", corpus("payload"), corpus("clean")])
        let path = try temporary.write(Array(result.standardOutput.utf8), to: "bundle.json")
        let check = try Self.run(python, ["-c", Self.identifierCheck, path])
        #expect(check.status == 0, "\(check.standardOutput.prefix(2000))\(check.standardError.suffix(2000))")
        #expect(check.standardOutput.contains("checked "))
    }

    @Test("report: exit status follows the verdicts; an existing page is kept unless --force; a symbolic link is never written through")
    func reportOutputSafety() throws {
        let temporary = try TemporaryDirectory()
        let page = temporary.path + "/report.html"
        let clean = try Self.run(BinaryLocator.stegcarve, ["report", "-o", page, corpus("clean/png-rgb.png")])
        #expect(clean.status == 0)
        let first = try #require(FileManager.default.contents(atPath: page))
        #expect(String(decoding: first, as: UTF8.self).hasPrefix("<!DOCTYPE html>"))
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: page)[.posixPermissions] as? Int)
        #expect(mode == 0o644)

        let again = try Self.run(BinaryLocator.stegcarve, ["report", "-o", page, corpus("payload/jpeg-eoi-elf-x86_64.jpg")])
        #expect(again.status == 2)
        #expect(again.standardError.contains("--force"))
        #expect(FileManager.default.contents(atPath: page) == first)

        let forced = try Self.run(BinaryLocator.stegcarve, ["report", "--force", "-o", page, corpus("payload/jpeg-eoi-elf-x86_64.jpg")])
        #expect(forced.status == 1)
        #expect(String(decoding: FileManager.default.contents(atPath: page) ?? Data(), as: UTF8.self).contains("jpeg-eoi-elf-x86_64.jpg"))

        let victim = try temporary.write(Array("keep me".utf8), to: "victim.txt")
        try FileManager.default.createSymbolicLink(atPath: temporary.path + "/link.html", withDestinationPath: victim)
        for arguments in [["report", "-o", temporary.path + "/link.html"], ["report", "--force", "-o", temporary.path + "/link.html"]] {
            let result = try Self.run(BinaryLocator.stegcarve, arguments + [corpus("clean/png-rgb.png")])
            #expect(result.status == 2)
        }
        #expect(FileManager.default.contents(atPath: victim) == Data("keep me".utf8))

        let unreadable = try Self.run(BinaryLocator.stegcarve, ["report", "-o", temporary.path + "/errors.html", "/nonexistent/x.jpg", corpus("clean/png-rgb.png")])
        #expect(unreadable.status == 2)
        #expect(String(decoding: FileManager.default.contents(atPath: temporary.path + "/errors.html") ?? Data(), as: UTF8.self).contains("data-unreadable"))
        // Nothing but the pages, the link and the victim: no temporary files left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path).sorted() == ["errors.html", "link.html", "report.html", "victim.txt"])
    }

    @Test("csv: parsed back with an RFC 4180 parser, names with commas and quotes survive, line breaks shown as \\n")
    func csvParsedBack() throws {
        let temporary = try TemporaryDirectory()
        let bytes = try CorpusLocator.bytes("payload/png-iend-base64-xor-elf.png")
        let awkward = try temporary.write(bytes, to: "a,\"b\"\nc.png")
        let result = try Self.run(BinaryLocator.stegcarve, ["scan", "--format", "csv", "--ordered", awkward, corpus("clean/png-rgb.png")])
        #expect(result.status == 1)
        let rows = try #require(CSV.parse(result.standardOutput))
        #expect(rows.first == ["path", "file_sha256", "format", "verdict", "score", "finding", "type", "offset", "length", "region", "via", "sha256", "md5", "sha1", "truncated", "labels", "machine", "error", "reasons", "file_labels"])
        #expect(rows.count == 5)
        #expect(rows.allSatisfy { $0.count == 20 })
        // A line break in a name would end the record for line-based tools: it is escaped.
        #expect(rows[1...3].allSatisfy { $0[0] == awkward.replacingOccurrences(of: "\n", with: "\\n") })
        #expect(rows[1...3].allSatisfy { !$0[18].isEmpty && $0[18] == rows[1][18] }, "the file's reasons on each of its rows")
        #expect(rows[1...3].map { $0[5] } == ["1", "1.1", "1.1.1"])
        #expect(rows[3][6] == "elf")
        #expect(rows[3][11] == "4ff456c57480106f34db11861121c025eadfb7895d85f23b0cad7307e36077ba")
        #expect(rows[3][12].count == 32)
        #expect(rows[4][0] == corpus("clean/png-rgb.png"))
        #expect(rows[4][5..<18].allSatisfy { $0.isEmpty })
    }
}

/// A strict RFC 4180 reader: CRLF records, quoted fields with doubled quotes; `nil` on any
/// violation (a quote inside an unquoted field, text after a closing quote, a missing CRLF).
enum CSV {
    static func parse(_ text: String) -> [[String]]? {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var characters = Array(text.unicodeScalars)[...]
        var quoted = false
        var fieldStarted = false
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" {
                        characters.removeFirst()
                        field.unicodeScalars.append("\"")
                    } else {
                        quoted = false
                        guard characters.first == "," || characters.first == "\r" else { return nil }
                    }
                } else {
                    field.unicodeScalars.append(character)
                }
                continue
            }
            switch character {
            case "\"":
                guard !fieldStarted, field.isEmpty else { return nil }
                quoted = true
                fieldStarted = true
            case ",":
                row.append(field)
                field = ""
                fieldStarted = false
            case "\r":
                guard characters.popFirst() == "\n" else { return nil }
                row.append(field)
                rows.append(row)
                row = []
                field = ""
                fieldStarted = false
            case "\n":
                return nil
            default:
                field.unicodeScalars.append(character)
                fieldStarted = true
            }
        }
        guard !quoted, row.isEmpty, field.isEmpty else { return nil }
        return rows
    }
}
