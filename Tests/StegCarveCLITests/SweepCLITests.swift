import Foundation
import StegCarvePlatform
import StegCarveSync
import Testing
import TestSupport

/// The built binary with standard input, for the sweep tests.
struct StegcarveProcess {
    struct Run {
        var status: Int32
        var standardOutput: String
        var standardError: String
        var lines: [String] { standardOutput.split(separator: "\n").map(String.init) }
    }

    static func run(_ arguments: [String], input: [UInt8]? = nil) throws -> Run {
        let process = Process()
        process.executableURL = BinaryLocator.stegcarve
        process.arguments = arguments
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        let inputPipe = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : inputPipe
        try process.run()
        if let input {
            inputPipe.fileHandleForWriting.write(Data(input))
            try inputPipe.fileHandleForWriting.close()
        }
        let errorData = Locked(Data())
        let reader = Thread { errorData.withLock { $0 = error.fileHandleForReading.readDataToEndOfFile() } }
        reader.start()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !reader.isFinished { usleep(1000) }
        return Run(status: process.terminationStatus, standardOutput: String(decoding: outData, as: UTF8.self), standardError: String(decoding: errorData.withLock { $0 }, as: UTF8.self))
    }

    static func corpus(_ path: String) -> String {
        CorpusLocator.corpusDirectory.appendingPathComponent(path).path
    }

    /// The `path` of each JSON line.
    static func paths(_ run: Run) -> [String] {
        run.lines.compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["path"] as? String
        }
    }
}

@Suite("stegcarve scan: selection")
struct SelectionCLITests {
    /// A tree: pictures, a text file, an ELF, a big picture, a FIFO, links (one looping).
    private func tree() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        let jpeg = try CorpusLocator.bytes("clean/jpeg-progressive.jpg")
        let png = try CorpusLocator.bytes("clean/png-palette-trns.png")
        try FileManager.default.createDirectory(atPath: directory.path + "/sub/skip", withIntermediateDirectories: true)
        try directory.write(jpeg, to: "a.jpg")
        try directory.write(png, to: "sub/b.png")
        try directory.write(jpeg, to: "sub/skip/c.jpg")
        try directory.write(Array("just text\n".utf8), to: "notes.txt")
        try directory.write(try CorpusLocator.bytes("payload/jpeg-eoi-elf-x86_64.jpg"), to: "sub/big.jpg")
        let made = unsafe [
            mkfifo(directory.path + "/fifo", 0o644),
            symlink(directory.path + "/a.jpg", directory.path + "/link.jpg"),
            symlink(directory.path, directory.path + "/sub/loop"),
        ]
        #expect(made == [0, 0, 0])
        return directory
    }

    private func names(_ run: StegcarveProcess.Run, in directory: TemporaryDirectory) -> [String] {
        StegcarveProcess.paths(run).map { String($0.dropFirst(directory.path.count + 1)) }.sorted()
    }

    @Test("default: pictures only, links and FIFOs skipped, and the summary counts what was skipped")
    func defaults() throws {
        let directory = try tree()
        let result = try StegcarveProcess.run(["scan", "--format", "jsonl", "--progress", "always", directory.path])
        #expect(names(result, in: directory) == ["a.jpg", "sub/b.png", "sub/big.jpg", "sub/skip/c.jpg"])
        #expect(result.standardError.contains("5 files examined, 4 scanned"))
        #expect(result.standardError.contains("skipped: 1 not pictures, 2 symbolic links, 1 special files"))
        // Standard error is a pipe here: plain status lines, no redraws.
        #expect(!result.standardError.contains("\r") && !result.standardError.contains("\u{1B}"))
        #expect(result.standardError.contains("1 malicious"))
    }

    @Test("--all-files scans the text file too; --follow-symlinks follows the file link and ends the loop with a record")
    func allFilesAndLinks() throws {
        let directory = try tree()
        let all = try StegcarveProcess.run(["scan", "--format", "jsonl", "--all-files", directory.path])
        #expect(names(all, in: directory) == ["a.jpg", "notes.txt", "sub/b.png", "sub/big.jpg", "sub/skip/c.jpg"])
        let followed = try StegcarveProcess.run(["scan", "--format", "jsonl", "--follow-symlinks", directory.path])
        #expect(names(followed, in: directory) == ["a.jpg", "link.jpg", "sub/b.png", "sub/big.jpg", "sub/loop", "sub/skip/c.jpg"])
        #expect(followed.standardOutput.contains(#""skipped":{"detail":"directory loop: the same directory as "#), "the loop is reported, not walked")
        #expect(followed.status == 1, "sub/big.jpg is malicious: the loop's error does not hide it")
    }

    @Test("--include, --exclude (prunes directories), --max-size")
    func globsAndSize() throws {
        let directory = try tree()
        let included = try StegcarveProcess.run(["scan", "--format", "jsonl", "--include", "*.png", directory.path])
        #expect(names(included, in: directory) == ["sub/b.png"])
        let excluded = try StegcarveProcess.run(["scan", "--format", "jsonl", "--exclude", "skip", "--exclude", "*/sub/b.*", "--progress", "always", directory.path])
        #expect(names(excluded, in: directory) == ["a.jpg", "sub/big.jpg"])
        #expect(excluded.standardError.contains("2 excluded by globs"))
        let small = try StegcarveProcess.run(["scan", "--format", "jsonl", "--max-size", "10K", "--progress", "always", directory.path])
        #expect(names(small, in: directory) == ["a.jpg", "sub/b.png", "sub/skip/c.jpg"])
        #expect(small.standardError.contains("1 over --max-size"))
        let invalid = try StegcarveProcess.run(["scan", "--max-size", "10Q", directory.path])
        #expect(invalid.status == 64)
    }

    @Test("--files-from: newline-separated from a file, NUL-separated (-0) from standard input, directories walked")
    func filesFrom() throws {
        let directory = try tree()
        let list = try directory.write(Array("\(directory.path)/a.jpg\n\n\(directory.path)/sub/skip\n\(directory.path)/notes.txt\n".utf8), to: "list.txt")
        let fromFile = try StegcarveProcess.run(["scan", "--format", "jsonl", "--ordered", "--files-from", list])
        #expect(StegcarveProcess.paths(fromFile) == [directory.path + "/a.jpg", directory.path + "/sub/skip/c.jpg"])
        let odd = "odd\nname.jpg"
        try directory.write(try CorpusLocator.bytes("clean/jpeg-progressive.jpg"), to: odd)
        let input = Array("\(directory.path)/\(odd)".utf8) + [0] + Array("\(directory.path)/sub/b.png".utf8) + [0]
        let fromStandardInput = try StegcarveProcess.run(["scan", "--format", "jsonl", "--ordered", "--files-from", "-", "-0"], input: input)
        #expect(StegcarveProcess.paths(fromStandardInput) == [directory.path + "/" + odd, directory.path + "/sub/b.png"])
    }

    @Test("--one-file-system: /dev/shm and /dev/pts (their own mounts) are not entered from /dev; a tree on one file system is scanned whole")
    func oneFileSystem() throws {
        let directory = try tree()
        let result = try StegcarveProcess.run(["scan", "--format", "jsonl", "--one-file-system", directory.path])
        #expect(names(result, in: directory).count == 4)

        let devices = try ["/dev", "/dev/shm"].map { try FileManager.default.attributesOfItem(atPath: $0)[.systemNumber] as? Int }
        guard devices[0] != nil, devices[0] != devices[1] else { return }
        // No file is opened: the include pattern matches nothing, so only the walk is tested.
        let arguments = ["scan", "--include", "*.no-such-extension", "--progress", "always", "/dev"]
        let staying = try StegcarveProcess.run(arguments + ["--one-file-system"])
        #expect(staying.standardError.contains(" on other file systems"))
        let crossing = try StegcarveProcess.run(arguments)
        #expect(!crossing.standardError.contains(" on other file systems"))
    }
}

