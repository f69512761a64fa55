import Foundation
import StegCarve
import Testing
import TestSupport

@Suite("Scanner API")
struct ScannerTests {
    @Test("in-memory bytes: the JPEG/ELF case end to end")
    func inMemory() throws {
        let picture = try CorpusLocator.bytes("clean/jpeg-baseline.jpg")
        let elf = try CorpusLocator.bytes("elf/payload-x86_64.elf")
        let report = Scanner().scan(bytes: picture + elf)
        #expect(report.path == nil)
        #expect(report.format == "jpeg")
        #expect(report.imageEnd == picture.count)
        let finding = try #require(report.findings.first)
        #expect(finding.offset == picture.count)
        #expect(finding.length == elf.count)
        #expect(finding.region == "overlay")
        #expect(finding.confidence == .high)
        #expect(finding.metadata["interpreter"]?.stringValue == "/lib64/ld-linux-x86-64.so.2")
        #expect(finding.indicators.contains { $0.kind == .moneroWallet })
        // Every indicator kind the labeler finds has a public counterpart.
        #expect(Set(finding.indicators.map(\.kind)) == [.moneroWallet, .miningPool, .minerName, .miningAlgorithm, .url, .ipv4])
        #expect(report.overlay?.explained == true)
    }

    @Test("an overlay with no known payload is still reported with size, entropy and first bytes")
    func unexplainedOverlay() throws {
        let picture = try CorpusLocator.bytes("clean/png-rgb.png")
        let report = Scanner().scan(bytes: picture + Array("just some trailing text".utf8))
        let overlay = try #require(report.overlay)
        #expect(overlay.offset == picture.count)
        #expect(overlay.length == 23)
        #expect(overlay.firstBytes == "6a75737420736f6d6520747261696c69")
        #expect(!overlay.explained)
        #expect(overlay.entropy > 3 && overlay.entropy < 5)
        #expect(report.findings.isEmpty)
    }

    @Test("unknown formats are scanned whole as raw bytes")
    func unknownFormat() throws {
        let elf = try CorpusLocator.bytes("elf/min-ppc64-be.elf")
        let report = Scanner().scan(bytes: Array("not an image".utf8) + elf)
        #expect(report.format == "unknown")
        #expect(report.decode == nil)
        #expect(report.findings.map(\.offset) == [12])
        #expect(report.findings.first?.region == "raw")
    }

    @Test("a picture that does not decode says so with the library's message")
    func brokenPicture() throws {
        var picture = try CorpusLocator.bytes("clean/jpeg-baseline.jpg")
        // Cut the entropy-coded data short: libjpeg warns and pads.
        picture.removeSubrange(1500..<(picture.count - 2))
        let report = Scanner().scan(bytes: picture)
        let decode = try #require(report.decode)
        #expect(decode.width != nil)
        #expect(decode.message != nil)
        #expect(!decode.decodes || decode.warnings > 0)
    }

    @Test("limits are reported, not swallowed")
    func limits() throws {
        let picture = try CorpusLocator.bytes("clean/jpeg-baseline.jpg")
        let elf = try CorpusLocator.bytes("elf/min-arm-le.elf")
        let configuration = ScanConfiguration(limits: ScanLimits(maxPixels: 10, maxFindings: 1))
        let report = Scanner(configuration: configuration).scan(bytes: picture + elf + elf)
        #expect(report.findings.count == 1)
        #expect(Set(report.limits.map(\.limit)) == ["max-findings", "max-pixels"])
    }

    @Test("unreadable paths throw a ScanError naming the call")
    func unreadable() {
        let error = #expect(throws: ScanError.self) { try Scanner().scan(fileAt: "/nonexistent/picture.jpg") }
        #expect(error?.reason.hasPrefix("open:") == true)
        #expect(error?.code == 2)
    }

    @Test("reports round-trip through JSON with the documented top-level keys")
    func jsonShape() throws {
        let picture = try CorpusLocator.bytes("clean/jpeg-baseline.jpg")
        let elf = try CorpusLocator.bytes("elf/payload-mips.elf")
        let report = Scanner().scan(bytes: picture + elf, path: "x.jpg")
        let data = try JSONEncoder().encode(report)
        #expect(try JSONDecoder().decode(ScanReport.self, from: data) == report)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        for key in ["schemaVersion", "path", "size", "sha256", "format", "decode", "imageEnd", "pictures", "overlay", "regions", "anomalies", "findings", "limits", "errors"] {
            #expect(object[key] != nil, "missing \(key)")
        }
        let finding = try #require((object["findings"] as? [[String: Any]])?.first)
        for key in ["type", "offset", "length", "sha256", "md5", "sha1", "labels", "metadata", "children", "region", "truncated", "confidence", "entropy", "indicators"] {
            #expect(finding[key] != nil, "missing finding.\(key)")
        }
        #expect(finding["type"] as? String == "elf")
        #expect((finding["metadata"] as? [String: Any])?["machine"] as? String == "MIPS")
    }
}

@Suite("Time budget")
struct TimeBudgetTests {
    @Test("a spent time budget stops the payload search and is reported")
    func zeroBudget() throws {
        let picture = try CorpusLocator.bytes("clean/jpeg-baseline.jpg")
        let elf = try CorpusLocator.bytes("elf/min-arm-le.elf")
        let report = Scanner(configuration: ScanConfiguration(limits: ScanLimits(maxSecondsPerFile: 0))).scan(bytes: picture + elf)
        #expect(report.findings.isEmpty)
        #expect(report.limits.map(\.limit) == ["max-seconds"])
        #expect(report.overlay?.length == elf.count)
    }
}
