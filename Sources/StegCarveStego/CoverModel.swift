/// Whether a picture's samples fit the cover model the LSB detectors assume.
///
/// Sample Pairs Analysis, RS analysis and the chi-square attack read embedding from how the
/// two values of each LSB pair (2k, 2k + 1) are used: in a natural picture both occur, in
/// counts that differ as the picture's smooth histogram does, and embedding evens them out.
/// Content made by a program breaks that model: a 1-bit, dithered or posterised picture, a
/// flat background or anti-aliased shapes use one value of most pairs and never the other;
/// a palette ramp or a linear gradient uses both values of most pairs *exactly* equally
/// often, as a fully embedded picture would. On such channels the detectors measure the
/// generator, not a message, so the image gets `no-estimate` with the reason.
///
/// Samples of other than 8 bits are outside the model: the lowest bit of a 16-bit sample is
/// the picture's own noise.
///
/// Calibration (README "Pixel-level steganography"): over the 648 clean crops of scikit-image's
/// pictures the median pair imbalance reaches 0.5 only on `horse` (a binary silhouette) and
/// the exact-equal share stays below 0.18 (below 0.24 with sequential LSB embedding at
/// 0.1–0.7); embedding lowers the imbalance by the embedded fraction, so an embedded photo
/// never crosses the bound its clean cover does not.
package enum CoverModel {
    /// Median over the colour channels of Σ|h(2k) − h(2k+1)| / samples at or above which the
    /// channels are quantised or flat: 1.0 when no value's LSB partner occurs at all.
    package static let maximumPairImbalance = 0.5
    /// Median over the colour channels of the share of used LSB pairs whose two values occur
    /// exactly equally often, at or above which the channels are synthetic ramps.
    package static let maximumExactPairShare = 0.5

    /// What a channel's histogram says about the model.
    package struct ChannelStatistics: Sendable, Equatable {
        /// Σ|h(2k) − h(2k+1)| over all pairs, divided by the number of samples (0…1).
        package var pairImbalance: Double
        /// Used pairs (either value occurs) whose two counts are equal, over used pairs (0…1).
        package var exactPairShare: Double
    }

    /// The statistics of channel index `channel`, or `nil` for an empty grid or samples
    /// that are not 8-bit.
    /// - Complexity: O(width × height).
    package static func statistics(_ grid: SampleGrid, channel: Int) -> ChannelStatistics? {
        guard grid.bitsPerSample == 8, grid.pixelCount > 0, grid.channels.indices.contains(channel) else { return nil }
        var histogram = [Int](repeating: 0, count: 256)
        for y in 0..<grid.height {
            for x in 0..<grid.width {
                histogram[grid.sample(x: x, y: y, channel: channel)] += 1
            }
        }
        var imbalance = 0
        var used = 0
        var exact = 0
        for pair in stride(from: 0, to: histogram.count, by: 2) {
            let even = histogram[pair], odd = histogram[pair + 1]
            imbalance += abs(even - odd)
            guard even + odd > 0 else { continue }
            used += 1
            if even == odd { exact += 1 }
        }
        return ChannelStatistics(
            pairImbalance: Double(imbalance) / Double(grid.pixelCount),
            exactPairShare: used == 0 ? 0 : Double(exact) / Double(used))
    }

    /// Why the colour (or gray) channels of `grid` do not fit the cover model, or `nil` when
    /// they do (alpha is left out, as the combined signal leaves it out).
    /// - Complexity: O(width × height × colour channels).
    package static func violation(_ grid: SampleGrid) -> String? {
        // The detectors and their thresholds are calibrated on 8-bit samples; the lowest bit
        // of a 16-bit sample is the picture's noise, which is what full embedding looks like.
        guard grid.bitsPerSample == 8 else {
            return "the LSB cover model is calibrated for 8-bit samples; the lowest bit of a \(grid.bitsPerSample)-bit sample is noise"
        }
        let colour = grid.channels.indices.filter { grid.channels[$0] != .alpha }
        let channels = colour.compactMap { Self.statistics(grid, channel: $0) }
        guard !channels.isEmpty else { return nil }
        let imbalance = median(channels.map(\.pairImbalance))
        if imbalance >= maximumPairImbalance {
            return "the picture breaks the LSB cover model: \(CombinedSignal.percent(imbalance)) pair imbalance, most values' LSB partner never occurs (1-bit, dithered, posterised or flat graphics)"
        }
        let exact = median(channels.map(\.exactPairShare))
        if exact >= maximumExactPairShare {
            return "the picture breaks the LSB cover model: \(CombinedSignal.percent(exact)) of the used value pairs occur exactly equally often (a synthetic ramp or gradient)"
        }
        return nil
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}
