#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds every occurrence of a fixed set of byte patterns in one pass over the input.
///
/// Each pattern is anchored on its first byte. The scan keeps, for every distinct first
/// byte, the next position where it occurs (found with the C library's vectorised
/// `memchr`) and visits those positions in increasing order, comparing the full patterns
/// there. Rare first bytes (such as ELF's `0x7F`) therefore cost little more than a memory
/// read, and a handful of magic numbers needs no more than a handful of `memchr` streams.
///
/// - Complexity: O(n · f) `memchr` work for n bytes and f distinct first bytes, plus O(m)
///   per first-byte hit for patterns of length m.
package struct MultiPatternSearcher: Sendable {
    /// The patterns, in the order given; match callbacks report an index into this array.
    package let patterns: [[UInt8]]
    private let anchors: [Anchor]

    private struct Anchor: Sendable {
        var first: UInt8
        /// Indexes of the patterns that start with this byte.
        var patternIndexes: [Int]
    }

    /// Creates a searcher; patterns shorter than two bytes are ignored.
    package init(patterns: [[UInt8]]) {
        self.patterns = patterns
        var anchors: [Anchor] = []
        for (index, pattern) in patterns.enumerated() where pattern.count >= 2 {
            if let slot = anchors.firstIndex(where: { $0.first == pattern[0] }) {
                anchors[slot].patternIndexes.append(index)
            } else {
                anchors.append(Anchor(first: pattern[0], patternIndexes: [index]))
            }
        }
        self.anchors = anchors
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
        guard !anchors.isEmpty, range.count >= 2 else { return }
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
        // next[i]: the next offset >= the cursor where anchor i's byte occurs (or `end`).
        let end = range.upperBound
        func find(_ byte: UInt8, from start: Int) -> Int {
            guard start < end else { return end }
            guard let hit = unsafe memchr(base + start, Int32(byte), end - start) else { return end }
            return unsafe UnsafeRawPointer(hit) - base
        }
        var next = anchors.map { find($0.first, from: range.lowerBound) }
        var skipUntil = range.lowerBound
        while true {
            // The smallest pending candidate; few anchors, so a linear pick beats a heap.
            var slot = 0
            for index in 1..<max(1, next.count) where next[index] < next[slot] { slot = index }
            let offset = next[slot]
            guard offset < end else { return }
            if offset >= skipUntil {
                for index in anchors[slot].patternIndexes where bytes.matches(patterns[index], at: offset) {
                    skipUntil = max(skipUntil, body(index, offset))
                }
            }
            next[slot] = find(anchors[slot].first, from: max(offset + 1, skipUntil))
        }
    }
}
