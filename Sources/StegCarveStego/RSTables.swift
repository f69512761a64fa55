/// Lookup tables for the fused 8-bit detector pass (``FusedChannelPass``): for the three
/// neighbour pairs of an RS group (a, b, c, d) they hold the change in smoothness each pair
/// contributes under RS's flips, and the pair's Sample Pairs Analysis counts, so a group costs
/// three table reads instead of thirty-six absolute differences and a dozen comparisons.
/// Index `x << 8 | y` for the pair (x, y) in scan order.
///
/// RS (low 16 bits): with F the flip (F1: x ^ 1; F−1: 2x − F1(x)), single(x, y) =
/// |F(y) − x| − |y − x| (only y flipped) and both(x, y) = |F(y) − F(x)| − |y − x|. For the mask
/// (0, 1, 1, 0): f(F_M(G)) − f(G) = single(a, b) + both(b, c) + single(d, c). Each entry packs
/// four deltas (each in −2…2, stored + 2 in a nibble): F1 and F−1 on the pair, then F1 and F−1
/// on (x ^ 1, y ^ 1) for the picture with every LSB flipped. Three entries add without carrying
/// between nibbles (3 × 4 = 12 < 16); each nibble minus 6 is the group's change.
///
/// SPA (bits 16–21, two bits each, so three pairs add without carrying): u ≠ v; the pair
/// counts toward X ((u < v) xor (v odd), for u ≠ v); the pair counts toward W (u xor v = 1).
struct RSTables: Sendable {
    /// Pair (a, b): single(a, b).
    let first: [UInt32]
    /// Pair (b, c): both(b, c).
    let middle: [UInt32]
    /// Pair (c, d): single(d, c).
    let last: [UInt32]

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
        func pack(_ plain: (Int, Int), _ flipped: (Int, Int)) -> UInt32 {
            UInt32(plain.0 + 2) | UInt32(plain.1 + 2) << 4 | UInt32(flipped.0 + 2) << 8 | UInt32(flipped.1 + 2) << 12
        }
        func pairs(_ u: Int, _ v: Int) -> UInt32 {
            let different: UInt32 = u != v ? 1 : 0
            let x: UInt32 = u != v && ((u < v) != (v & 1 == 1)) ? 1 : 0
            let w: UInt32 = u ^ v == 1 ? 1 : 0
            return different << 16 | x << 18 | w << 20
        }
        var first = [UInt32](repeating: 0, count: 65536), middle = first, last = first
        for x in 0..<256 {
            for y in 0..<256 {
                let index = x << 8 | y
                first[index] = pack(single(x, y), single(x ^ 1, y ^ 1)) | pairs(x, y)
                middle[index] = pack(both(x, y), both(x ^ 1, y ^ 1)) | pairs(x, y)
                last[index] = pack(single(y, x), single(y ^ 1, x ^ 1)) | pairs(x, y)
            }
        }
        self.first = first
        self.middle = middle
        self.last = last
    }

    /// The packed sums for one 8-bit group.
    @inline(__always)
    func changes(_ a: Int, _ b: Int, _ c: Int, _ d: Int) -> Int {
        Int(first[a << 8 | b]) + Int(middle[b << 8 | c]) + Int(last[c << 8 | d])
    }
}
