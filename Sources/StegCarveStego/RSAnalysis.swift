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
        var counts = Counts()
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
                        counts.classify(a, b, c, d)
                        offset += 4 * step
                    }
                }
            } else {
                for row in 0..<grid.height {
                    for group in 0..<groupsPerRow {
                        let x = group * 4
                        counts.classify(
                            grid.sample(x: x, y: row, channel: channel), grid.sample(x: x + 1, y: row, channel: channel),
                            grid.sample(x: x + 2, y: row, channel: channel), grid.sample(x: x + 3, y: row, channel: channel))
                    }
                }
            }
            groups = groupsPerRow * grid.height
        }
        return estimate(counts.array, groups: groups)
    }

    /// The estimate from R_M, S_M, R_−M, S_−M and the same on the flipped channel.
    static func estimate(_ counts8: [Int], groups: Int) -> DetectorEstimate {
        let summary = "RM=\(counts8[0]) SM=\(counts8[1]) R-M=\(counts8[2]) S-M=\(counts8[3]) R'M=\(counts8[4]) S'M=\(counts8[5]) R'-M=\(counts8[6]) S'-M=\(counts8[7]) groups=\(groups)"
        guard groups >= minimumGroups else {
            return DetectorEstimate(detector: .rs, rate: nil, detail: "no estimate: \(groups) groups (< \(minimumGroups)); \(summary)")
        }
        let d0 = Double(counts8[0] - counts8[1]), d1 = Double(counts8[4] - counts8[5])
        let dm0 = Double(counts8[2] - counts8[3]), dm1 = Double(counts8[6] - counts8[7])
        guard let z = QuadraticRoot.smallerMagnitude(a: 2 * (d1 + d0), b: dm0 - dm1 - d1 - 3 * d0, c: d0 - dm0),
              z != 0.5 else {
            return DetectorEstimate(detector: .rs, rate: nil, detail: "no estimate: quadratic has no usable root; \(summary)")
        }
        return DetectorEstimate(detector: .rs, rate: z / (z - 0.5), detail: summary)
    }

    /// Regular/singular counts under M and −M, on the channel and with every LSB flipped.
    struct Counts {
        var regular = 0, singular = 0, regularNegative = 0, singularNegative = 0
        var flippedRegular = 0, flippedSingular = 0, flippedRegularNegative = 0, flippedSingularNegative = 0

        var array: [Int] {
            [regular, singular, regularNegative, singularNegative,
             flippedRegular, flippedSingular, flippedRegularNegative, flippedSingularNegative]
        }

        /// Classifies one group (a, b, c, d) under M = (0, 1, 1, 0) and −M, and again with
        /// every LSB flipped. F1(x) = x ^ 1; F−1(x) = 2x − F1(x) (even x → x − 1, odd → x + 1).
        @inline(__always)
        mutating func classify(_ a: Int, _ b: Int, _ c: Int, _ d: Int) {
            let (r0, s0, rn0, sn0) = Self.tally(a, b, c, d)
            regular &+= r0; singular &+= s0; regularNegative &+= rn0; singularNegative &+= sn0
            let (r1, s1, rn1, sn1) = Self.tally(a ^ 1, b ^ 1, c ^ 1, d ^ 1)
            flippedRegular &+= r1; flippedSingular &+= s1; flippedRegularNegative &+= rn1; flippedSingularNegative &+= sn1
        }

        /// ``classify(_:_:_:_:)`` for 8-bit samples through ``RSTables``; identical counts.
        @inline(__always)
        mutating func classify(_ a: Int, _ b: Int, _ c: Int, _ d: Int, tables: RSTables) {
            classify(packed: tables.changes(a, b, c, d))
        }

        /// Adds one group from its packed ``RSTables`` sum.
        @inline(__always)
        mutating func classify(packed: Int) {
            let m = packed & 0xF, negative = packed >> 4 & 0xF, flipped = packed >> 8 & 0xF, flippedNegative = packed >> 12 & 0xF
            regular &+= m > 6 ? 1 : 0; singular &+= m < 6 ? 1 : 0
            regularNegative &+= negative > 6 ? 1 : 0; singularNegative &+= negative < 6 ? 1 : 0
            flippedRegular &+= flipped > 6 ? 1 : 0; flippedSingular &+= flipped < 6 ? 1 : 0
            flippedRegularNegative &+= flippedNegative > 6 ? 1 : 0; flippedSingularNegative &+= flippedNegative < 6 ? 1 : 0
        }

        @inline(__always)
        static func tally(_ a: Int, _ b: Int, _ c: Int, _ d: Int) -> (Int, Int, Int, Int) {
            let f = abs(b - a) + abs(c - b) + abs(d - c)
            let b1 = b ^ 1, c1 = c ^ 1
            let fPositive = abs(b1 - a) + abs(c1 - b1) + abs(d - c1)
            let bm = 2 * b - b1, cm = 2 * c - c1
            let fNegative = abs(bm - a) + abs(cm - bm) + abs(d - cm)
            return (fPositive > f ? 1 : 0, fPositive < f ? 1 : 0, fNegative > f ? 1 : 0, fNegative < f ? 1 : 0)
        }
    }
}
