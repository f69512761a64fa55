import Foundation
import StegCarve
import StegCarveBytes
import Testing
import TestSupport

/// Pictures larger than `ByteSource.mappingThreshold` are scanned from a mapping of the
/// file; the report must be the one the same bytes give from memory.
@Suite("Mapped scans")
struct MappedScanTests {
    @Test("a picture above the mapping threshold reports exactly what its bytes in memory report", arguments: [
        "payload/jpeg-app15-elf.jpg", "payload/jpeg-com-base64-swapped-elf.jpg", "clean/jpeg-baseline.jpg", "PNG",
    ])
    func mappedEqualsInMemory(name: String) throws {
        // "PNG": the first clean PNG of the corpus.
        let source = name != "PNG" ? name : try #require(CorpusManifest.shared.files.map(\.path).sorted().first { $0.hasPrefix("clean/png") })
        // The picture, then an overlay of text and zeros that carries it past the threshold.
        var bytes = try CorpusLocator.bytes(source)
        var generator = SeededGenerator(seed: 42)
        while bytes.count <= ByteSource.mappingThreshold + 4096 {
            bytes += Array("log line \(generator.next() % 1_000_000): nothing to see here\n".utf8) + [UInt8](repeating: 0, count: 200)
        }
        let directory = try TemporaryDirectory()
        let path = try directory.write(bytes, to: "large" + (source.hasSuffix(".png") ? ".png" : ".jpg"))
        let scanner = Scanner(configuration: ScanConfiguration(verifiesDecoding: true))
        let mapped = try scanner.scan(fileAt: path)
        var inMemory = scanner.scan(bytes: bytes, path: path)
        inMemory.pathBase64 = mapped.pathBase64
        #expect(mapped.errors.isEmpty)
        #expect(mapped == inMemory)
        #expect(mapped.size == bytes.count)
    }
}
