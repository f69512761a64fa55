import Foundation
import Testing
import TestSupport

/// `--stego off|default|all` as a user types it.
@Suite("stegcarve --stego")
struct StegoCLITests {
    private func scan(_ arguments: [String]) throws -> (status: Int32, json: [String: Any]) {
        let process = Process()
        process.executableURL = BinaryLocator.stegcarve
        process.arguments = ["scan", "--format", "jsonl"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = Pipe()
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let json = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
        return (process.terminationStatus, json)
    }

    @Test("default, all and off on sequential LSB with an ELF at 40%", arguments: [("default", 1), ("all", 1), ("off", 0)])
    func modes(_ mode: String, _ status: Int32) throws {
        let path = CorpusLocator.corpusDirectory.appendingPathComponent("stego/lsb-seq-040.png").path
        let result = try scan(mode == "default" ? [path] : ["--stego", mode, path])
        #expect(result.status == status)
        let stego = result.json["stego"] as? [String: Any]
        let findings = result.json["findings"] as? [[String: Any]] ?? []
        if mode == "off" {
            #expect(stego == nil)
            #expect(findings.isEmpty)
        } else {
            #expect(stego?["mode"] as? String == mode)
            #expect(stego?["signal"] as? String == "detected")
            #expect(findings.first?["region"] as? String == "pixels:planes:b0,rgb,msb-first,xy")
            #expect(findings.first?["via"] as? String == "planes:b0,rgb,msb-first,xy")
            #expect(result.json["verdict"] as? String == "malicious")
        }
    }

    @Test("an unknown mode is refused")
    func unknownMode() throws {
        let path = CorpusLocator.corpusDirectory.appendingPathComponent("stego/lsb-seq-040.png").path
        #expect(try scan(["--stego", "some", path]).status == 64)
    }
}
