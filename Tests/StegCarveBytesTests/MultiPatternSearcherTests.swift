import StegCarveBytes
import Testing
import TestSupport

@Suite("Multi-pattern search")
struct MultiPatternSearcherTests {
    /// Every occurrence, by brute force: the oracle.
    private func naiveMatches(_ patterns: [[UInt8]], in data: [UInt8], range: Range<Int>) -> [(Int, Int)] {
        var result: [(Int, Int)] = []
        for offset in range {
            for (index, pattern) in patterns.enumerated() where pattern.count >= 2 && offset + pattern.count <= data.count {
                if Array(data[offset..<offset + pattern.count]) == pattern { result.append((index, offset)) }
            }
        }
        return result
    }

    @Test("finds exactly what a brute-force search finds", arguments: [0, 1, 2, 3, 4, 5, 6, 7])
    func matchesBruteForce(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        // A small alphabet makes partial matches and overlaps frequent.
        var data = (0..<5000).map { _ in UInt8.random(in: 0x40...0x47, using: &generator) }
        let patterns: [[UInt8]] = [[0x7F, 0x45, 0x4C, 0x46], [0x41, 0x42], [0x41, 0x42, 0x43], [0x44, 0x44, 0x44], [0x47]]
        for _ in 0..<20 {
            let position = Int.random(in: 0..<(data.count - 4), using: &generator)
            data.replaceSubrange(position..<position + 4, with: patterns[0])
        }
        let lower = Int(seed) * 7
        let upper = data.count - Int(seed) * 13
        let found = MultiPatternSearcher(patterns: patterns).matches(in: data.span, range: lower..<upper)
        let expected = naiveMatches(patterns, in: data, range: lower..<upper)
        #expect(found.map { [$0.patternIndex, $0.offset] } == expected.map { [$0.0, $0.1] })
    }

    @Test("matches at every position of short inputs: the seven-position steps and their tails")
    func everyPositionOfShortInputs() {
        let patterns: [[UInt8]] = [[0xAB, 0xCD], [0xCD, 0xAB, 0xCD]]
        let searcher = MultiPatternSearcher(patterns: patterns)
        for count in 2...40 {
            for position in 0...(count - 2) {
                var data = [UInt8](repeating: 0, count: count)
                data[position] = 0xAB
                data[position + 1] = 0xCD
                if position >= 2 { data[position - 1] = 0xCD }
                for lower in [0, 1, 6, 7, 8] where lower <= count {
                    let found = searcher.matches(in: data.span, range: lower..<count)
                    let expected = naiveMatches(patterns, in: data, range: lower..<count)
                    #expect(found.map { [$0.patternIndex, $0.offset] } == expected.map { [$0.0, $0.1] }, "count \(count), at \(position), from \(lower)")
                }
            }
        }
    }

    @Test("a resume offset skips matches inside a claimed range")
    func resumeSkipsClaimedBytes() {
        let data: [UInt8] = Array(repeating: 0, count: 10) + [0xAA, 0xBB] + Array(repeating: 0xAA, count: 3) + [0xAA, 0xBB] + Array(repeating: 0, count: 40) + [0xAA, 0xBB]
        var seen: [Int] = []
        MultiPatternSearcher(patterns: [[0xAA, 0xBB]]).forEachMatch(in: data.span, range: 0..<data.count) { _, offset in
            seen.append(offset)
            return offset == 10 ? 20 : offset + 1
        }
        #expect(seen == [10, 57])
    }

    @Test("tiny and empty inputs")
    func tinyInputs() {
        let searcher = MultiPatternSearcher(patterns: [[1, 2]])
        func offsets(_ data: [UInt8], _ range: Range<Int>) -> [Int] {
            searcher.matches(in: data.span, range: range).map(\.offset)
        }
        #expect(offsets([], 0..<0).isEmpty)
        #expect(offsets([1], 0..<1).isEmpty)
        #expect(offsets([1, 2], 0..<2) == [0])
        // A range past the end is clamped, never read.
        #expect(offsets([0, 1, 2], 0..<100) == [1])
    }
}

@Suite("Integer loads and entropy")
struct IntegerAndEntropyTests {
    @Test func loadsInBothOrders() {
        let bytes: [UInt8] = [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08]
        let loads = (
            bytes.span.uint16(at: 0, .big), bytes.span.uint16(at: 0, .little), bytes.span.uint32(at: 4, .big),
            bytes.span.uint64(at: 0, .little), bytes.span.uint32(at: 5, .big), bytes.span.uint16(at: -1, .big),
            bytes.span.uint64(at: Int.max, .big), bytes.span.contains(offset: 4, length: Int.max)
        )
        #expect(loads.0 == 0x0102)
        #expect(loads.1 == 0x0201)
        #expect(loads.2 == 0x0506_0708)
        #expect(loads.3 == 0x0807_0605_0403_0201)
        #expect(loads.4 == nil)
        #expect(loads.5 == nil)
        #expect(loads.6 == nil)
        #expect(!loads.7)
    }

    @Test func entropyOfKnownDistributions() {
        func entropy(_ data: [UInt8]) -> Double { ByteHistogram(data.span).entropy }
        #expect(entropy([UInt8](repeating: 7, count: 1000)) == 0)
        #expect(abs(entropy((0..<256 * 4).map { UInt8($0 & 0xFF) }) - 8) < 1e-9)
        #expect(abs(entropy((0..<1000).map { UInt8($0 & 1) }) - 1) < 1e-9)
        #expect(entropy([]) == 0)
    }

    @Test func firstIndexUsesBounds() {
        let bytes: [UInt8] = [1, 2, 0xFF, 4, 0xFF]
        func find(_ start: Int, _ end: Int? = nil) -> Int? { bytes.span.firstIndex(of: 0xFF, from: start, to: end) }
        #expect(find(0) == 2)
        #expect(find(3) == 4)
        #expect(find(3, 4) == nil)
        #expect(find(9) == nil)
    }

    @Test func cStringStopsAtLimitsAndInvalidUTF8() {
        let bytes: [UInt8] = Array("abc\0".utf8) + [0xFF, 0xFE, 0] + Array("no-terminator".utf8)
        func string(at offset: Int) -> String? { bytes.span.cString(at: offset) }
        #expect(string(at: 0) == "abc")
        #expect(string(at: 4) == nil)
        #expect(string(at: 7) == nil)
    }
}

@Suite("Byte sources")
struct ByteSourceTests {
    @Test func mapsAFileAndRefusesOthers() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/data.bin"
        let content = (0..<10_000).map { UInt8($0 % 251) }
        try directory.write(content, to: "data.bin")
        let source = try ByteSource(contentsOfFile: path)
        #expect(source.count == content.count)
        #expect(source.copyBytes(in: 9_990..<20_000) == Array(content[9_990...]))

        let empty = try directory.write([], to: "empty.bin")
        #expect(try ByteSource(contentsOfFile: empty).count == 0)

        let missing = #expect(throws: ByteSourceError.self) { try ByteSource(contentsOfFile: directory.path + "/nope") }
        #expect(missing?.operation == "open")
        let isDirectory = #expect(throws: ByteSourceError.self) { try ByteSource(contentsOfFile: directory.path) }
        #expect(isDirectory?.code == 21)  // EISDIR
        let tooLarge = #expect(throws: ByteSourceError.self) { try ByteSource(contentsOfFile: path, maximumSize: 100) }
        #expect(tooLarge?.code == 27)  // EFBIG
    }
}
