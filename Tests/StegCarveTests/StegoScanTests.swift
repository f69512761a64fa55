import Foundation
import StegCarve
import Testing
import TestSupport

/// The scanner's steganography stage on Corpus/stego (made by Corpus/gen_stego.py with
/// stegano, steghide, outguess, jpeglib and our own sequential LSB embedder), checked against
/// Corpus/stego/expected.json.
@Suite("Pixel and coefficient steganography in scans")
struct StegoScanTests {
    struct Expected: Decodable {
        struct Child: Decodable {
            var kind: String
            var offset: Int
            var length: Int
            var sha256: String
        }
        struct Finding: Decodable {
            /// `nil` for a finding outside the pixels (then `region` names where it is).
            var layout: String?
            var kind: String
            var offset: Int
            var length: Int?
            var sha256: String?
            var prefix: String?
            var domain: String?
            var region: String?
            var children: [Child]?
        }
        var findings: [Finding]
        var domain: String
        var signal: String
        var fingerprints: [String]?
    }

    static let expectations: [String: Expected] = (try? JSONDecoder().decode(
        [String: Expected].self, from: Data(CorpusLocator.bytes("stego/expected.json")))) ?? [:]

    @Test("every sample gives the manifest's findings, layout and signal", arguments: expectations.keys.sorted())
    func matchesTheManifest(_ name: String) throws {
        let expected = try #require(Self.expectations[name])
        let report = Scanner().scan(bytes: try CorpusLocator.bytes("stego/\(name)"), path: name)
        let stego = try #require(report.stego)
        #expect(stego.domain == expected.domain)
        #expect(stego.mode == "default")
        if expected.signal != "any" {
            #expect(stego.signal == expected.signal, "\(stego.meaning)")
        }
        #expect(Set(stego.fingerprints) == Set(expected.fingerprints ?? []))
        #expect(report.findings.count == expected.findings.count, "\(report.findings.map { ($0.type, $0.region) })")
        for (found, wanted) in zip(report.findings, expected.findings) {
            #expect(found.region == wanted.region ?? "\(expected.domain):\(wanted.layout ?? "")")
            #expect(found.via == wanted.layout)
            #expect(found.offset == wanted.offset)
            if wanted.kind.hasPrefix("stego:") {
                // A tool's framing: the exact range its header declares, the tool named.
                #expect(found.type == wanted.kind)
                #expect(found.length == wanted.length)
                #expect(found.sha256 == wanted.sha256)
                #expect(found.labels.map(\.name) == ["stego-tool"])
                #expect(found.children.map { "payload:\($0.type)" } == (wanted.children ?? []).map(\.kind))
                for (child, want) in zip(found.children, wanted.children ?? []) {
                    #expect(child.offset == want.offset && child.length == want.length && child.sha256 == want.sha256)
                }
            } else if wanted.kind.hasPrefix("payload:") {
                #expect(found.type == String(wanted.kind.dropFirst("payload:".count)))
                #expect(found.length == wanted.length)
                #expect(found.sha256 == wanted.sha256)
                #expect(!found.truncated)
                #expect(report.verdict == .malicious)
            } else {
                // The printable run may go on a few random bytes past the message.
                #expect(found.type == wanted.kind)
                #expect(found.length >= wanted.prefix?.utf8.count ?? 0)
            }
        }
        if expected.findings.isEmpty, expected.signal == "none" {
            #expect(report.verdict == .clean, "\(report.reasons)")
        }
        if expected.signal == "detected", expected.findings.isEmpty {
            #expect(report.verdict == .suspicious)
            #expect(report.reasons.contains { $0.hasPrefix("\(expected.domain) steganalysis: ") })
        }
    }

    @Test("the extracted payload is written with the exact bytes")
    func extractsPixelPayloads() throws {
        let temporary = try TemporaryDirectory()
        let extractor = try ArtifactExtractor(directory: temporary.path + "/out")
        for name in ["lsb-elf-bgr-lsb-first.png", "jsteg-elf.jpg"] {
            let report = Scanner().scan(bytes: try CorpusLocator.bytes("stego/\(name)"), path: name, extractingTo: extractor)
            let finding = try #require(report.findings.first)
            let path = try #require(finding.extractedPath)
            let wanted = try CorpusLocator.bytes(name.hasPrefix("jsteg") ? "elf/min-x86_64-sht-mid.elf" : "elf/payload-x86_64.elf")
            #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))) == wanted)
        }
    }

