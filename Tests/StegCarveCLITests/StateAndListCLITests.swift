import Foundation
import StegCarvePlatform
import Testing
import TestSupport

@Suite("scan --state and --files-from refuse what is not theirs to take")
struct StateAndListCLITests {
    @Test("--state '' is a usage error")
    func emptyState() throws {
        let run = try StegcarveProcess.run(["scan", "--state", "", StegcarveProcess.corpus("clean/jpeg-baseline.jpg")])
        #expect(run.status == 64)
        #expect(run.standardError.contains("--state needs a file name"))
    }

    @Test("another program's SQLite database given to --state is refused (exit 2) and left byte for byte as it was")
    func foreignDatabase() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/app.db"
        // Made by the sqlite3 shell, as another program would: user_version 0 and a table of its own.
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        shell.arguments = ["sqlite3", path, "CREATE TABLE files(name TEXT, owner TEXT); INSERT INTO files VALUES('a', 'b');"]
        try shell.run()
        shell.waitUntilExit()
        try #require(shell.terminationStatus == 0, "sqlite3 shell available")
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let run = try StegcarveProcess.run(["scan", "--state", path, StegcarveProcess.corpus("clean/jpeg-baseline.jpg")])
        #expect(run.status == 2)
        #expect(run.standardError.contains("not a StegCarve state file"), "\(run.standardError)")
        #expect(run.standardOutput.isEmpty, "nothing scanned")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["app.db"])
    }

    @Test("--files-from with a 300 MB single line: one pass, bounded memory, the entry reported as over-long, the entries after it scanned")
    func longLine() throws {
        let directory = try TemporaryDirectory()
        let list = directory.path + "/list.txt"
        let picture = StegcarveProcess.corpus("clean/jpeg-baseline.jpg")
        // A short entry, 300 MB of 'a' on one line, then two more entries.
        #expect(FileManager.default.createFile(atPath: list, contents: Data((picture + "\n").utf8)))
        let handle = try #require(FileHandle(forWritingAtPath: list))
        try handle.seekToEnd()
        let block = Data(repeating: 0x61, count: 1 << 20)
        for _ in 0..<300 { handle.write(block) }
        handle.write(Data(("\n" + picture + "\n" + StegcarveProcess.corpus("clean/png-rgba.png") + "\n").utf8))
        try handle.close()
        let started = ContinuousClock.now
        let run = try StegcarveProcess.run(["scan", "--format", "jsonl", "--files-from", list])
        let elapsed = ContinuousClock.now - started
        // The time bound is for plain builds (26 s debug on a loaded machine, 0.6 s release);
        // sanitizer builds read ~5x slower, and there the test checks the records only.
        if ProcessInfo.processInfo.environment["STEGCARVE_SANITIZER"] == nil {
            #expect(elapsed < .seconds(60), "\(elapsed) (issue 18: over 120 s before)")
        }
        #expect(run.status == 2, "an over-long entry is an error")
        let objects = run.lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(objects.compactMap { $0["path"] as? String }.filter { !$0.hasPrefix(list) } == [picture, picture, StegcarveProcess.corpus("clean/png-rgba.png")])
        let failure = objects.first { ($0["path"] as? String) == list + ":2" }
        #expect((failure?["error"] as? String)?.contains("--files-from entry of 314572800 bytes skipped") == true, "\(String(describing: failure))")
    }
}
