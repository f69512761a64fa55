import Foundation
import StegCarvePlatform
import Testing
import TestSupport

/// Issue 12: names and payload strings that try to drive the terminal or forge lines, through
/// every output format and the progress line. No raw control byte may reach text, CSV or the
/// progress line; JSON and HTML carry them only in their own escaped forms.
@Suite("hostile output")
struct HostileOutputTests {
    /// Raw bytes of one run, so invalid UTF-8 in the output is seen as it is.
    struct Run {
        var status: Int32
        var standardOutput: [UInt8]
        var standardError: [UInt8]
    }

    /// Runs `stegcarve` in `directory` (relative names, so a name's first character is the
    /// field's first character in CSV).
    static func run(_ arguments: [String], in directory: String) throws -> Run {
        let (status, output, error) = try ReportFormatTests.capture(BinaryLocator.stegcarve, arguments, in: directory)
        return Run(status: status, standardOutput: Array(output), standardError: Array(error))
    }

    /// The hostile names (raw bytes: one is not UTF-8) and what each file holds.
    struct HostileTree {
        let directory: TemporaryDirectory
        /// Outside the tree (a walk of `.` must not see it): the known-bad list, the page.
        let outside: TemporaryDirectory
        /// The JPEG with the patched ELF, listed as known-bad under a hostile name.
        let payload: [UInt8]
        /// Relative names, as given on the command line.
        let names: [[UInt8]]
        /// The text form a terminal must show for the screen-clearing name.
        static let screenName = "a\u{1B}[2J\u{1B}]0;PWNED\u{07}b.jpg"
        static let forgedLine = "x.jpg\nfake.jpg: jpeg, 1 bytes, no payload: clean (0)\r\u{1B}[8m.jpg"
        static let known = "=HYPERLINK(\"http://203.0.113.9/\")\u{1B}[2J"

        init() throws {
            directory = try TemporaryDirectory()
            outside = try TemporaryDirectory()
            let clean = try CorpusLocator.bytes("clean/jpeg-baseline.jpg")
            // The payload's ELF names its interpreter and a needed library: both now hold escapes.
            var payload = try CorpusLocator.bytes("payload/jpeg-eoi-elf-x86_64.jpg")
            try Self.patch(&payload, "/lib64/ld-linux-x86-64.so.2", with: "/x\u{1B}[2J\u{1B}[8m\u{07}\r\nfake:ok")
            try Self.patch(&payload, "libc.so.6", with: "\u{1B}[2J\u{9B}8mx")
            var names: [[UInt8]] = []
            for (name, bytes) in [
                (Self.screenName, clean), (Self.forgedLine, clean), ("=cmd|' -C calc'!A0\u{9B}31m.jpg", clean),
                ("+1-\u{7F}.jpg", payload), ("@SUM(1)\t\u{202E}gpj.exe", clean), ("-tab\t.jpg", clean),
            ] {
                names.append(Array(name.utf8))
                try Self.create(directory.path, Array(name.utf8), bytes)
            }
            // Not UTF-8: ESC, a lone continuation byte and 0xFF in a name.
            let invalid: [UInt8] = Array("bad".utf8) + [0x1B, 0x80, 0xFF] + Array("\r.jpg".utf8)
            try Self.create(directory.path, invalid, payload)
            names.append(invalid)
            self.names = names
            self.payload = payload
            try outside.write(Array((SHA256Hex.of(payload) + "," + Self.known + "\n").utf8), to: "bad.csv")
        }

        static func patch(_ bytes: inout [UInt8], _ original: String, with replacement: String) throws {
            let from = Array(original.utf8)
            var to = Array(replacement.utf8)
            try #require(to.count <= from.count)
            to += [UInt8](repeating: 0x78, count: from.count - to.count)
            var found = false
            var index = 0
            while index + from.count <= bytes.count {
                if Array(bytes[index..<index + from.count]) == from {
                    bytes.replaceSubrange(index..<index + from.count, with: to)
                    found = true
                }
                index += 1
            }
            try #require(found, "the payload holds \(original)")
        }

        /// Creates a file whose name is raw bytes (Foundation takes only strings).
        static func create(_ directory: String, _ name: [UInt8], _ bytes: [UInt8]) throws {
            let path = Array(directory.utf8) + [0x2F] + name + [0]
            let descriptor = unsafe path.withUnsafeBufferPointer { buffer in
                unsafe buffer.withMemoryRebound(to: CChar.self) { unsafe open($0.baseAddress!, O_WRONLY | O_CREAT | O_EXCL, 0o600) }
            }
            try #require(descriptor >= 0)
            defer { _ = close(descriptor) }
            let written = unsafe bytes.withUnsafeBytes { unsafe Platform.write(descriptor, $0.baseAddress, $0.count) }
            try #require(written == bytes.count)
        }