@Suite("stegcarve scan: progress on a terminal")
struct ProgressCLITests {
    @Test("on a terminal (util-linux script): done/total files and bytes, rate, ETA, findings, then the summary")
    func terminal() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else { return }
        let directory = try TemporaryDirectory()
        let jpeg = try CorpusLocator.bytes("clean/jpeg-baseline.jpg")
        for index in 0..<300 { try directory.write(jpeg + Array("n\(index)".utf8), to: "f\(index).jpg") }
        try directory.write(try CorpusLocator.bytes("payload/jpeg-eoi-elf-x86_64.jpg"), to: "payload.jpg")
        try directory.write(Array("text".utf8), to: "notes.txt")
        let command = "'\(BinaryLocator.stegcarve.path)' scan --format jsonl '\(directory.path)' > /dev/null"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", command, "/dev/null"]
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = nil
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let terminal = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(terminal.contains("302/302 files examined, "), "the text file counts as examined once sniffed")
        #expect(terminal.contains("ETA "))
        #expect(terminal.contains("1 findings, 1 malicious"))
        // The summary counts what the status line counted (it said 302 where this said 301).
        #expect(terminal.contains("302 files examined, 301 scanned, "))
        #expect(terminal.contains("verdicts: 1 malicious, 300 suspicious"))
        #expect(terminal.contains("skipped: 1 not pictures"))

        let quiet = try StegcarveProcess.run(["scan", "--format", "jsonl", directory.path])
        #expect(quiet.standardError.isEmpty, "silent when standard error is not a terminal")
    }
}
