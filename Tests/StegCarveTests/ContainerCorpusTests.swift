import Foundation
import StegCarve
import Testing
import TestSupport

/// The GIF, BMP, WebP, TIFF and ICO corpus files (`Corpus/gen_containers.py`) beyond what
/// every corpus file is checked for: declared picture size, the libtiff/libwebp decode of TIFF
/// and WebP (GIF, BMP and icons have no library decode), and findings in joined sub-block
/// streams with the file ranges they came from.
@Suite("Container corpus")
struct ContainerCorpusTests {
    static let formats: Set<String> = ["gif", "bmp", "webp", "tiff", "ico", "cur"]
    static let files = CorpusManifest.shared.files.filter { formats.contains($0.format) }

    @Test("every container format has clean files and payload placements")
    func coverage() {
        for format in ["gif", "bmp", "webp", "tiff", "ico"] {
            #expect(Self.files.contains { $0.format == format && $0.clean }, "\(format) clean")
            #expect(Self.files.contains { $0.format == format && !$0.clean }, "\(format) payload")
        }
    }

    @Test("header, decode status and file ranges", arguments: files)
    func structure(file: CorpusManifest.File) throws {
        let report = try Scanner().scan(fileAt: CorpusLocator.corpusDirectory.appendingPathComponent(file.path).path)
        if ["webp", "tiff"].contains(file.format) {
            let decode = try #require(report.decode)
            #expect(decode.decodes, "\(decode.message ?? "")")
            #expect(decode.warnings == 0)
            if let header = file.header { #expect(decode.width == header.width && decode.height == header.height) }
        } else {
            #expect(report.decode == nil)
        }
        if let expected = file.header {
            #expect(report.header?.width == expected.width)
            #expect(report.header?.height == expected.height)
        }
        try #require(report.findings.count == file.findings.count)
        for (actual, expected) in zip(report.findings, file.findings) {
            let ranges = actual.fileRanges?.map { CorpusManifest.Extent(offset: $0.offset, length: $0.length) }
            #expect(ranges == expected.fileRanges)
        }
    }
}