    @Test("a tool's hidden data is extracted as declared")
    func extractsToolData() throws {
        let temporary = try TemporaryDirectory()
        let extractor = try ArtifactExtractor(directory: temporary.path + "/out")
        let bmp = try CorpusLocator.bytes("stego/wbstego-padded-text.bmp")
        let wb = try #require(Scanner().scan(bytes: bmp, path: "w.bmp", extractingTo: extractor).findings.first)
        let text = try [UInt8](Data(contentsOf: URL(fileURLWithPath: try #require(wb.extractedPath))))
        #expect(text.count == wb.length && text.starts(with: Array("StegCarve corpus: wbStego".utf8)))
        let jpg = try CorpusLocator.bytes("stego/camouflage-block.jpg")
        let camouflage = try #require(Scanner().scan(bytes: jpg, path: "c.jpg", extractingTo: extractor).findings.first)
        let block = try [UInt8](Data(contentsOf: URL(fileURLWithPath: try #require(camouflage.extractedPath))))
        #expect(block == Array(jpg[camouflage.offset...]))
    }

    @Test("a JPEG-coded TIFF and an animated WebP are not decoded: no decode status, no stego section, clean")
    func undecodedPictures() throws {
        for name in ["tiff-jpeg-clean.tif", "webp-animated-clean.webp"] {
            let report = Scanner().scan(bytes: try CorpusLocator.bytes("stego/\(name)"), path: name)
            #expect(report.decode == nil, "\(name)")
            #expect(report.stego == nil, "\(name)")
            #expect(report.verdict == .clean, "\(name): \(report.reasons)")
        }
    }

    @Test("an ELF in an LZW TIFF's decoded sample bytes (in no file byte) is found by the decoded-pixel search")
    func decodedTIFFSamples() throws {
        let bytes = try CorpusLocator.bytes("stego/tiff-lzw-samples-elf.tif")
        let elf = try CorpusLocator.bytes("elf/min-x86_64-sht-mid.elf")
        #expect(bytes.firstRange(of: elf.prefix(64)) == nil, "the ELF is LZW-coded in the file")
        let report = Scanner().scan(bytes: bytes, path: "t.tif")
        let finding = try #require(report.findings.first { $0.region == "pixels" })
        #expect(finding.via == "decode:tiff" && finding.type == "elf" && finding.offset == 0)
        #expect(finding.length == elf.count && finding.sha256 == SHA256Hex.of(elf))
        #expect(report.verdict == .malicious)
    }

    @Test("--stego off: no section, no pixel findings")
    func offMeansOff() throws {
        let scanner = Scanner(configuration: ScanConfiguration(stego: .off))
        let report = scanner.scan(bytes: try CorpusLocator.bytes("stego/lsb-seq-040.png"))
        #expect(report.stego == nil)
        #expect(report.findings.isEmpty)
        #expect(report.verdict == .clean)
    }

    @Test("--stego all tries every order and bits 0-7, and still finds the payload once")
    func allSweepsMoreLayouts() throws {
        let png = try CorpusLocator.bytes("stego/lsb-elf-b0-1-rgb.png")
        let defaultReport = Scanner().scan(bytes: png)
        let allReport = Scanner(configuration: ScanConfiguration(stego: .all)).scan(bytes: png)
        #expect(try #require(allReport.stego).layoutsTried > 5 * (try #require(defaultReport.stego).layoutsTried))
        #expect(allReport.findings.map(\.region) == defaultReport.findings.map(\.region))
    }

    @Test("pictures over maxPixels are not analysed and say so")
    func pixelLimit() throws {
        var configuration = ScanConfiguration()
        configuration.limits.maxPixels = 1000
        let report = Scanner(configuration: configuration).scan(bytes: try CorpusLocator.bytes("stego/lsb-seq-040.png"))
        #expect(report.stego == nil)
        #expect(Set(report.limits.map(\.limit)) == ["max-pixels"])
        #expect(report.limits.contains { $0.message.hasPrefix("steganalysis skipped") })
        #expect(report.verdict == .suspicious)
    }

    @Test("steganalysis decodes pixels, so it is off without decoding")
    func offWithoutDecoding() throws {
        let report = Scanner(configuration: ScanConfiguration(verifiesDecoding: false)).scan(bytes: try CorpusLocator.bytes("stego/lsb-seq-040.png"))
        #expect(report.stego == nil && report.findings.isEmpty)
    }

    @Test("an exhausted time budget stops the sweep with max-seconds")
    func timeLimit() throws {
        var configuration = ScanConfiguration()
        configuration.limits.maxSecondsPerFile = 0
        let report = Scanner(configuration: configuration).scan(bytes: try CorpusLocator.bytes("stego/lsb-seq-040.png"))
        #expect(report.limits.contains { $0.limit == "max-seconds" })
        #expect(report.stego?.layoutsTried == 0)
    }

    /// Tool framing and index layouts must not fire on clean pictures of any format (BMP and
    /// GIF included: their palettes are swept now).
    @Test("no clean corpus picture shows a tool framing or a payload in its pixels")
    func cleanPicturesHaveNoToolFraming() throws {
        let clean = CorpusManifest.shared.files.map(\.path).filter { $0.hasPrefix("clean/") }
            + ["stego/photo-clean-coffee.png", "stego/stegano-clean-cover.png", "stego/jpeg-clean-cover.jpg"]
        #expect(clean.count >= 30)
        for path in clean {
            let report = Scanner().scan(bytes: try CorpusLocator.bytes(path))
            #expect(!report.allFindings.contains { $0.type.hasPrefix("stego:") || $0.region.hasPrefix("pixels:") }, "\(path)")
            let fingerprints = Set(report.stego?.fingerprints ?? [])
            #expect(fingerprints.isDisjoint(with: ["wbstego-header", "camouflage-trailer", "openstego-header"]), "\(path)")
        }
    }

    /// Calibration check (README "Pixel-level steganography"): clean corpus pictures stay
    /// below the detection threshold; sequential LSB at ≥ 0.4 bits per sample is flagged.
    @Test("clean corpus pictures stay clean; sequential LSB at 0.4 bpp and above is detected")
    func calibration() throws {
        let clean = CorpusManifest.shared.files.map(\.path).filter { $0.hasPrefix("clean/") && ($0.hasSuffix(".png") || $0.hasSuffix(".jpg")) }
            + ["stego/photo-clean-coffee.png", "stego/stegano-clean-cover.png", "stego/jpeg-clean-cover.jpg"]
        #expect(clean.count >= 10)
        for path in clean {
            let report = Scanner().scan(bytes: try CorpusLocator.bytes(path))
            #expect(report.stego?.signal != "detected", "\(path): \(report.stego?.meaning ?? "")")
        }
        for rate in ["040", "070", "100"] {
            let report = Scanner().scan(bytes: try CorpusLocator.bytes("stego/lsb-seq-\(rate).png"))
            #expect(report.stego?.signal == "detected", "\(rate): \(report.stego?.meaning ?? "")")
        }
    }
}