        /// The names as command-line arguments (invalid UTF-8 cannot be one; its directory is).
        var arguments: [String] { ["--"] + names.compactMap { String(validating: $0, as: UTF8.self) } + ["."] }
    }

    @Test("text: no raw control, one line per file, the name and the ELF strings shown escaped")
    func text() throws {
        let tree = try HostileTree()
        let result = try Self.run(["scan", "--color", "never", "--ordered", "--known-bad", tree.outside.path + "/bad.csv"] + tree.arguments, in: tree.directory.path)
        #expect(result.status == 1)
        #expect(RawControls.find(in: result.standardOutput).isEmpty)
        #expect(RawControls.find(in: result.standardError).isEmpty)
        let text = String(decoding: result.standardOutput, as: UTF8.self)
        let summaries = text.split(separator: "\n").filter { !$0.hasPrefix(" ") }
        // The six named files, the directory's seven (the invalid name only there), no forged line.
        #expect(summaries.count == 13, "\(summaries)")
        #expect(!summaries.contains { $0.hasPrefix("fake.jpg") })
        #expect(text.contains(#"a\x1b[2J\x1b]0;PWNED\x07b.jpg: jpeg"#))
        #expect(text.contains(#"x.jpg\nfake.jpg: jpeg, 1 bytes, no payload: clean (0)\r\x1b[8m.jpg: jpeg"#))
        #expect(text.contains(#"bad\x1b\x80\xff\r.jpg: jpeg"#), "invalid UTF-8 shown byte by byte")
        #expect(text.contains(#"@SUM(1)\t\u{202e}gpj.exe"#))
        #expect(text.contains(#"interpreter=/x\x1b[2J\x1b[8m\x07\r\nfake:ok"#))
        #expect(text.contains(#"=HYPERLINK("http://203.0.113.9/")\x1b[2J"#), "the known-bad list's name, escaped")
        #expect(text.contains(#"needed=\x1b[2J\u{9b}8mx"#))
    }

    @Test("csv: strict RFC 4180, no raw control, no leading formula character, reasons and labels")
    func csv() throws {
        let tree = try HostileTree()
        let result = try Self.run(["scan", "--format", "csv", "--ordered", "--known-bad", tree.outside.path + "/bad.csv"] + tree.arguments, in: tree.directory.path)
        #expect(result.status == 1)
        #expect(RawControls.find(in: result.standardOutput, allowing: [0x0D, 0x0A]).isEmpty)
        let text = String(decoding: result.standardOutput, as: UTF8.self)
        let rows = try #require(CSV.parse(text))
        #expect(rows.first?.suffix(2) == ["reasons", "file_labels"])
        #expect(rows.allSatisfy { $0.count == rows[0].count })
        for row in rows.dropFirst() {
            for field in row {
                #expect(!["=", "+", "-", "@", "\t", "\r"].contains(field.first.map(String.init) ?? ""), "\(field)")
            }
        }
        #expect(rows.contains { $0[0] == "'=cmd|' -C calc'!A0\\u{9b}31m.jpg" })
        #expect(rows.contains { $0[0] == "'+1-\\x7f.jpg" })
        // The flagged payload says why on each of its rows.
        let flagged = rows.filter { $0[0] == "'+1-\\x7f.jpg" }
        #expect(!flagged.isEmpty)
        #expect(flagged.allSatisfy { $0[rows[0].count - 2].contains("elf at offset") })
        #expect(flagged.allSatisfy { $0[rows[0].count - 1].split(separator: ";").contains("known-bad") }, "the file-level label (and, with YARA, bundled rules')")
        if let python = ReportFormatTests.pythonOnPath() {
            let file = tree.directory.path + "/out.csv"
            try Data(result.standardOutput).write(to: URL(fileURLWithPath: file))
            let script = """
                import csv, sys
                with open(sys.argv[1], newline='', encoding='utf-8') as f:
                    rows = list(csv.reader(f, strict=True))
                assert len(rows) == \(rows.count), len(rows)
                assert all(len(r) == len(rows[0]) for r in rows)
                assert not any(v[:1] in ('=', '+', '-', '@', '\\t', '\\r') for r in rows[1:] for v in r)
                print('ok')
                """
            let check = try ReportFormatTests.run(python, ["-c", script, file])
            #expect(check.status == 0, "\(check.standardError)")
            #expect(check.standardOutput == "ok\n")
        }
    }

