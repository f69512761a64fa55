import Foundation
import StegCarvePlatform
import Testing

/// The package declares macOS and CI runs Linux: code that names the Linux C library compiles
/// here and breaks there. Only `Sources/StegCarvePlatform/Platform.swift` may name Glibc or
/// Darwin; everything else imports StegCarvePlatform.
@Suite("Platform boundary")
struct PlatformBoundaryTests {
    /// The package root, from this file's location (Tests/StegCarvePlatformTests/…).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let platformFile = "Sources/StegCarvePlatform/Platform.swift"
    /// This file spells the forbidden forms out to look for them.
    static let thisFile = "Tests/StegCarvePlatformTests/PlatformBoundaryTests.swift"

    /// Lines of `source` (1-based) that import or qualify with a system C library module or
    /// test for one with `canImport`; comment lines are left alone.
    static func violations(in source: String) -> [Int] {
        let modules = ["Glibc", "Darwin"]
        var found: [Int] = []
        for (number, line) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let code = line.trimmingCharacters(in: .whitespaces)
            if code.hasPrefix("//") { continue }
            let words = code.split(whereSeparator: { $0 == " " || $0 == "\t" })
            let imports = zip(words, words.dropFirst()).contains { $0 == "import" && modules.contains(String($1)) }
            let tests = modules.contains { code.contains("canImport(\($0))") }
            let qualifies = modules.contains { module in qualified(module, in: code) }
            if imports || tests || qualifies { found.append(number + 1) }
        }
        return found
    }

    /// `Module.name` with `Module` a whole word (not `MyGlibc.x`, not the end of a sentence).
    private static func qualified(_ module: String, in line: String) -> Bool {
        var searchStart = line.startIndex
        while let range = line.range(of: module + ".", range: searchStart..<line.endIndex) {
            searchStart = range.upperBound
            let before = range.lowerBound == line.startIndex ? nil : line[line.index(before: range.lowerBound)]
            let after = range.upperBound == line.endIndex ? nil : line[range.upperBound]
            let wholeWord = before.map { !($0.isLetter || $0.isNumber || $0 == "_") } ?? true
            if wholeWord, let after, after.isLetter || after == "_" { return true }
        }
        return false
    }

    @Test("the detector finds imports, qualified calls and canImport, and ignores comments and prose")
    func detector() {
        let source = [
            "import Foundation", "@preconcurrency import Glibc", "let n = unsafe Glibc.write(fd, p, 1)", "#if canImport(Darwin)",
            "// import Glibc in a comment", "let text = \"built on Darwin.\"", "let x = MyGlibc.value",
        ].joined(separator: "\n")
        #expect(Self.violations(in: source) == [2, 3, 4])
    }

    @Test("no Swift file outside the platform layer names Glibc or Darwin")
    func boundary() throws {
        var offenders: [String] = []
        var scanned = 0
        for folder in ["Sources", "Tests", "Fuzzing"] {
            let base = Self.root.appendingPathComponent(folder)
            guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in walker where url.pathExtension == "swift" {
                let relative = folder + String(url.path.dropFirst(base.path.count))
                guard relative != Self.platformFile, relative != Self.thisFile else { continue }
                scanned += 1
                let lines = Self.violations(in: try String(contentsOf: url, encoding: .utf8))
                offenders += lines.map { "\(relative):\($0)" }
            }
        }
        #expect(scanned > 100, "the walk found the package's sources")
        #expect(offenders.isEmpty, "move these into \(Self.platformFile): \(offenders)")
    }

    @Test("the calls the layer settles work: write and poll on a pipe, modification time, mmap flag")
    func calls() throws {
        var ends: [Int32] = [0, 0]
        #expect(unsafe pipe(&ends) == 0)
        defer { _ = close(ends[0]); _ = close(ends[1]) }
        let message: [UInt8] = Array("hello".utf8)
        let written = unsafe message.withUnsafeBytes { unsafe Platform.write(ends[1], $0.baseAddress, $0.count) }
        #expect(written == 5)
        var ready = pollfd(fd: ends[0], events: Int16(POLLIN), revents: 0)
        #expect(unsafe Platform.poll(&ready, 1, 1000) == 1)
        #expect(ready.revents & Int16(POLLIN) != 0)

        let file = FileManager.default.temporaryDirectory.appendingPathComponent("platform-\(getpid()).txt")
        try Data("x".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let when = Date(timeIntervalSince1970: 1_700_000_000.25)
        try FileManager.default.setAttributes([.modificationDate: when], ofItemAtPath: file.path)
        var status = stat()
        #expect(unsafe stat(file.path, &status) == 0)
        #expect(status.modificationNanoseconds == 1_700_000_000_250_000_000)
        #if os(Linux)
        #expect(Platform.mapPopulate == MAP_POPULATE)
        #endif
    }
}
