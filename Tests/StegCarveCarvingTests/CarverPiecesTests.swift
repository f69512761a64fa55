import StegCarveBytes
@testable import StegCarveCarving
import Testing
import TestSupport

/// Targets whose payload is split into pieces (GIF sub-blocks) are searched joined.
@Suite("Carver over joined pieces")
struct CarverPiecesTests {
    /// `payload` split into blocks of `size` bytes, each after a length byte, after `prefix`.
    private func split(_ payload: [UInt8], size: Int, prefix: Int) -> (bytes: [UInt8], pieces: [Range<Int>]) {
        var bytes = [UInt8](repeating: 0x20, count: prefix)
        var pieces: [Range<Int>] = []
        var index = 0
        while index < payload.count {
            let end = min(payload.count, index + size)
            bytes.append(UInt8(end - index))
            pieces.append(bytes.count..<(bytes.count + end - index))
            bytes += payload[index..<end]
            index = end
        }
        return (bytes, pieces)
    }

    @Test("an ELF split over 255-byte pieces is carved whole; offsets count in the joined stream")
    func splitELF() throws {
        let elf = SyntheticELF(is64: true, bigEndian: false, machine: 62).build()
        let stream = Array("comment: ".utf8) + elf
        let (bytes, pieces) = split(stream, size: 255, prefix: 5)
        let target = CarveTarget(name: "extension:comment", range: pieces[0].lowerBound..<pieces[pieces.count - 1].upperBound, pieces: pieces)
        let outcome = Carver().carve(bytes.span, targets: [target], maxFindings: 10)
        let payload = try #require(outcome.payloads.first)
        #expect(outcome.payloads.count == 1)
        #expect(payload.range == 9..<(9 + elf.count))
        #expect(payload.region == "extension:comment")
        #expect(!payload.isTruncated)
        let sources = try #require(payload.sourceRanges)
        #expect(sources.first == (pieces[0].lowerBound + 9)..<pieces[0].upperBound)
        #expect(Array(sources.dropFirst().dropLast()) == Array(pieces.dropFirst().dropLast()))
        #expect(sources.flatMap { Array(bytes[$0]) } == elf)
        // Searched as one contiguous range, the length bytes break the ELF apart.
        let contiguous = Carver().carve(bytes.span, targets: [CarveTarget(name: "raw", range: 0..<bytes.count)], maxFindings: 10)
        #expect(contiguous.payloads.first?.range.count != elf.count)
    }

    @Test("source ranges map a joined range back to the file", arguments: [
        (0..<3, [10..<13]), (2..<6, [12..<13, 20..<23]), (3..<9, [20..<24, 30..<32]), (8..<9, [31..<32]),
    ])
    func sourceRanges(range: Range<Int>, expected: [Range<Int>]) {
        #expect(JoinedPieces.sourceRanges(of: range, in: [10..<13, 20..<24, 30..<35]) == expected)
    }

    @Test("pieces outside the input are clamped and empty targets skipped")
    func clamped() {
        let bytes: [UInt8] = [1, 2, 3]
        let outcome = Carver().carve(bytes.span, targets: [CarveTarget(name: "x", range: 0..<0, pieces: [5..<9, 2..<100])], maxFindings: 10)
        #expect(outcome.payloads.isEmpty)
    }
}
