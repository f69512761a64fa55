/// Finds every occurrence of a fixed set of byte patterns in one pass over the input.
///
/// Each pattern is anchored on its least common pair of adjacent bytes (by a fixed estimate
/// of how often byte values occur in files: zeros, 0xFF, spaces and letters are common).
/// The scan reads every adjacent byte pair of the input once and tests it against a
/// 65,536-bit table of anchor pairs that fits in the L1 cache; only a set bit leads to the
/// full comparison of the patterns anchored there. In high-entropy picture data a bit is set
/// for about one position in a thousand, so the cost is close to one table probe per byte,
/// whatever the number of patterns, and zero-filled input does not make patterns containing
/// zero bytes expensive.
///
/// - Complexity: O(n) for n bytes, plus O(m) per anchor-pair hit for patterns of length m.
package struct MultiPatternSearcher: Sendable {
    /// The patterns, in the order given; match callbacks report an index into this array.
    package let patterns: [[UInt8]]
    /// Bit `key` is set when some pattern is anchored on the byte pair `key`, keyed with the
    /// pair's first byte low (`first | second << 8`: a little-endian 16-bit load).
    private let anchorBits: [UInt64]
    /// The patterns anchored on each pair, with the anchor's position inside the pattern.
    private let anchored: [UInt16: [Anchor]]
    /// The largest anchor position: how far a pair may lie after its pattern's start.
    private let maxAnchorOffset: Int

    private struct Anchor: Sendable {
        var patternIndex: Int
        var offset: Int
    }

    /// Input is searched in blocks of this size; matches inside a block are ordered before
    /// they are reported, and a skip past the block continues after it.
    static let blockSize = 64 << 10

    /// Creates a searcher; patterns shorter than two bytes are ignored.
    package init(patterns: [[UInt8]]) {
        self.patterns = patterns
        var bits = [UInt64](repeating: 0, count: 1024)
        var anchored: [UInt16: [Anchor]] = [:]
        var maxOffset = 0
        for (index, pattern) in patterns.enumerated() where pattern.count >= 2 {
            let offset = Self.anchorOffset(in: pattern)
            let key = UInt16(pattern[offset]) << 8 | UInt16(pattern[offset + 1])
            let loadKey = key.byteSwapped
            bits[Int(loadKey >> 6)] |= 1 << UInt64(loadKey & 63)
            anchored[key, default: []].append(Anchor(patternIndex: index, offset: offset))
            maxOffset = max(maxOffset, offset)
        }
        self.anchorBits = bits
        self.anchored = anchored
        self.maxAnchorOffset = maxOffset
    }

    /// The position of the pattern's least common adjacent byte pair (earliest on ties).
    static func anchorOffset(in pattern: [UInt8]) -> Int {
        guard pattern.count > 2 else { return 0 }
        var best = 0
        for index in 0..<(pattern.count - 1)
        where commonness(pattern[index]) + commonness(pattern[index + 1]) < commonness(pattern[best]) + commonness(pattern[best + 1]) {
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
    /// increasing offset order (pattern order at one offset); a pattern may extend past
    /// `range` but never past `bytes`. `body` returns the offset to resume searching from
    /// (return `offset + 1` to see every match, or the end of a carved payload to skip it);
    /// the other patterns matching at the same offset are still offered.
    package func forEachMatch(
        in bytes: Span<UInt8>,
        range: Range<Int>,
        _ body: (_ patternIndex: Int, _ offset: Int) -> Int
    ) {
        let range = range.clamped(to: 0..<bytes.count)
        guard !anchored.isEmpty, !range.isEmpty else { return }
        var found: [(offset: Int, patternIndex: Int)] = []
        var blockStart = range.lowerBound
        var resume = range.lowerBound
        while blockStart < range.upperBound {
            let blockEnd = min(range.upperBound, blockStart + Self.blockSize)
            found.removeAll(keepingCapacity: true)
            // Pairs whose pattern would start inside this block.
            let pairEnd = min(bytes.count - 1, blockEnd + maxAnchorOffset)
            forEachAnchorPair(in: bytes, from: blockStart, to: pairEnd) { position, key in
                for anchor in anchored[key] ?? [] {
                    let start = position - anchor.offset
                    guard start >= blockStart, start < blockEnd, bytes.matches(patterns[anchor.patternIndex], at: start) else { continue }
                    found.append((start, anchor.patternIndex))
                }
            }
            found.sort { $0.offset != $1.offset ? $0.offset < $1.offset : $0.patternIndex < $1.patternIndex }
            // Every pattern matching at one offset is offered, even after one of them asked
            // to skip: a magic number shared by two formats (`CAFEBABE`) reaches both.
            var offered = -1
            for match in found where match.offset >= resume || match.offset == offered {
                offered = match.offset
                resume = max(resume, body(match.patternIndex, match.offset))
            }
            blockStart = max(blockEnd, resume)
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

    /// Calls `hit(position, key)` for every position in `start..<end` whose byte pair
    /// (`bytes[position]`, `bytes[position + 1]`) is an anchor pair (`key`: first byte
    /// high), in increasing position order; `end < bytes.count`.
    ///
    /// The hot loop of every scan: pointer loads, no bounds checks, one table probe a byte.
    /// Seven positions are probed per step from one unaligned 8-byte load, and one branch
    /// tests all seven: the probes do not wait on each other, and the rare step with a set
    /// bit is sorted out after.
    private func forEachAnchorPair(in bytes: Span<UInt8>, from start: Int, to end: Int, _ hit: (Int, UInt16) -> Void) {
        guard start >= 0, start < end, end < bytes.count else { return }
        unsafe bytes.withUnsafeBufferPointer { input in
            unsafe anchorBits.withUnsafeBufferPointer { table in
                guard let base = input.baseAddress, let bits = table.baseAddress else { return }
                let raw = unsafe UnsafeRawPointer(base)
                @inline(__always) func bit(_ key: UInt64) -> UInt64 {
                    unsafe bits[Int(key >> 6)] >> (key & 63)
                }
                @inline(__always) func probe(_ position: Int) -> (key: UInt16, bit: UInt64) {
                    let key = UInt16(littleEndian: unsafe raw.loadUnaligned(fromByteOffset: position, as: UInt16.self))
                    return (key, bit(UInt64(key)) & 1)
                }
                var position = start
                // Seven positions per step from one 8-byte load of bytes[position ... position + 7]
                // (within bytes[...end]); the probes are independent and one branch tests all seven.
                while end - position >= 7 {
                    let word = UInt64(littleEndian: unsafe raw.loadUnaligned(fromByteOffset: position, as: UInt64.self))
                    var any: UInt64 = 0
                    for lane in 0..<7 { any |= bit(word >> UInt64(lane * 8) & 0xFFFF) }
                    if any & 1 != 0 {
                        for lane in 0..<7 {
                            let key = word >> UInt64(lane * 8) & 0xFFFF
                            if bit(key) & 1 != 0 { hit(position + lane, UInt16(key).byteSwapped) }
                        }
                    }
                    position += 7
                }
                while position < end {
                    let (key, bit) = probe(position)
                    if bit != 0 { hit(position, key.byteSwapped) }
                    position += 1
                }
            }
        }
    }
}
