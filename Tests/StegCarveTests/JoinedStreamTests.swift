import Foundation
import StegCarve
import Testing
import TestSupport

/// A payload split over GIF comment sub-blocks, end to end through the Scanner.
@Suite("Findings in joined streams")
struct JoinedStreamTests {
    @Test("the finding counts within the joined sub-blocks, names its file ranges, and extracts joined bytes")
    func gifComment() throws {
        let elf = try CorpusLocator.bytes("elf/payload-x86_64.elf")
        let prefix = Array("note: ".utf8)
        let header = SyntheticGIF.header()
        let gif = header + SyntheticGIF.comment(prefix + elf) + SyntheticGIF.image() + [0x3B]
        let temporary = try TemporaryDirectory()
        let extractor = try ArtifactExtractor(directory: temporary.path + "/out")
        let report = Scanner().scan(bytes: gif, path: "upload.gif", extractingTo: extractor)
        #expect(report.format == "gif")
        #expect(report.overlay == nil)
        let finding = try #require(report.findings.first)
        #expect(report.findings.count == 1)
        #expect(finding.region == "extension:comment")
        #expect(finding.offset == prefix.count)
        #expect(finding.length == elf.count)
        #expect(finding.confidence == .high)
        #expect(finding.labels.map(\.name).contains("cryptominer"))
        let ranges = try #require(finding.fileRanges)
        let firstData = header.count + 3
        #expect(ranges.first == FileRange(offset: firstData + prefix.count, length: 255 - prefix.count))
        #expect(ranges.dropFirst().allSatisfy { $0.length == 255 || $0 == ranges.last })
        #expect(ranges.flatMap { Array(gif[$0.offset..<($0.offset + $0.length)]) } == elf)
        let path = try #require(finding.extractedPath)
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))) == elf)
    }

    @Test("contiguous findings carry no file ranges")
    func contiguous() throws {
        let report = try Scanner().scan(fileAt: CorpusLocator.corpusDirectory.appendingPathComponent("payload/gif-trailer-elf-x86_64.gif").path)
        #expect(report.findings.count == 1)
        #expect(report.findings.first?.fileRanges == nil)
        #expect(report.overlay?.explained == true)
    }
}
