import Foundation
import StegCarve
import Testing
import TestSupport

/// The GIF, BMP, WebP, TIFF and ICO corpus files (`Corpus/gen_containers.py`) beyond what
/// every corpus file is checked for: declared picture size, no libjpeg/libpng decode, and
/// findings in joined sub-block streams with the file ranges they came from.
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
        #expect(report.decode == nil)
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
