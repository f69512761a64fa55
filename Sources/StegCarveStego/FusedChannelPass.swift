/// SPA, RS and the sequential chi-square attack over one 8-bit channel in a single pass.
///
/// Gives exactly the estimates of ``SamplePairsAnalysis``, ``RSAnalysis`` and
/// ``ChiSquareAttack`` (tested against them) while reading each sample once: the counts are
/// kept branch-free where it matters (SPA: for u ≠ v, the pair counts toward X exactly when
/// (u < v) xor (v odd); W counts u xor v = 1; inside an RS group both come from
/// ``RSTables`` with the group's RS changes), RS groups are classified every fourth sample,
/// and the histogram's value at each chi-square prefix boundary is recovered at the end of
/// the row it falls in by taking the row's later samples out again.
enum FusedChannelPass {
    /// The three estimates and the chi-square curve; `nil` unless the grid is 8-bit.
    static func run(_ grid: SampleGrid, channel: Int) -> (spa: DetectorEstimate, rs: DetectorEstimate, chi: DetectorEstimate, curve: [Double?])? {
        guard grid.bitsPerSample == 8 else { return nil }
        let width = grid.width, height = grid.height
        let total = width * height
        let samples = grid.pixels.span
        let step = grid.channels.count
        var different = 0, x = 0, w = 0
        var rs = RSAnalysis.Counts()
        let tables = RSTables.shared
        let groupsPerRow = width / 4
        var histogram = [Int](repeating: 0, count: 256)
        let steps = ChiSquareAttack.steps
        let tracksCurve = total >= ChiSquareAttack.minimumSamples
        var curve: [Double?] = []
        var nextStep = 1
        var nextBoundary = tracksCurve ? total * nextStep / steps : Int.max
        for row in 0..<height {
            let rowStart = row * grid.rowBytes + channel
            var offset = rowStart
            var previous = 0
            for group in 0..<groupsPerRow {
                let a = Int(samples[offset]), b = Int(samples[offset + step])
                let c = Int(samples[offset + 2 * step]), d = Int(samples[offset + 3 * step])
                offset += 4 * step
                histogram[a] &+= 1; histogram[b] &+= 1; histogram[c] &+= 1; histogram[d] &+= 1
                if group > 0 { Self.pair(previous, a, &different, &x, &w) }
                let packed = tables.changes(a, b, c, d)
                rs.classify(packed: packed)
                different &+= packed >> 16 & 3
                x &+= packed >> 18 & 3
                w &+= packed >> 20 & 3
                previous = d
            }
            // The samples after the last whole group.
            var column = groupsPerRow * 4
            while column < width {
                let v = Int(samples[offset])
                offset += step
                histogram[v] &+= 1
                if column > 0 { Self.pair(previous, v, &different, &x, &w) }
                previous = v
                column += 1
            }
            // Chi-square boundaries that fall inside this row.
            let rowEnd = (row + 1) * width
            while nextBoundary <= rowEnd, nextStep <= steps {
                let extra = rowEnd - nextBoundary
                for k in 0..<extra { histogram[Int(samples[rowStart + (width - 1 - k) * step])] &-= 1 }
                curve.append(ChiSquareAttack.probability(histogram))
                for k in 0..<extra { histogram[Int(samples[rowStart + (width - 1 - k) * step])] &+= 1 }
                nextStep += 1
                nextBoundary = nextStep <= steps ? total * nextStep / steps : Int.max
            }
        }
        let pairs = (width - 1) * height
        let spa = SamplePairsAnalysis.estimate(x: x, y: different - x, z: pairs - different, w: w, pairs: max(0, pairs))
        let rsEstimate = RSAnalysis.estimate(rs.array, groups: groupsPerRow * height)
        let chi = tracksCurve ? ChiSquareAttack.estimate(curve)
            : DetectorEstimate(detector: .chiSquare, rate: nil, detail: "no estimate: \(total) samples (< \(ChiSquareAttack.minimumSamples))")
        return (spa, rsEstimate, chi, tracksCurve ? curve : [])
    }

    @inline(__always)
    private static func pair(_ u: Int, _ v: Int, _ different: inout Int, _ x: inout Int, _ w: inout Int) {
        let ne = u != v ? 1 : 0
        let lessThan = u < v ? 1 : 0
        different &+= ne
        x &+= ne & (lessThan ^ (v & 1))
        w &+= (u ^ v) == 1 ? 1 : 0
    }
}
