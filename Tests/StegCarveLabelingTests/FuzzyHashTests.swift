import Foundation
@testable import StegCarveLabeling
import Testing
import TestSupport

/// ssdeep and TLSH against the reference command-line tools (Debian `ssdeep` and `tlsh-tools`,
/// installed by `.ci/run`), plus values those tools printed, committed so a machine without
/// them still checks something.
@Suite("Fuzzy hashes")
struct FuzzyHashTests {
    /// Output of `ssdeep -s -b FILE` and `tlsh -f FILE` (tlsh-tools 3.4.4) for two corpus files.
    static let committed: [(path: String, ssdeep: String, tlsh: String)] = [
        ("elf/payload-x86_64.elf", "96:R6IOTTB+BT6Ijq09OEGGw7/lBC9BpviolmtgBod:REfwQIO09SBa/vi0mt",
         "5672301BB3A0CE3ACCA8537844574B34A2B6E91197A24323274472301E4379D5FAEAC6"),
        ("clean/png-rgb.png", "192:nQJS4pR/iGAijozke7UUqcC2hmDIAhWQFdAoYjcMb7ux3whGsysqUqIzb/HPYrPK:n3GAijPe7fqHomTjAoYBux2GNsxqkPYG",
         "E632B0A3253830CB9B7B8DBDAD1546DF2910E2311A4F39BA46322351C55B62308998FE"),
    ]

    @Test("libfuzzy and libtlsh give the digests the tools printed", arguments: committed)
    func committedValues(entry: (path: String, ssdeep: String, tlsh: String)) throws {
        let bytes = try CorpusLocator.bytes(entry.path)
        let digests = FuzzyDigests(of: bytes.span)
        #expect(digests.ssdeep == entry.ssdeep)
        #expect(digests.tlsh == "T1" + entry.tlsh)
    }

    /// Every corpus file and corpus ELF.
    static var samples: [String] {
        let manifest = CorpusManifest.shared
        return manifest.files.map(\.path) + manifest.elves.map(\.path)
    }

    @Test("every corpus file hashes as the ssdeep and tlsh tools hash it", arguments: samples)
    func matchesTools(path: String) throws {
        let bytes = try CorpusLocator.bytes(path)
        let digests = FuzzyDigests(of: bytes.span)
        let file = CorpusLocator.corpusDirectory.appendingPathComponent(path).path
        if let ssdeep = Self.run("/usr/bin/ssdeep", ["-s", "-b", file]) {
            // Second line: `hash,"name"`.
            let line = ssdeep.split(separator: "\n").dropFirst().first.map(String.init) ?? ""
            #expect(digests.ssdeep == String(line.prefix { $0 != "," }))
        }
        if let tlsh = Self.run("/usr/bin/tlsh", ["-f", file]) {
            let digest = String(tlsh.prefix { $0 != "\t" && $0 != "\n" })
            #expect(digests.tlsh == (digest.count == 70 ? "T1" + digest : nil), "tlsh printed \(tlsh)")
        }
    }

    @Test("the T1 digests equal TLSH 4's (py-tlsh, when installed) for every corpus file")
    func tlsh4() throws {
        let paths = Self.samples
        let script = "import sys, tlsh\nfor p in sys.argv[1:]: print(tlsh.hash(open(p, 'rb').read()))"
        let files = paths.map { CorpusLocator.corpusDirectory.appendingPathComponent($0).path }
        guard let output = Self.run("/usr/bin/env", ["python3", "-c", script] + files), !output.isEmpty else { return }
        let digests = output.split(separator: "\n").map(String.init)
        try #require(digests.count == paths.count)
        for (path, digest) in zip(paths, digests) {
            let bytes = try CorpusLocator.bytes(path)
            let ours = FuzzyDigests(of: bytes.span).tlsh
            // py-tlsh prints TNULL for what no TLSH hashes, and also hashes 50-255 byte inputs
            // that libtlsh 3.4 refuses.
            let expected = digest.hasPrefix("T1") && bytes.count >= 256 ? digest : nil
            #expect(ours == expected, "\(path)")
        }
    }

    @Test("TLSH needs 256 bytes with some variety; ssdeep hashes anything")
    func limits() throws {
        let elf = try CorpusLocator.bytes("elf/payload-x86_64.elf")
        let short = Array(elf.prefix(255))
        #expect(FuzzyDigests(of: short.span).tlsh == nil)
        #expect(FuzzyDigests(of: Array(elf.prefix(256)).span).tlsh == "T14CD0120FC7C00FF9E81C81709C03073052B3823CBD80C7A71CB1B0105E039804D2281C")
        let flat = [UInt8](repeating: 0x41, count: 4096)
        #expect(FuzzyDigests(of: flat.span).tlsh == nil)
        #expect(FuzzyDigests(of: [UInt8]().span).ssdeep == "3::")
        #expect(FuzzyDigests(of: flat.span).ssdeep == "3:W" + "tt" + String(repeating: "k", count: 60) + "w:Yu")
    }

    /// Standard output of a tool, or `nil` when it is not installed.
    static func run(_ tool: String, _ arguments: [String]) -> String? {
        guard FileManager.default.isExecutableFile(atPath: tool) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = Pipe()
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
