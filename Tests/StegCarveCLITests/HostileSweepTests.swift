import Foundation
import StegCarvePlatform
import Testing
import TestSupport

/// The CLI over the generated hostile set (``HostileSet``) in a child process: it must exit
/// normally (no signal), report every file, stay under 512 MiB peak RSS (wait4's rusage)
/// and finish within the wall-time bound.
@Suite("Hostile sweep")
struct HostileSweepTests {
    /// Peak resident set size allowed for the whole sweep.
    static let memoryBound = 512 << 20
    /// Wall time for the sweep with a debug build on 2 busy cores (a release build takes a
    /// fraction of it; README "Hostile input").
    static let timeBound: Duration = .seconds(300)

    struct Outcome {
        var status: Int32
        var signal: Int32?
        var peakRSS: Int
        var elapsed: Duration
    }

    /// Runs `/bin/sh -c command` and measures the child (exec'ed in place of the shell).
    func measure(_ command: String) throws -> Outcome {
        var pid: pid_t = 0
        let arguments = ["/bin/sh", "-c", "exec " + command]
        var pointers: [UnsafeMutablePointer<CChar>?] = unsafe arguments.map { unsafe strdup($0) } + [nil]
        defer { unsafe pointers.forEach { unsafe free($0) } }
        let started = ContinuousClock.now
        let spawned = unsafe posix_spawn(&pid, "/bin/sh", nil, nil, &pointers, environ)
        try #require(spawned == 0)
        var status: Int32 = 0
        var usage = rusage()
        while unsafe wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let elapsed = ContinuousClock.now - started
        let signaled = (status & 0x7F) != 0 && (status & 0x7F) != 0x7F
        return Outcome(
            status: (status >> 8) & 0xFF, signal: signaled ? status & 0x7F : nil,
            peakRSS: Int(usage.ru_maxrss) * 1024, elapsed: elapsed
        )
    }

    private static func quoted(_ path: String) -> String {
        "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    @Test("every hostile file is reported; no crash, peak RSS < 512 MiB, within the time bound",
          .enabled(if: ProcessInfo.processInfo.environment["STEGCARVE_SANITIZER"] == nil,
                   "sanitizer builds inflate RSS (shadow memory) and time; the fuzzers cover them"))
    func sweep() throws {
        let temporary = try TemporaryDirectory()
        let inputs = temporary.path + "/hostile"
        try FileManager.default.createDirectory(atPath: inputs, withIntermediateDirectories: false)
        let files = try HostileSet.files()
        #expect(Set(files.map(\.name)).count == files.count)
        for file in files { try temporary.write(file.bytes, to: "hostile/" + file.name) }
        let output = temporary.path + "/out.jsonl"
        let binary = BinaryLocator.stegcarve.path
        let outcome = try measure("\(Self.quoted(binary)) scan --format jsonl --jobs 2 --all-files \(Self.quoted(inputs)) > \(Self.quoted(output)) 2> \(Self.quoted(temporary.path + "/err"))")
        print("hostile sweep: \(files.count) files, \(outcome.elapsed), peak RSS \(outcome.peakRSS >> 20) MiB, exit \(outcome.status)")
        #expect(outcome.signal == nil, "killed by signal \(outcome.signal ?? 0)")
        #expect([0, 1].contains(outcome.status), "exit \(outcome.status): \(String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: temporary.path + "/err"))) ?? Data(), as: UTF8.self).prefix(2000))")
        #expect(outcome.peakRSS < Self.memoryBound, "peak RSS \(outcome.peakRSS >> 20) MiB")
        #expect(outcome.elapsed < Self.timeBound, "\(outcome.elapsed)")
        let lines = try String(decoding: Data(contentsOf: URL(fileURLWithPath: output)), as: UTF8.self).split(separator: "\n")
        var reported: Set<String> = []
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let path = try #require(object["path"] as? String)
            #expect(object["error"] == nil, "\(path): \(object["error"] ?? "")")
            reported.insert(URL(fileURLWithPath: path).lastPathComponent)
        }
        #expect(reported == Set(files.map(\.name)))
    }
}
