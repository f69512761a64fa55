#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds every occurrence of a fixed set of byte patterns in one pass over the input.
///
/// Each pattern is anchored on its least common byte (by a fixed estimate of how often byte
/// values occur in files: zeros, 0xFF, spaces and letters are common). The scan keeps, for
/// every distinct (anchor byte, position in pattern) pair, the next candidate start found
/// with the C library's vectorised `memchr`, and visits candidates in increasing start
/// order, comparing the full patterns there. A rare anchor costs little more than a memory
/// read, and zero-filled input does not make patterns containing a zero byte expensive.
///
/// - Complexity: O(n · s) `memchr` work for n bytes and s anchor streams, plus O(m) per
///   anchor hit for patterns of length m.
package struct MultiPatternSearcher: Sendable {
    /// The patterns, in the order given; match callbacks report an index into this array.
    package let patterns: [[UInt8]]
    private let streams: [Stream]

    /// Patterns sharing an anchor byte at the same position.
    private struct Stream: Sendable {
        var byte: UInt8
        /// Position of the anchor byte inside each pattern of this stream.
        var offset: Int
        /// The byte after the anchor in every pattern of this stream, checked before a
        /// candidate leaves `memchr`'s loop (most anchor hits fail it).
        var next: UInt8?
        var patternIndexes: [Int]
    }

    /// Creates a searcher; patterns shorter than two bytes are ignored.
    package init(patterns: [[UInt8]]) {
        self.patterns = patterns
        var streams: [Stream] = []
        for (index, pattern) in patterns.enumerated() where pattern.count >= 2 {
            let offset = Self.anchorOffset(in: pattern)
            let byte = pattern[offset]
            let next = offset + 1 < pattern.count ? pattern[offset + 1] : nil
            if let slot = streams.firstIndex(where: { $0.byte == byte && $0.offset == offset && $0.next == next }) {
                streams[slot].patternIndexes.append(index)
            } else {
                streams.append(Stream(byte: byte, offset: offset, next: next, patternIndexes: [index]))
            }
        }
        self.streams = streams
    }

    /// The position of the pattern's least common byte (earliest on ties).
    static func anchorOffset(in pattern: [UInt8]) -> Int {
        var best = 0
        for index in pattern.indices where commonness(pattern[index]) < commonness(pattern[best]) {
            best = index
        }
        return best
    }

    /// A rough rank of how often a byte value occurs in files (higher is more common).
    private static func commonness(_ byte: UInt8) -> Int {
        switch byte {
        case 0x00: return 6
        case 0xFF: return 5
        case 0x20, 0x0A, 0x0D, 0x09: return 4
        case 0x61...0x7A: return 3
        case 0x30...0x39, 0x41...0x5A: return 2
        case 0x01...0x08, 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7F: return 1
        default: return 0
        }
    }

    /// Calls `body(patternIndex, offset)` for every match starting inside `range`, in
    /// increasing offset order; a pattern may extend past `range` but never past `bytes`.
    /// `body` returns the offset to resume searching from (return `offset + 1` to see
    /// every match, or the end of a carved payload to skip over it).
    package func forEachMatch(
        in bytes: Span<UInt8>,
        range: Range<Int>,
        _ body: (_ patternIndex: Int, _ offset: Int) -> Int
    ) {
        let range = range.clamped(to: 0..<bytes.count)
        guard !streams.isEmpty, !range.isEmpty else { return }
        unsafe bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            unsafe scan(UnsafeRawPointer(base), count: buffer.count, range: range, bytes: bytes, body)
        }
    }

    /// Every match in `range` as `(patternIndex, offset)` pairs.
    package func matches(in bytes: Span<UInt8>, range: Range<Int>) -> [(patternIndex: Int, offset: Int)] {
        var found: [(patternIndex: Int, offset: Int)] = []
        forEachMatch(in: bytes, range: range) { index, offset in
            found.append((index, offset))
            return offset + 1
        }
        return found
    }

    private func scan(
        _ base: UnsafeRawPointer,
        count: Int,
        range: Range<Int>,
        bytes: Span<UInt8>,
        _ body: (Int, Int) -> Int
    ) {
        let end = range.upperBound
        // The next candidate start of stream `stream` at or after `start`, or `end`.
        func find(_ stream: Stream, from start: Int) -> Int {
            let from = start + stream.offset
            guard from < count, start < end else { return end }
            // The anchor may lie past `end` (a pattern may extend past the range), but the
            // start must not.
            let limit = min(count, end + stream.offset)
            var position = from
            while position < limit {
                guard let hit = unsafe memchr(base + position, Int32(stream.byte), limit - position) else { return end }
                let anchor = unsafe UnsafeRawPointer(hit) - base
                if let next = stream.next, anchor + 1 < count, unsafe base.load(fromByteOffset: anchor + 1, as: UInt8.self) != next {
                    position = anchor + 1
                    continue
                }
                return anchor - stream.offset
            }
            return end
        }
        var next = streams.map { find($0, from: range.lowerBound) }
        var skipUntil = range.lowerBound
        while true {
            // The smallest pending candidate; few streams, so a linear pick beats a heap.
            var slot = 0
            for index in 1..<max(1, next.count) where next[index] < next[slot] { slot = index }
            let start = next[slot]
            guard start < end else { return }
            if start >= skipUntil {
                for index in streams[slot].patternIndexes where bytes.matches(patterns[index], at: start) {
                    skipUntil = max(skipUntil, body(index, start))
                }
            }
            next[slot] = find(streams[slot], from: max(start + 1, skipUntil))
        }
    }
}
