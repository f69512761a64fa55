import Foundation
import StegCarvePlatform
import StegCarveSync
import Testing
import TestSupport

/// Each JSON line reduced to what must agree between runs (path, content, verdict, findings).
private func essentials(_ lines: [String]) -> Set<String> {
    Set(lines.compactMap { line -> String? in
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
        let findings = (object["findings"] as? [[String: Any]] ?? []).map { "\($0["type"] ?? "")@\($0["offset"] ?? "")+\($0["length"] ?? "")" }
        return "\(object["path"] ?? "") \(object["sha256"] ?? "") \(object["verdict"] ?? "") \(findings)"
    })
}

/// `count` distinct pictures (a clean JPEG with a numbered comment after its EOI) plus the corpus payloads.
private func sweepTree(count: Int) throws -> TemporaryDirectory {
    let directory = try TemporaryDirectory()
    let jpeg = try CorpusLocator.bytes("clean/jpeg-baseline.jpg")
    for index in 0..<count {
        try directory.write(jpeg + Array("copy \(index)".utf8), to: "p\(index / 100)-\(index).jpg")
    }
    let payload = CorpusLocator.corpusDirectory.appendingPathComponent("payload").path
    for name in try FileManager.default.contentsOfDirectory(atPath: payload).sorted() {
        try directory.write(try CorpusLocator.bytes("payload/" + name), to: "payload-" + name)
    }
    return directory
}

@Suite("stegcarve scan --state, --shard; stegcarve watch")
struct StateShardWatchCLITests {
    @Test("--state: a re-run re-emits stored reports for unchanged files, identical content is re-used, a changed file is rescanned")
    func incremental() throws {
        let directory = try sweepTree(count: 20)
        let database = directory.path + "/../" + UUID().uuidString + ".db"
        defer { try? FileManager.default.removeItem(atPath: database) }
        let plain = try StegcarveProcess.run(["scan", "--format", "jsonl", directory.path])
        let first = try StegcarveProcess.run(["scan", "--format", "jsonl", "--state", database, "--progress", "always", directory.path])
        #expect(first.status == plain.status)
        #expect(Set(first.lines) == Set(plain.lines), "reports with --state are the reports without it")
        let second = try StegcarveProcess.run(["scan", "--format", "jsonl", "--state", database, "--progress", "always", directory.path])
        #expect(Set(second.lines) == Set(plain.lines), "stored reports re-emitted byte for byte")
        #expect(second.status == plain.status)
        let total = plain.lines.count
        #expect(second.standardError.contains("state: \(total) unchanged (stored report re-emitted), 0 identical content re-used, 0 scanned"))

        // A copy under a new name re-uses the report; a modified file is scanned again.
        try FileManager.default.copyItem(atPath: directory.path + "/p0-1.jpg", toPath: directory.path + "/copy.jpg")
        try directory.write(try CorpusLocator.bytes("clean/jpeg-baseline.jpg"), to: "p0-2.jpg")
        let third = try StegcarveProcess.run(["scan", "--format", "jsonl", "--state", database, "--progress", "always", directory.path])
        #expect(third.standardError.contains("state: \(total - 1) unchanged (stored report re-emitted), 1 identical content re-used, 1 scanned"))
        let copy = try #require(third.lines.first { $0.contains("\"path\":\"\(directory.path)/copy.jpg\"") })
        let original = try #require(third.lines.first { $0.contains("\"path\":\"\(directory.path)/p0-1.jpg\"") })
        #expect(copy.replacingOccurrences(of: "copy.jpg", with: "p0-1.jpg") == original)
        // A fourth run re-emits everything, the copy under its own name.
        let fourth = try StegcarveProcess.run(["scan", "--format", "jsonl", "--state", database, "--progress", "always", directory.path])
        let fresh = try StegcarveProcess.run(["scan", "--format", "jsonl", directory.path])
        #expect(Set(fourth.lines) == Set(fresh.lines))
        #expect(fourth.standardError.contains("state: \(total + 1) unchanged (stored report re-emitted), 0 identical content re-used, 0 scanned"))
        let text = try StegcarveProcess.run(["scan", "--state", database, directory.path + "/copy.jpg"])
        #expect(text.standardOutput.hasPrefix(directory.path + "/copy.jpg: jpeg"), "re-emitted in the requested format")
    }

