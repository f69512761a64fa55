import Foundation
import StegCarve
import Testing
import TestSupport

/// Every corpus file against the manifest `Corpus/generate.py` wrote from the bytes it built.
@Suite("Corpus")
struct CorpusTests {
    @Test("the manifest loads and covers the corpus")
    func manifestLoads() throws {
        let manifest = try CorpusManifest.load()
        #expect(manifest.version == 1)
        #expect(manifest.files.filter(\.clean).count >= 15)
        #expect(manifest.files.filter { !$0.findings.isEmpty }.count >= 15)
    }

    @Test("each file reports exactly the expected structure and findings", arguments: CorpusManifest.shared.files)
    func expectedFindings(file: CorpusManifest.File) throws {
        let path = CorpusLocator.corpusDirectory.appendingPathComponent(file.path).path
        let report = try Scanner().scan(fileAt: path)
        #expect(report.path == path)
        #expect(report.size == file.size)
        #expect(report.sha256 == file.sha256)
        #expect(report.format == file.format)
        #expect(report.imageEnd == file.imageEnd)
        #expect(report.pictures == file.pictures)
        #expect(report.overlay?.offset == file.overlay?.offset)
        #expect(report.overlay?.length == file.overlay?.length)
        #expect(Set(report.limits.map(\.limit)) == Set(file.limits ?? []))
        if let anomalies = file.anomalies {
            #expect(Set(report.anomalies.map(\.code)) == Set(anomalies))
        }
        if file.path.hasPrefix("lookalike/") {
            // Declared content explains the whole overlay and nothing in it is suspicious.
            #expect(report.overlay == nil || report.overlay?.explained == true)
            #expect(report.anomalies.isEmpty, "\(report.anomalies)")
        }
        #expect(report.errors.isEmpty)
        if ["jpeg", "png"].contains(file.format) {
            #expect(report.decode?.decodes == true, "\(report.decode?.message ?? "no decode status")")
            // The structure's header and libjpeg/libpng agree on the picture.
            let header = try #require(report.header)
            #expect(header.width == report.decode?.width)
            #expect(header.height == report.decode?.height)
            #expect(header.bitsPerSample == report.decode?.bitsPerSample)
            #expect((header.coding == "progressive" || header.interlaced) == report.decode?.progressive)
        }

        try compare(report.findings, file.findings, path: "")
        if let overlay = report.overlay, !file.path.hasPrefix("lookalike/") {
            let tiled = file.findings.reduce(overlay.offset) { end, finding in
                finding.offset == end ? finding.offset + finding.length : end
            }
            #expect(overlay.explained == (tiled == overlay.offset + overlay.length))
        }
    }

    /// Compares findings with the manifest's, recursively through children.
    private func compare(_ actual: [Finding], _ expected: [CorpusManifest.ExpectedFinding], path: String) throws {
        try #require(actual.count == expected.count, "\(path): found \(actual.map { "\($0.type)@\($0.offset)+\($0.length)" })")
        for (actual, expected) in zip(actual, expected) {
            let here = "\(path)/\(expected.type)@\(expected.offset)"
            #expect(actual.type == expected.type, "\(here)")
            #expect(actual.offset == expected.offset, "\(here)")
            #expect(actual.length == expected.length, "\(here)")
            #expect(actual.sha256 == expected.sha256, "\(here)")
            #expect(actual.truncated == expected.truncated, "\(here)")
            #expect(actual.region == expected.region, "\(here)")
            #expect(actual.via == expected.via, "\(here)")
            for (key, value) in expected.metadata {
                let reported: CorpusManifest.ManifestValue? = switch actual.metadata[key] {
                case .integer(let number): .integer(number)
                case .string(let text): .string(text)
                case .bool(let flag): .bool(flag)
                default: nil
                }
                #expect(reported == value, "\(here) metadata \(key)")
            }
            // Bundled YARA rule labels (builds with the YARA trait) are checked in StegCarveYARATests.
            #expect(Set(actual.labels.map(\.name).filter { !$0.hasPrefix("yara:") }) == Set(expected.labels), "\(here)")
            #expect(actual.labels.allSatisfy { !$0.reason.isEmpty })
            try compare(actual.children, expected.children ?? [], path: here)
        }
    }

    @Test("header fields name the coding variant of each clean picture")
    func codingVariants() throws {
        func header(_ path: String) throws -> ImageHeader? {
            try Scanner().scan(fileAt: CorpusLocator.corpusDirectory.appendingPathComponent(path).path).header
        }
        #expect(try header("clean/jpeg-baseline.jpg")?.coding == "baseline")
        #expect(try header("clean/jpeg-progressive.jpg")?.coding == "progressive")
        #expect(try header("clean/jpeg-arithmetic.jpg")?.arithmeticCoding == true)
        #expect(try header("clean/jpeg-restart.jpg")?.restartInterval != nil)
        #expect(try header("clean/jpeg-grayscale.jpg")?.channels == 1)
        #expect(try header("clean/jpeg-cmyk.jpg")?.channels == 4)
        #expect(try header("clean/png-adam7.png")?.interlaced == true)
        #expect(try header("clean/png-rgb16.png")?.bitsPerSample == 16)
        #expect(try header("clean/png-palette-trns.png")?.colorType == "palette")
    }

    @Test("clean pictures report no executable and no overlay", arguments: CorpusManifest.shared.files.filter(\.clean))
    func cleanFiles(file: CorpusManifest.File) throws {
        let report = try Scanner().scan(fileAt: CorpusLocator.corpusDirectory.appendingPathComponent(file.path).path)
        #expect(report.allFindings.isEmpty)
        #expect(report.overlay == nil)
        #expect(report.anomalies.isEmpty, "\(report.anomalies)")
    }
}
