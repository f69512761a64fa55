/// Finds every occurrence of a fixed set of byte patterns in one pass over the input.
///
/// Each pattern is anchored on its first two bytes. The scan compares 16 positions at a time
/// against every distinct anchor with SIMD, and only positions whose anchor matches are
/// compared in full, so the cost is close to a memory read for the handful of magic numbers
/// the carver looks for.
///
/// - Complexity: O(n · a) vector comparisons for n bytes and a distinct anchors, plus
///   O(m) per anchor hit for patterns of length m.
package struct MultiPatternSearcher: Sendable {
    /// The patterns, in the order given; match callbacks report an index into this array.
    package let patterns: [[UInt8]]
    private let anchors: [Anchor]

    private struct Anchor: Sendable {
        var first: UInt8
        var second: UInt8
        /// Indexes of the patterns that start with this anchor.
        var patternIndexes: [Int]
    }

    /// Creates a searcher; patterns shorter than two bytes are ignored.
    package init(patterns: [[UInt8]]) {
        self.patterns = patterns
        var anchors: [Anchor] = []
        for (index, pattern) in patterns.enumerated() where pattern.count >= 2 {
            if let slot = anchors.firstIndex(where: { $0.first == pattern[0] && $0.second == pattern[1] }) {
                anchors[slot].patternIndexes.append(index)
            } else {
                anchors.append(Anchor(first: pattern[0], second: pattern[1], patternIndexes: [index]))
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
        var position = range.lowerBound
        // Matches starting before this offset are inside something `body` asked to skip.
        var skipUntil = range.lowerBound
        while position < range.upperBound {
            // The vector step reads 17 bytes: 16 lanes plus the second-byte lookahead.
            guard count - position >= 17, range.upperBound - position >= 16 else {
                if position >= skipUntil, let resume = visit(offset: position, bytes: bytes, body) {
                    skipUntil = max(skipUntil, resume)
                }
                position = max(position + 1, skipUntil)
                continue
            }
            let current = unsafe base.loadUnaligned(fromByteOffset: position, as: SIMD16<UInt8>.self)
            let following = unsafe base.loadUnaligned(fromByteOffset: position + 1, as: SIMD16<UInt8>.self)
            var hits = SIMDMask<SIMD16<Int8>>(repeating: false)
            for anchor in anchors {
                hits = hits .| ((current .== anchor.first) .& (following .== anchor.second))
            }
            if any(hits) {
                for lane in 0..<16 where hits[lane] && position + lane >= skipUntil {
                    if let resume = visit(offset: position + lane, bytes: bytes, body) {
                        skipUntil = max(skipUntil, resume)
                    }
                }
            }
            position = max(position + 16, skipUntil)
        }
    }

    /// Checks every pattern anchored at `offset`; returns the resume offset from `body` for
    /// the first full match, or `nil` when none matched.
    private func visit(offset: Int, bytes: Span<UInt8>, _ body: (Int, Int) -> Int) -> Int? {
        guard let first = bytes.uint8(at: offset), let second = bytes.uint8(at: offset + 1) else { return nil }
        var resume: Int?
        for anchor in anchors where anchor.first == first && anchor.second == second {
            for index in anchor.patternIndexes where bytes.matches(patterns[index], at: offset) {
                let next = body(index, offset)
                resume = max(resume ?? next, next)
            }
        }
        return resume
    }
}