    @Test("--state survives SIGKILL mid-sweep; the resumed run skips committed files and the union equals a full run")
    func killAndResume() throws {
        let directory = try sweepTree(count: 700)
        let database = directory.path + "/../" + UUID().uuidString + ".db"
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }
        }
        let full = try StegcarveProcess.run(["scan", "--format", "jsonl", directory.path])

        let process = Process()
        process.executableURL = BinaryLocator.stegcarve
        process.arguments = ["scan", "--format", "jsonl", "--jobs", "1", "--state", database, directory.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var received = Data()
        var newlines = 0
        while newlines < 200 {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            newlines += chunk.filter { $0 == 0x0A }.count
            received += chunk
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        received += output.fileHandleForReading.readDataToEndOfFile()
        #expect(process.terminationReason == .uncaughtSignal)
        let partial = String(decoding: received, as: UTF8.self).split(separator: "\n").map(String.init).filter { $0.hasSuffix("}") }
        #expect(partial.count >= 200 && partial.count < full.lines.count, "killed mid-sweep")

        let resumed = try StegcarveProcess.run(["scan", "--format", "jsonl", "--state", database, "--progress", "always", directory.path])
        #expect(essentials(resumed.lines) == essentials(full.lines))
        #expect(essentials(partial).isSubset(of: essentials(full.lines)))
        let unchanged = resumed.standardError.split(separator: "\n").first { $0.hasPrefix("state: ") }
        let count = unchanged.flatMap { Int($0.dropFirst("state: ".count).prefix { $0.isNumber }) } ?? 0
        #expect(count >= 128, "batches committed before the kill are not redone: \(String(describing: unchanged))")
        #expect(count <= partial.count + 1, "a batch may commit just before its last line is printed")
    }

    @Test("--shard K/N: shards are disjoint and their union is one unsharded run")
    func shards() throws {
        let corpus = CorpusLocator.corpusDirectory.path
        let whole = try StegcarveProcess.run(["scan", "--format", "jsonl", corpus + "/payload", corpus + "/clean"])
        var union: [String] = []
        var sizes: [Int] = []
        for index in 0..<3 {
            let shard = try StegcarveProcess.run(["scan", "--format", "jsonl", "--shard", "\(index)/3", corpus + "/payload", corpus + "/clean"])
            union += shard.lines
            sizes.append(shard.lines.count)
        }
        #expect(union.count == whole.lines.count, "disjoint: no file in two shards")
        #expect(Set(union) == Set(whole.lines))
        #expect(sizes.allSatisfy { $0 > 0 })
        let invalid = try StegcarveProcess.run(["scan", "--shard", "3/3", corpus])
        #expect(invalid.status == 64)
    }

    @Test("watch: one report per file written, written in chunks, moved in, or created in a new directory; stops on SIGTERM")
    func watch() throws {
        let directory = try TemporaryDirectory()
        let watched = directory.path + "/incoming"
        try FileManager.default.createDirectory(atPath: watched, withIntermediateDirectories: true)
        // The analysis options are scan's: a hash list marks the payload's ELF.
        let manifest = try CorpusManifest.load()
        let elf = try #require(manifest.files.first { $0.path == "payload/jpeg-eoi-elf-x86_64.jpg" }?.findings.first)
        let list = try directory.write(Array("\(elf.sha256),watch-test\n".utf8), to: "bad.txt")
        let process = Process()
        process.executableURL = BinaryLocator.stegcarve
        process.arguments = ["watch", "--format", "jsonl", "--settle", "200", "--progress", "always", "--known-bad", list, watched]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let lines = Locked<[String]>([])
        let reader = Thread {
            let data = output.fileHandleForReading.readDataToEndOfFile()
            lines.withLock { $0 = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init) }
        }
        reader.start()
        usleep(700_000)  // the watch is set up

        let payload = try CorpusLocator.bytes("payload/jpeg-eoi-elf-x86_64.jpg")
        let clean = try CorpusLocator.bytes("clean/png-palette-trns.png")
        try directory.write(clean, to: "incoming/whole.png")
        let chunked = watched + "/chunked.jpg"
        #expect(FileManager.default.createFile(atPath: chunked, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: chunked))
        for start in stride(from: 0, to: payload.count, by: 5000) {
            handle.write(Data(payload[start..<min(start + 5000, payload.count)]))
            usleep(80_000)
        }
        try handle.close()
        let outside = try directory.write(payload, to: "moved.jpg")
        let renamed = unsafe rename(outside, watched + "/moved.jpg")
        #expect(renamed == 0)
        try FileManager.default.createDirectory(atPath: watched + "/new", withIntermediateDirectories: true)
        try directory.write(clean, to: "incoming/new/inner.png")
        try directory.write(Array("not a picture".utf8), to: "incoming/readme.txt")
        // A download written under a temporary name and renamed: reported once, under its final name.
        try directory.write(payload, to: "incoming/download.part")
        try FileManager.default.moveItem(atPath: watched + "/download.part", toPath: watched + "/download.jpg")

        usleep(2_500_000)
        kill(process.processIdentifier, SIGTERM)
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        while !reader.isFinished { usleep(1000) }
        let summary = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)

        // A clean stop; the known-bad payload makes the status 1, as scan's would be.
        #expect(process.terminationReason == .exit && process.terminationStatus == 1, "clean stop on SIGTERM, exit 1 for the flagged files")
        let reports = lines.withLock { $0 }.compactMap { line -> [String: Any]? in try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] }
        let paths = reports.compactMap { $0["path"] as? String }.sorted()
        #expect(paths == ["chunked.jpg", "download.jpg", "moved.jpg", "new/inner.png", "whole.png"].map { watched + "/" + $0 })
        let chunkedReport = reports.first { $0["path"] as? String == chunked }
        #expect(chunkedReport?["size"] as? Int == payload.count, "scanned once complete")
        #expect((chunkedReport?["findings"] as? [Any])?.count == 1)
        let labels = ((chunkedReport?["findings"] as? [[String: Any]])?.first?["labels"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
        #expect(labels?.contains("known-bad") == true, "--known-bad applies in watch mode")
        let wholeReport = reports.first { ($0["path"] as? String)?.hasSuffix("/whole.png") == true }
        #expect((wholeReport?["decode"] as? [String: Any])?["decodes"] as? Bool == true, "watch analyses pixels (--pixels auto)")
        #expect(summary.contains("6 files examined, 5 scanned"))
        #expect(summary.contains("0 errors"))
        #expect(summary.contains("1 not pictures"))
    }
}
