import Foundation
import StegCarve
import Testing
import TestSupport

/// The look-alike corpus (`Corpus/gen_lookalikes*.py`) beyond what every corpus file is
/// checked for: payloads carved from joined metadata streams (Extended XMP, JUMBF) with the
/// file ranges they came from, the declared trailers by name, and a camera's own pictures.
@Suite("Look-alike corpus")
struct LookalikeCorpusTests {
    static let joinedFiles = CorpusManifest.shared.files.filter { file in
        ["jpeg", "png"].contains(file.format) && file.findings.contains { $0.fileRanges != nil }
    }

    static func scan(_ path: String) throws -> ScanReport {
        try Scanner().scan(fileAt: CorpusLocator.corpusDirectory.appendingPathComponent(path).path)
    }

    static func bytes(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: CorpusLocator.corpusDirectory.appendingPathComponent(path)))
    }

    @Test("findings in joined streams name the file ranges whose bytes they are", arguments: joinedFiles)
    func fileRanges(file: CorpusManifest.File) throws {
        let report = try Self.scan(file.path)
        let data = try Self.bytes(file.path)
        try #require(report.findings.count == file.findings.count)
        for (actual, expected) in zip(report.findings, file.findings) {
            let ranges = actual.fileRanges?.map { CorpusManifest.Extent(offset: $0.offset, length: $0.length) }
            #expect(ranges == expected.fileRanges, "\(file.path): \(actual.type)@\(actual.offset)")
            // The ranges, joined, are the carved bytes (hashed by coreutils).
            let joined = (expected.fileRanges ?? []).flatMap { data[$0.offset..<($0.offset + $0.length)] }
            #expect(SHA256Hex.of(joined) == expected.sha256)
        }
    }

    @Test("the joined-metadata corpus covers Extended XMP and JUMBF, with payloads spanning segments")
    func joinedCoverage() {
        let regions = Set(Self.joinedFiles.flatMap(\.findings).map(\.region))
        #expect(regions.isSuperset(of: ["segment:APP1:ExtendedXMP", "segment:APP11:JUMBF"]))
        #expect(Self.joinedFiles.flatMap(\.findings).filter { ($0.fileRanges?.count ?? 0) >= 2 }.count >= 3)
    }

    static let trailers: [(path: String, declared: [String])] = [
        ("lookalike/jpeg-afcp-trailer.jpg", ["declared:afcp"]),
        ("lookalike/jpeg-fotostation-trailer.jpg", ["declared:fotostation"]),
        ("lookalike/jpeg-photomechanic-trailer.jpg", ["declared:photo-mechanic"]),
        ("lookalike/jpeg-afcp-photomechanic-trailers.jpg", ["declared:afcp", "declared:photo-mechanic"]),
        ("lookalike/jpeg-afcp-text-elf.jpg", ["declared:afcp"]),
        ("lookalike/jpeg-samsung-sef.jpg", ["declared:samsung-sef"]),
        ("payload/jpeg-afcp-iptc-elf.jpg", []),
        ("payload/jpeg-fotostation-preview-elf.jpg", []),
        ("payload/jpeg-photomechanic-elf.jpg", []),
    ]

    @Test("trailers after the EOI are declared by name when they verify, and tile the overlay")
    func declaredTrailers() throws {
        for (path, declared) in Self.trailers {
            let report = try Self.scan(path)
            let regions = report.regions.filter { $0.kind == .declared }
            #expect(regions.map(\.name) == declared, "\(path)")
            let overlay = try #require(report.overlay, "\(path)")
            if !declared.isEmpty {
                #expect(regions.first?.offset == overlay.offset && overlay.explained, "\(path)")
                #expect(regions.last.map { $0.offset + $0.length } == report.size, "\(path)")
                #expect(report.reasons.contains { $0.contains("content the file declares and that verifies") }, "\(path)")
            } else {
                #expect(!overlay.explained, "\(path)")
                #expect(report.anomalies.map(\.code) == ["declared-content-invalid"], "\(path)")
            }
        }
    }

    @Test("a camera's EXIF thumbnail and maker-note preview are complete pictures, and its own: no finding")
    func cameraPictures() throws {
        let path = "clean/jpeg-camera-makernote-preview.jpg"
        let report = try Self.scan(path)
        #expect(report.findings.isEmpty)
        #expect(report.verdict == .clean)
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: CorpusLocator.corpusDirectory.appendingPathComponent("manifest.json")))
        let files = try #require((manifest as? [String: Any])?["files"] as? [[String: Any]])
        let entry = try #require(files.first { $0["path"] as? String == path })
        let embedded = try #require(entry["embedded"] as? [[String: Any]])
        #expect(Set(embedded.compactMap { $0["kind"] as? String }) == ["exif-thumbnail", "maker-note-preview"])
        let data = try Self.bytes(path)
        let exif = try #require(report.regions.first { $0.name == "segment:APP1:Exif" })
        for picture in embedded {
            let offset = try #require(picture["offset"] as? Int), length = try #require(picture["length"] as? Int)
            // Inside the Exif segment, and on its own a whole picture that decodes.
            #expect(offset >= exif.offset && offset + length <= exif.offset + exif.length)
            let alone = Scanner().scan(bytes: Array(data[offset..<(offset + length)]), path: nil)
            #expect(alone.format == "jpeg" && alone.imageEnd == length && alone.decode?.decodes == true)
        }
    }

    @Test("C2PA and Extended XMP segments are metadata regions, reported as such")
    func joinedRegions() throws {
        let c2pa = try Self.scan("lookalike/jpeg-c2pa.jpg")
        #expect(c2pa.regions.filter { $0.name == "segment:APP11:JUMBF" && $0.kind == .metadata }.count >= 2)
        let png = try Self.scan("lookalike/png-c2pa-cabx.png")
        #expect(png.regions.contains { $0.name == "chunk:caBX" })
        let depth = try Self.scan("lookalike/jpeg-extended-xmp-gdepth.jpg")
        #expect(depth.regions.filter { $0.name == "segment:APP1:ExtendedXMP" }.count >= 3)
        #expect(depth.findings.allSatisfy { $0.children.map(\.type) == ["jpeg"] })
    }
}
