/// Lookup tables for the fused 8-bit detector pass (``FusedChannelPass``): for the three
/// neighbour pairs of an RS group (a, b, c, d) they hold the change in smoothness each pair
/// contributes under RS's flips, and the pair's Sample Pairs Analysis counts, so a group costs
/// three table reads instead of thirty-six absolute differences and a dozen comparisons; a
/// fourth table turns the group's summed changes into its RS classes without a branch.
///
/// ``entries`` holds four tables of 65,536 words one after the other: ``first``, ``middle``
/// and ``last`` (pair tables, index `x << 8 | y` for the pair (x, y) in scan order), then
/// ``classes`` (index: the RS part of a group's summed pair words).
///
/// Pair word, RS (bits 0–15): with F the flip (F1: x ^ 1; F−1: 2x − F1(x)), single(x, y) =
/// |F(y) − x| − |y − x| (only y flipped) and both(x, y) = |F(y) − F(x)| − |y − x|. For the mask
/// (0, 1, 1, 0): f(F_M(G)) − f(G) = single(a, b) + both(b, c) + single(d, c). Each word packs
/// four deltas (each in −2…2, stored + 2 in a nibble): F1 and F−1 on the pair, then F1 and F−1
/// on (x ^ 1, y ^ 1) for the picture with every LSB flipped. Three words add without carrying
/// between nibbles (3 × 4 = 12 < 16); each nibble minus 6 is the group's change.
///
/// Pair word, SPA (three 16-bit fields from bit 16, so the words of many pairs add without
/// carrying): u ≠ v (bit 16); the pair counts toward X ((u < v) xor (v odd), for u ≠ v; bit
/// 32); the pair counts toward W (u xor v = 1; bit 48).
///
/// Class word (index: a group's summed nibbles): one byte per RS count, 1 when the group
/// counts — R_M, S_M, R_−M, S_−M, then the same for the flipped picture (byte 0 … 7), so the
/// class words of up to 255 groups add without carrying.
struct RSTables: Sendable {
    /// The four tables, 65,536 words each.
    let entries: [UInt64]

    /// Where each table starts in ``entries``.
    static let first = 0, middle = 65536, last = 2 * 65536, classes = 3 * 65536
    /// Groups whose class words (and SPA fields) may be summed before a field could overflow.
    static let groupsPerFlush = 255

    static let shared = RSTables()

    private init() {
        func single(_ x: Int, _ y: Int) -> (Int, Int) {
            let base = abs(y - x), fy = y ^ 1, my = 2 * y - fy
            return (abs(fy - x) - base, abs(my - x) - base)
        }
        func both(_ x: Int, _ y: Int) -> (Int, Int) {
            let base = abs(y - x), fx = x ^ 1, fy = y ^ 1
            return (abs(fy - fx) - base, abs((2 * y - fy) - (2 * x - fx)) - base)
        }
        func pack(_ plain: (Int, Int), _ flipped: (Int, Int)) -> UInt64 {
            UInt64(plain.0 + 2) | UInt64(plain.1 + 2) << 4 | UInt64(flipped.0 + 2) << 8 | UInt64(flipped.1 + 2) << 12
        }
        var entries = [UInt64](repeating: 0, count: 4 * 65536)
        for x in 0..<256 {
            for y in 0..<256 {
                let index = x << 8 | y
                let pairs = Self.pairCounts(x, y)
                entries[Self.first + index] = pack(single(x, y), single(x ^ 1, y ^ 1)) | pairs
                entries[Self.middle + index] = pack(both(x, y), both(x ^ 1, y ^ 1)) | pairs
                entries[Self.last + index] = pack(single(y, x), single(y ^ 1, x ^ 1)) | pairs
            }
        }
        for sum in 0..<65536 {
            var word: UInt64 = 0
            for nibble in 0..<4 {
                let change = sum >> (4 * nibble) & 0xF
                let regular: UInt64 = change > 6 ? 1 : 0, singular: UInt64 = change < 6 ? 1 : 0
                word |= regular << (16 * UInt64(nibble)) | singular << (16 * UInt64(nibble) + 8)
            }
            entries[Self.classes + sum] = word
        }
        self.entries = entries
    }

    /// The SPA fields of the pair (u, v), as in every pair table.
    static func pairCounts(_ u: Int, _ v: Int) -> UInt64 {
        let different: UInt64 = u != v ? 1 : 0
        let x: UInt64 = u != v && ((u < v) != (v & 1 == 1)) ? 1 : 0
        let w: UInt64 = u ^ v == 1 ? 1 : 0
        return different << 16 | x << 32 | w << 48
    }

    /// The summed pair words for one 8-bit group (RS nibbles in the low 16 bits).
    @inline(__always)
    func changes(_ a: Int, _ b: Int, _ c: Int, _ d: Int) -> Int {
        Int(truncatingIfNeeded: entries[Self.first + (a << 8 | b)] &+ entries[Self.middle + (b << 8 | c)] &+ entries[Self.last + (c << 8 | d)])
    }
}