    @Test("jsonl and stix: valid JSON, controls only as JSON escapes, names exact")
    func json() throws {
        let tree = try HostileTree()
        let lines = try Self.run(["scan", "--format", "jsonl", "--ordered"] + tree.arguments, in: tree.directory.path)
        #expect(lines.status == 1)
        let records = lines.standardOutput.split(separator: 0x0A)
        #expect(records.count == 13)
        for record in records {
            #expect(!record.contains { $0 < 0x20 })
            #expect((try? JSONSerialization.jsonObject(with: Data(record))) != nil)
        }
        let paths = records.compactMap { (try? JSONSerialization.jsonObject(with: Data($0))) as? [String: Any] }.compactMap { $0["path"] as? String }
        #expect(paths.contains(HostileTree.screenName), "JSON keeps the exact name")

        let bundle = try Self.run(["scan", "--format", "stix"] + tree.arguments, in: tree.directory.path)
        #expect(bundle.status == 1)
        #expect(!bundle.standardOutput.contains { $0 < 0x20 && $0 != 0x0A })
        #expect((try? JSONSerialization.jsonObject(with: Data(bundle.standardOutput))) != nil)
    }

    @Test("html: no raw control or bidi override in the page")
    func html() throws {
        let tree = try HostileTree()
        let result = try Self.run(["report", "-o", tree.outside.path + "/page.html"] + tree.arguments, in: tree.directory.path)
        #expect(result.status == 1)
        let page = try #require(FileManager.default.contents(atPath: tree.outside.path + "/page.html"))
        #expect(RawControls.find(in: Array(page), allowing: [0x0A, 0x09]).isEmpty)
        #expect(String(decoding: page, as: UTF8.self).contains(#"a\u{1B}[2J\u{1B}]0;PWNED\u{7}b.jpg"#))
        #expect(RawControls.find(in: result.standardError).isEmpty)
    }

    @Test("progress into a file: plain lines, no carriage return or escape; counts agree with the summary")
    func progressToFile() throws {
        let tree = try HostileTree()
        let result = try Self.run(["scan", "--progress", "always", "--format", "jsonl"] + tree.arguments, in: tree.directory.path)
        #expect(result.status == 1)
        #expect(RawControls.find(in: result.standardError).isEmpty, "no \\r, no ESC")
        let log = String(decoding: result.standardError, as: UTF8.self)
        #expect(log.contains("13/13 files examined"), "\(log)")
        #expect(log.contains("13 files examined, 13 scanned"), "\(log)")
    }

    @Test("a usage error quoting a hostile argument (a file name, with `scan *`) is escaped")
    func usageError() throws {
        let directory = try TemporaryDirectory()
        let result = try Self.run(["scan", "x.jpg", "--zz\u{1B}]0;PWNED\u{07}"], in: directory.path)
        #expect(result.status == 64)
        #expect(RawControls.find(in: result.standardError).isEmpty)
        #expect(String(decoding: result.standardError, as: UTF8.self).contains(#"Unknown option '--zz\x1b]0;PWNED\x07'"#))
        let help = try Self.run(["scan", "--help"], in: directory.path)
        #expect(help.status == 0)
        #expect(String(decoding: help.standardOutput, as: UTF8.self).hasPrefix("OVERVIEW: Scan image files"), "help unchanged, on standard output")
    }

    @Test("progress on a terminal: redrawn in place and cleared before each result, never glued to one")
    func progressOnTerminal() throws {
        let directory = try TemporaryDirectory()
        let picture = try CorpusLocator.bytes("clean/jpeg-baseline.jpg")
        let names = try (1...6).map { try directory.write(picture, to: "photo-\($0).jpg") }
        let output = try Self.runOnTerminal(["scan", "--progress", "always", "--jobs", "1", "--ordered"] + names)
        let text = String(decoding: output, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        #expect(text.components(separatedBy: "\r\u{1B}[K").count - 1 >= 6, "the line was drawn and cleared while results came")
        // What the terminal shows on each line: the text after the last carriage return.
        let shown = text.split(separator: "\n").map { line in
            String(line.split(separator: "\r", omittingEmptySubsequences: false).last ?? "").replacingOccurrences(of: "\u{1B}[K", with: "")
        }
        #expect(shown.filter { $0.contains(": jpeg,") }.count == 6)
        #expect(!shown.contains { $0.contains("files examined") && $0.contains(": jpeg,") }, "\(shown)")
        #expect(shown.contains { $0.hasPrefix("6/6 files examined") })
    }

    /// Runs `stegcarve` with standard output and error on a new pseudo-terminal; what the
    /// terminal received.
    static func runOnTerminal(_ arguments: [String]) throws -> [UInt8] {
        let (master, name) = try #require(Platform.openPseudoTerminal())
        defer { _ = close(master) }
        let terminal = unsafe open(name, O_RDWR | O_NOCTTY)
        try #require(terminal >= 0)
        let process = Process()
        process.executableURL = BinaryLocator.stegcarve
        process.arguments = arguments
        let handle = FileHandle(fileDescriptor: terminal, closeOnDealloc: true)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try handle.close()
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            // EIO once the child has exited and closed its end.
            let count = unsafe chunk.withUnsafeMutableBytes { unsafe read(master, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            received += chunk[0..<count]
        }
        process.waitUntilExit()
        return received
    }
}
