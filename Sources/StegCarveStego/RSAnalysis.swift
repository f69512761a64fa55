/// RS steganalysis (Fridrich, Goljan, Du, "Reliable detection of LSB steganography in color
/// and grayscale images", ACM Multimedia Workshop 2001).
///
/// One channel is split into groups of four horizontally adjacent samples (row by row; the
/// `width mod 4` samples at the end of a row are not used). Smoothness
/// f(G) = Σ |x_{i+1} − x_i|. F1 swaps 2k ↔ 2k+1 (x ^ 1), F−1 swaps 2k−1 ↔ 2k, F0 is the
/// identity. With the mask M = (0, 1, 1, 0) a group is Regular when f(F_M(G)) > f(G) and
/// Singular when f(F_M(G)) < f(G); −M applies F−1 where M has 1. R_M, S_M, R_−M, S_−M are
/// measured on the channel, and R'_M … on the channel with every LSB flipped.
/// d0 = R_M − S_M, d1 = R'_M − S'_M, d−0 = R_−M − S_−M, d−1 = R'_−M − S'_−M; z is the root
/// of smaller magnitude of 2(d1 + d0) z² + (d−0 − d−1 − d1 − 3 d0) z + (d0 − d−0) = 0 and
/// the embedded fraction is p = z / (z − 1/2). Counts are fractions of the number of groups
/// (the equation is homogeneous, so raw counts give the same root).
package enum RSAnalysis {
    /// Fewer groups than this give no estimate.
    package static let minimumGroups = 64

    /// Analyses channel index `channel` of `grid`.
    /// - Complexity: O(pixels).
    package static func analyze(_ grid: SampleGrid, channel: Int) -> DetectorEstimate {
        // counts[0..3]: R_M, S_M, R_−M, S_−M; counts[4..7]: the same on the flipped channel.
        var counts = [Int](repeating: 0, count: 8)
        var groups = 0
        let groupsPerRow = grid.width / 4
        if groupsPerRow > 0 {
            if grid.bitsPerSample == 8 {
                let samples = grid.pixels.span
                let step = grid.channels.count
                for row in 0..<grid.height {
                    var offset = row * grid.rowBytes + channel
                    for _ in 0..<groupsPerRow {
                        let a = Int(samples[offset]), b = Int(samples[offset + step])
                        let c = Int(samples[offset + 2 * step]), d = Int(samples[offset + 3 * step])
                        classify(a, b, c, d, into: &counts)
                        offset += 4 * step
                    }
                }
            } else {
                for row in 0..<grid.height {
                    for group in 0..<groupsPerRow {
                        let x = group * 4
                        classify(
                            grid.sample(x: x, y: row, channel: channel), grid.sample(x: x + 1, y: row, channel: channel),
                            grid.sample(x: x + 2, y: row, channel: channel), grid.sample(x: x + 3, y: row, channel: channel),
                            into: &counts)
                    }
                }
            }
            groups = groupsPerRow * grid.height
        }
        let summary = "RM=\(counts[0]) SM=\(counts[1]) R-M=\(counts[2]) S-M=\(counts[3]) R'M=\(counts[4]) S'M=\(counts[5]) R'-M=\(counts[6]) S'-M=\(counts[7]) groups=\(groups)"
        guard groups >= minimumGroups else {
            return DetectorEstimate(detector: .rs, rate: nil, detail: "no estimate: \(groups) groups (< \(minimumGroups)); \(summary)")
        }
        let d0 = Double(counts[0] - counts[1]), d1 = Double(counts[4] - counts[5])
        let dm0 = Double(counts[2] - counts[3]), dm1 = Double(counts[6] - counts[7])
        guard let z = QuadraticRoot.smallerMagnitude(a: 2 * (d1 + d0), b: dm0 - dm1 - d1 - 3 * d0, c: d0 - dm0),
              z != 0.5 else {
            return DetectorEstimate(detector: .rs, rate: nil, detail: "no estimate: quadratic has no usable root; \(summary)")
        }
        return DetectorEstimate(detector: .rs, rate: z / (z - 0.5), detail: summary)
    }

    /// Classifies one group (a, b, c, d) under M, −M, and again with every LSB flipped.
    @inline(__always)
    private static func classify(_ a: Int, _ b: Int, _ c: Int, _ d: Int, into counts: inout [Int]) {
        tally(a, b, c, d, base: 0, into: &counts)
        tally(a ^ 1, b ^ 1, c ^ 1, d ^ 1, base: 4, into: &counts)
    }

    @inline(__always)
    private static func tally(_ a: Int, _ b: Int, _ c: Int, _ d: Int, base: Int, into counts: inout [Int]) {
        let f = abs(b - a) + abs(c - b) + abs(d - c)
        // M = (0, 1, 1, 0): F1 on b and c.
        let b1 = b ^ 1, c1 = c ^ 1
        let fPositive = abs(b1 - a) + abs(c1 - b1) + abs(d - c1)
        // F−1(x) = F1(x + 1) − 1.
        let bm = ((b + 1) ^ 1) - 1, cm = ((c + 1) ^ 1) - 1
        let fNegative = abs(bm - a) + abs(cm - bm) + abs(d - cm)
        if fPositive > f { counts[base] += 1 } else if fPositive < f { counts[base + 1] += 1 }
        if fNegative > f { counts[base + 2] += 1 } else if fNegative < f { counts[base + 3] += 1 }
    }
}
