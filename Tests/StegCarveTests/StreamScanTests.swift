import Foundation
import StegCarve
import SystemPackage
import Testing
import TestSupport

/// `Scanner.scan(stream:)`: a pipe is read to its end and scanned like the file; a stream
/// longer than the limit is refused, never reported from its first bytes.
@Suite("Scanner.scan(stream:)")
struct StreamScanTests {
    /// Writes `bytes` into a pipe from another thread (a pipe holds only 64 KiB) and scans
    /// its read end.
    private func scanPipe(_ bytes: [UInt8], maximumSize: Int?) throws -> Result<ScanReport, ScanError> {
        let (reader, writer) = try FileDescriptor.pipe()
        defer { try? reader.close() }
        let feeder = Thread {
            _ = try? writer.writeAll(bytes)
            try? writer.close()
        }
        feeder.start()
        do {
            return .success(try Scanner().scan(stream: reader, path: "piped.jpg", maximumSize: maximumSize))
        } catch {
            // Drain what the feeder still writes, so it ends.
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while let count = try? unsafe buffer.withUnsafeMutableBytes({ raw in try unsafe reader.read(into: raw) }), count > 0 {}
            return .failure(error)
        }
    }

    @Test("a pipe gives the file's report: same findings, size and SHA-256; source stream")
    func pipeMatchesFile() throws {
        let path = CorpusLocator.corpusDirectory.appendingPathComponent("payload/jpeg-eoi-elf-x86_64.jpg").path
        let bytes = try CorpusLocator.bytes("payload/jpeg-eoi-elf-x86_64.jpg")
        let file = try Scanner().scan(fileAt: path)
        let piped = try scanPipe(bytes, maximumSize: nil).get()
        #expect(piped.source == .stream)
        #expect(piped.path == "piped.jpg")
        #expect(piped.size == file.size)
        #expect(piped.sha256 == file.sha256)
        #expect(piped.findings == file.findings)
        #expect(piped.verdict == .malicious)
        #expect(file.source == nil)
        #expect(file.stages == [.structure, .decode, .carve, .stego] + Self.ruleStages)
        #expect(piped.stages == file.stages)
    }

    /// The bundled YARA rules run on every file in the YARA build (`swift test --traits YARA`).
    #if YARA
    static let ruleStages: [ScanStage] = [.yara]
    #else
    static let ruleStages: [ScanStage] = []
    #endif

    @Test("a stream one byte over the limit is refused (isOverSizeLimit); at the limit it is scanned")
    func overTheLimit() throws {
        let bytes = try CorpusLocator.bytes("clean/png-rgb.png")
        let refused = try scanPipe(bytes, maximumSize: bytes.count - 1)
        guard case .failure(let error) = refused else {
            Issue.record("a stream over the limit was scanned")
            return
        }
        #expect(error.isOverSizeLimit)
        #expect(error.path == "piped.jpg")
        let accepted = try scanPipe(bytes, maximumSize: bytes.count).get()
        #expect(accepted.size == bytes.count)
    }
}
