import Foundation
import StegCarve
import Testing
import TestSupport

/// Payloads wrapped in encodings and obfuscation are found with the SHA-256 of the
/// original bytes, reached `via` the wrapping.
@Suite("Encoded and obfuscated payloads")
struct EncodedPayloadTests {
    let picture: [UInt8]
    let elf: [UInt8]
    let elfSHA256: String

    init() throws {
        picture = try CorpusLocator.bytes("clean/jpeg-baseline.jpg")
        elf = try CorpusLocator.bytes("elf/payload-mips.elf")
        elfSHA256 = try #require(CorpusManifest.shared.elves.first { $0.path == "elf/payload-mips.elf" }).sha256
    }

    /// The single top-level finding, after checking it wraps the ELF as its only child.
    private func wrapped(_ data: [UInt8], type: String, via: String) throws -> Finding {
        let report = Scanner().scan(bytes: data)
        let finding = try #require(report.findings.first, "no finding in \(data.count) bytes")
        #expect(report.findings.count == 1)
        #expect(finding.type == type)
        let child = try #require(finding.children.first)
        #expect(finding.children.count == 1)
        #expect(child.type == "elf")
        #expect(child.offset == 0)
        #expect(child.length == elf.count)
        #expect(child.sha256 == elfSHA256)
        #expect(child.via == via)
        #expect(finding.labels.map(\.name) == ["encoded"])
        return finding
    }

    private func base64(_ bytes: [UInt8], wrap: Int? = nil) -> [UInt8] {
        let text = Data(bytes).base64EncodedString(options: wrap == 76 ? [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed] : [])
        return Array(text.utf8)
    }

    @Test("base64 between <<BASE64_START>> markers, wrapped at 76 columns")
    func markedBase64() throws {
        let text = Array("<<BASE64_START>>".utf8) + base64(elf, wrap: 76) + Array("<<BASE64_END>>".utf8)
        let finding = try wrapped(picture + text, type: "base64", via: "base64")
        #expect(finding.offset == picture.count + 16)
        #expect(finding.length == text.count - 16 - 14)
        #expect(finding.metadata["marker"] == .string("<<BASE64_START>>"))
        #expect(finding.region == "overlay")
    }

    @Test("reversed base64")
    func reversedBase64() throws {
        _ = try wrapped(picture + base64(elf).reversed(), type: "base64", via: "base64-reversed")
    }

    @Test("base64 with one symbol swapped for another character")
    func swappedAlphabet() throws {
        let encoded = base64(elf).map { $0 == UInt8(ascii: "A") ? UInt8(ascii: "#") : $0 }
        _ = try wrapped(picture + encoded, type: "base64", via: "base64:#=A")
    }

    @Test("hex text")
    func hexText() throws {
        let hex = Array(elf.map { String(format: "%02x", $0) }.joined().utf8)
        _ = try wrapped(picture + hex, type: "hex", via: "hex")
    }

    @Test("repeating-key XOR with an unknown key is recovered and reported", arguments: [
        [0x5A], [0x13, 0x37], [0xDE, 0xAD, 0xBE, 0xEF], Array(0x41...0x4D), Array(0x80...0x8F),
    ] as [[UInt8]])
    func repeatingXOR(key: [UInt8]) throws {
        let cipher = elf.enumerated().map { $0.element ^ key[$0.offset % key.count] }
        let finding = try wrapped(picture + Array("junk".utf8) + cipher + Array("tail".utf8), type: "xor", via: "xor:" + key.map { String(format: "%02x", $0) }.joined())
        #expect(finding.offset == picture.count + 4)
        #expect(finding.length == elf.count)
        #expect(finding.metadata["keyLength"] == .integer(Int64(key.count)))
    }

    @Test("XOR of a 64-bit little-endian ELF with a 32-byte key")
    func longKey() throws {
        let x86 = try CorpusLocator.bytes("elf/hello-x86_64-stripped.elf")
        let key = (0..<32).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        let cipher = x86.enumerated().map { $0.element ^ key[$0.offset % key.count] }
        let report = Scanner().scan(bytes: picture + cipher)
        let finding = try #require(report.findings.first)
        #expect(finding.type == "xor")
        #expect(finding.children.first?.length == x86.count)
        #expect(finding.metadata["keyLength"] == .integer(32))
    }

