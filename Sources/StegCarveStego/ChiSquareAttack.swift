/// The sequential chi-square attack (Westfeld & Pfitzmann, "Attacks on Steganographic
/// Systems", Information Hiding 1999, LNCS 1768).
///
/// LSB replacement evens out each pair of values (2i, 2i+1). Over the samples of one
/// channel seen so far (row-major): observed o_i = h[2i], expected e_i = (h[2i]+h[2i+1])/2;
/// consecutive pairs are merged until the merged e ≥ 5 (a trailing remainder below 5 is
/// dropped); χ² = Σ (o − e)² / e; ν = categories − 1; p = 1 − F(χ²; ν) = Q(ν/2, χ²/2).
/// p is evaluated on `steps` growing prefixes; inside a sequential message it stays near 1
/// and drops after it, so the estimated rate is the last prefix fraction reached by an
/// unbroken run of p ≥ 0.5 from the start. Reliable for sequential embedding only.
package enum ChiSquareAttack {
    /// Probability curve points.
    package static let steps = 100
    /// Fewer samples than this give no estimate.
    package static let minimumSamples = 1000

    /// The curve and the estimate for channel index `channel`.
    /// - Complexity: O(pixels + steps × 2^bitsPerSample).
    package static func analyze(_ grid: SampleGrid, channel: Int) -> (estimate: DetectorEstimate, curve: [Double?]) {
        let total = grid.pixelCount
        guard total >= minimumSamples else {
            return (DetectorEstimate(detector: .chiSquare, rate: nil, detail: "no estimate: \(total) samples (< \(minimumSamples))"), [])
        }
        var histogram = [Int](repeating: 0, count: 1 << grid.bitsPerSample)
        var curve: [Double?] = []
        var seen = 0
        for step in 1...steps {
            let end = total * step / steps
            if grid.bitsPerSample == 8, grid.rowBytes == grid.width * grid.channels.count {
                // Rows are unpadded: sample k of the channel sits at k × channels + channel.
                let samples = grid.pixels.span
                let step = grid.channels.count
                var offset = seen * step + channel
                while seen < end {
                    histogram[Int(samples[offset])] += 1
                    offset += step
                    seen += 1
                }
            } else {
                while seen < end {
                    histogram[grid.sample(x: seen % grid.width, y: seen / grid.width, channel: channel)] += 1
                    seen += 1
                }
            }
            curve.append(probability(histogram))
        }
        return (estimate(curve), curve)
    }

    /// The estimate from the probability curve.
    static func estimate(_ curve: [Double?]) -> DetectorEstimate {
        var run = 0
        for point in curve {
            guard let p = point, p >= 0.5 else { break }
            run += 1
        }
        guard curve.contains(where: { $0 != nil }) else {
            return DetectorEstimate(detector: .chiSquare, rate: nil, detail: "no estimate: fewer than 2 categories with expected count ≥ 5")
        }
        let rate = Double(run) / Double(steps)
        let last = curve.last.flatMap { $0 }.map { String(format6($0)) } ?? "n/a"
        return DetectorEstimate(detector: .chiSquare, rate: rate, detail: "p ≥ 0.5 over the first \(run)% of samples; p(all) = \(last)")
    }

    /// p for one histogram, `nil` with fewer than two categories.
    static func probability(_ histogram: [Int]) -> Double? {
        var statistic = 0.0
        var categories = 0
        var observed = 0.0, expected = 0.0
        var index = 0
        while index + 1 < histogram.count {
            observed += Double(histogram[index])
            expected += Double(histogram[index] + histogram[index + 1]) / 2
            if expected >= 5 {
                statistic += (observed - expected) * (observed - expected) / expected
                categories += 1
                observed = 0
                expected = 0
            }
            index += 2
        }
        guard categories >= 2 else { return nil }
        return ChiSquareDistribution.upperTail(statistic, degreesOfFreedom: categories - 1)
    }

    private static func format6(_ value: Double) -> String {
        let scaled = (value * 1_000_000).rounded() / 1_000_000
        return "\(scaled)"
    }
}
