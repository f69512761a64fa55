import StegCarve
import Testing
import TestSupport

/// Payloads written into a PNG's own image data are searched only when decoding is on, and
/// the pixel search honours the decoded-bytes budget.
@Suite("Searching a picture's decoded data")
struct PictureDataSearchTests {
    @Test("scanlines and pixels are searched with decoding, not without", arguments: [
        ("payload/png-scanlines-elf.png", "scanlines", "inflate:IDAT"),
        ("payload/png-pixels-elf.png", "pixels", "decode:png"),
    ])
    func decodingSwitch(path: String, region: String, via: String) throws {
        let bytes = try CorpusLocator.bytes(path)
        let decoded = Scanner().scan(bytes: bytes)
        #expect(decoded.findings.map(\.region) == [region])
        #expect(decoded.findings.map(\.via) == [via])
        #expect(decoded.verdict == .malicious)
        let structureOnly = Scanner(configuration: ScanConfiguration(verifiesDecoding: false)).scan(bytes: bytes)
        #expect(structureOnly.findings.isEmpty)
        #expect(structureOnly.decode == nil)
    }

    @Test("pixels too large for the budget are verified, not searched, and the limit says so")
    func pixelBudget() throws {
        let bytes = try CorpusLocator.bytes("payload/png-pixels-elf.png")
        let report = Scanner(configuration: ScanConfiguration(limits: ScanLimits(maxDecodedBytes: 4096))).scan(bytes: bytes)
        #expect(report.findings.isEmpty)
        #expect(report.decode?.decodes == true)
        #expect(report.limits.map(\.limit).contains("max-decoded-bytes"))
    }
}