    @Test("XOR'd PE and gzip are recovered from the DOS header and the gzip header", arguments: [
        [0x42], Array(0x10...0x2F),
    ] as [[UInt8]])
    func xorKnownHeaders(key: [UInt8]) throws {
        let manifest = CorpusManifest.shared
        let peFile = try #require(manifest.files.first { $0.path == "payload/jpeg-eoi-pe-x86_64.jpg" })
        let peFinding = try #require(peFile.findings.first)
        let pe = Array(try CorpusLocator.bytes(peFile.path)[peFinding.offset..<(peFinding.offset + peFinding.length)])
        let cipher = pe.enumerated().map { $0.element ^ key[$0.offset % key.count] }
        let report = Scanner().scan(bytes: picture + cipher)
        let finding = try #require(report.findings.first)
        #expect(finding.type == "xor")
        #expect(finding.metadata["keyLength"] == .integer(Int64(key.count)))
        #expect(finding.children.first?.type == "pe")
        #expect(finding.children.first?.sha256 == peFinding.sha256)

        guard key.count <= 3 else { return }  // gzip's fixed header covers keys up to 3 bytes
        let gzFile = try #require(manifest.files.first { $0.path == "payload/jpeg-eoi-gzip.jpg" })
        let gzFinding = try #require(gzFile.findings.first)
        let gz = Array(try CorpusLocator.bytes(gzFile.path)[gzFinding.offset..<(gzFinding.offset + gzFinding.length)])
        let gzCipher = gz.enumerated().map { $0.element ^ key[$0.offset % key.count] }
        let gzReport = Scanner().scan(bytes: picture + gzCipher)
        #expect(gzReport.findings.first?.type == "xor")
        #expect(gzReport.findings.first?.children.first?.type == "gzip")
        #expect(gzReport.findings.first?.children.first?.sha256 == gzFinding.sha256)
    }

    @Test("an in-band key after the IDAT-loader marker")
    func inBandKey() throws {
        let key: [UInt8] = [0x11, 0x22, 0x33, 0x44]
        let cipher = elf.enumerated().map { $0.element ^ key[$0.offset % 4] }
        let data = picture + [0xC6, 0xA5, 0x79, 0xEA] + key + cipher
        let finding = try wrapped(data, type: "xor", via: "xor:11223344")
        #expect(finding.metadata["marker"] == .string("IDAT loader"))
    }

    @Test("a byte-reversed ELF")
    func reversedELF() throws {
        let finding = try wrapped(picture + Array("pad".utf8) + elf.reversed(), type: "reversed", via: "reversed")
        #expect(finding.offset == picture.count + 3)
        #expect(finding.length == elf.count)
    }

    @Test("text that merely looks encoded produces nothing")
    func noFalsePositives() throws {
        var generator = SeededGenerator(seed: 7)
        let noise = generator.bytes(4000)
        let text = base64(noise, wrap: 76) + Array(noise.map { String(format: "%02X", $0) }.joined().utf8)
        let report = Scanner().scan(bytes: picture + text + noise)
        #expect(report.findings.isEmpty)
        #expect(report.overlay?.explained == false)
    }

    @Test("nesting stops at the depth limit and says so")
    func depthLimit() throws {
        var layer = elf
        for _ in 0..<6 { layer = base64(layer) }
        let deep = Scanner(configuration: ScanConfiguration(limits: ScanLimits(maxDepth: 3))).scan(bytes: picture + layer)
        #expect(deep.findings.isEmpty)
        #expect(deep.limits.map(\.limit) == ["max-depth"])
        let full = Scanner().scan(bytes: picture + layer)
        var node = try #require(full.findings.first)
        var depth = 1
        while let child = node.children.first { node = child; depth += 1 }
        #expect(depth == 7)
        #expect(node.sha256 == elfSHA256)
    }

    @Test("the decoding budget bounds work on huge encoded text and is reported")
    func decodingBudget() throws {
        let text = base64(elf) + [0x20] + base64([UInt8](repeating: 0x41, count: 300_000))
        let report = Scanner(configuration: ScanConfiguration(limits: ScanLimits(maxDecodedBytes: 100_000))).scan(bytes: picture + text)
        #expect(report.findings.first?.children.first?.sha256 == elfSHA256)
        #expect(report.limits.map(\.limit).contains("max-decoded-bytes"))
    }
}
