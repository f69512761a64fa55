/// Lookup tables for RS analysis on 8-bit samples: the change in smoothness one flipped
/// neighbour pair contributes, so a group costs three table reads instead of thirty-six
/// absolute differences. Index `x << 8 | y`.
///
/// With F the flip (F1: x ^ 1; F−1: 2x − F1(x)): single(x, y) = |F(y) − x| − |y − x| (only y
/// flipped) and both(x, y) = |F(y) − F(x)| − |y − x|. For the mask (0, 1, 1, 0):
/// f(F_M(G)) − f(G) = single(a, b) + both(b, c) + single(d, c). Each entry packs four such
/// deltas (each in −2…2, stored + 2 in a nibble): F1 and F−1 on (x, y), then F1 and F−1 on
/// (x ^ 1, y ^ 1) for the picture with every LSB flipped. Three packed entries add without
/// carrying between nibbles (3 × 4 = 12 < 16); each nibble minus 6 is the group's change.
struct RSTables: Sendable {
    let single: [UInt16]
    let both: [UInt16]

    static let shared = RSTables()

    private init() {
        func deltas(_ x: Int, _ y: Int) -> (single: (Int, Int), both: (Int, Int)) {
            let base = abs(y - x)
            let fx = x ^ 1, fy = y ^ 1
            let mx = 2 * x - fx, my = 2 * y - fy
            return ((abs(fy - x) - base, abs(my - x) - base), (abs(fy - fx) - base, abs(my - mx) - base))
        }
        func pack(_ values: [Int]) -> UInt16 {
            values.enumerated().reduce(0) { $0 | UInt16($1.element + 2) << (4 * $1.offset) }
        }
        var single = [UInt16](repeating: 0, count: 65536), both = single
        for x in 0..<256 {
            for y in 0..<256 {
                let plain = deltas(x, y), flipped = deltas(x ^ 1, y ^ 1)
                single[x << 8 | y] = pack([plain.single.0, plain.single.1, flipped.single.0, flipped.single.1])
                both[x << 8 | y] = pack([plain.both.0, plain.both.1, flipped.both.0, flipped.both.1])
            }
        }
        self.single = single
        self.both = both
    }

    /// The packed smoothness changes of one 8-bit group: nibbles (M, −M, flipped M,
    /// flipped −M), each biased by 6.
    @inline(__always)
    func changes(_ a: Int, _ b: Int, _ c: Int, _ d: Int) -> Int {
        Int(single[a << 8 | b]) + Int(both[b << 8 | c]) + Int(single[d << 8 | c])
    }
}
