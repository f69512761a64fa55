#if os(Linux)
import Foundation
import StegCarvePlatform
import StegCarveSweep
import SystemPackage
import Testing
import TestSupport

@Suite("DirectoryWatcher (inotify)")
struct DirectoryWatcherTests {
    /// Polls until `count` paths arrived or `limit` passed, then once more for stragglers.
    private func collect(_ watcher: DirectoryWatcher, count: Int, limit: Duration = .seconds(10)) -> [String] {
        var seen: [String] = []
        let deadline = ContinuousClock.now + limit
        while seen.count < count, ContinuousClock.now < deadline {
            seen += watcher.poll(timeout: .milliseconds(50)).map(\.string)
        }
        let quiet = ContinuousClock.now + .milliseconds(400)
        while ContinuousClock.now < quiet { seen += watcher.poll(timeout: .milliseconds(50)).map(\.string) }
        return seen
    }

    @Test("closed, chunked, moved-in and new-subdirectory files are each reported once")
    func events() throws {
        let directory = try TemporaryDirectory()
        let watched = directory.path + "/in"
        try FileManager.default.createDirectory(atPath: watched, withIntermediateDirectories: true)
        let watcher = try DirectoryWatcher(roots: [FilePath(watched)], settle: .milliseconds(100))

        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: watched + "/whole.bin"))
        #expect(FileManager.default.createFile(atPath: watched + "/chunked.bin", contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: watched + "/chunked.bin"))
        for chunk in 0..<3 {
            handle.write(Data(repeating: UInt8(chunk), count: 1000))
            usleep(30_000)
        }
        try handle.close()
        let outside = try directory.write([9, 9, 9], to: "moved.bin")
        let renamed = unsafe rename(outside, watched + "/moved.bin")
        #expect(renamed == 0)
        try FileManager.default.createDirectory(atPath: watched + "/sub/deeper", withIntermediateDirectories: true)
        usleep(50_000)
        try Data([4]).write(to: URL(fileURLWithPath: watched + "/sub/deeper/nested.bin"))

        let seen = collect(watcher, count: 4)
        #expect(seen.sorted() == ["chunked.bin", "moved.bin", "sub/deeper/nested.bin", "whole.bin"].map { watched + "/" + $0 })
    }

    @Test("watching something that is not a directory fails with an errno")
    func notADirectory() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write([1], to: "file")
        let error = #expect(throws: Errno.self) { try DirectoryWatcher(roots: [FilePath(file)]) }
        #expect(error == .notDirectory)
    }
}
#endif
