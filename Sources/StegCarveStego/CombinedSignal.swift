/// The per-channel detector estimates of one image combined into one signal and one line.
///
/// The structural detectors (SPA, RS) estimate the fraction of a channel's samples that carry
/// message bits whatever the order of embedding. A channel's structural rate is the smaller
/// of the two and exists only when both give an estimate: on real embedding they agree, on
/// clean pictures with odd statistics (synthetic gradients, saturated or flat areas) one of
/// them often strays far while the other stays near 0. The image's rate is the median over
/// its colour (or gray) channels — alpha is left out — so one channel with odd statistics does
/// not raise an alarm (the price: embedding in a single colour channel needs a higher rate).
/// The sequential chi-square attack (p ≥ 0.5 over a prefix of 3–95% of the scan, in at least
/// two channels or the only one) confirms a structural rate between ``confirmedRate`` and
/// ``detectionRate``; on its own it fires on smooth histograms and noise-like LSB planes.
///
/// Calibration (README "Pixel-level steganography"): 648 clean crops and rescales of the
/// scikit-image photographs, 324 of each with sequential LSB replacement at 0.1/0.2/0.4/0.7
/// bits per sample.
package struct CombinedSignal: Sendable, Equatable {
    package enum Level: String, Sendable, Equatable {
        /// No detector sees embedding.
        case none
        /// Above the noise of most clean pictures but below the calibrated threshold.
        case weak
        /// Above the threshold calibrated for < 1% false alarms on clean photographs.
        case detected
        /// No detector could give an estimate (too few samples, flat channels).
        case noEstimate = "no-estimate"
    }

    package var level: Level
    /// Combined embedding-rate estimate (fraction of samples or usable coefficients), when any.
    package var rate: Double?
    /// One line saying what the numbers mean.
    package var meaning: String

    package init(level: Level, rate: Double?, meaning: String) {
        self.level = level
        self.rate = rate
        self.meaning = meaning
    }

    /// Structural rate at or above which an image is `detected`.
    package static let detectionRate = 0.20
    /// Structural rate at or above which sequential chi-square evidence makes it `detected`.
    package static let confirmedRate = 0.15
    /// Structural rate at or above which an image is `weak`.
    package static let weakRate = 0.10
    /// Sequential chi-square: a prefix run (fraction of samples with p ≥ 0.5 from the start)
    /// in this range looks like a message followed by clean samples.
    package static let sequentialRun: ClosedRange<Double> = 0.03...0.95
    /// DCT chi-square: the fraction of usable coefficients over which p ≥ 0.5 that counts as
    /// sequential JSteg-style embedding.
    package static let dctChiSquareRate = 0.10

    /// Combines per-channel estimates of a lossless picture.
    package static func combine(_ channels: [ChannelEstimate]) -> CombinedSignal {
        let colour = channels.filter { $0.channel != .alpha }
        var rates: [(rate: Double, channel: PixelLayout.Channel)] = []
        var runs: [Double] = []
        for channel in colour {
            if let run = channel.chiSquare.rate { runs.append(run) }
            if let spa = channel.samplePairs.rate, let rs = channel.rs.rate {
                rates.append((min(spa, rs), channel.channel))
            }
        }
        guard !rates.isEmpty else {
            return CombinedSignal(level: .noEstimate, rate: nil, meaning: "no estimate: SPA and RS do not both give an estimate in any channel (too few samples, flat channels)")
        }
        let sorted = rates.map(\.rate).sorted()
        let median = sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        let rate = min(max(median, 0), 1)
        let sequentialRuns = runs.filter { sequentialRun.contains($0) }
        let sequential = !runs.isEmpty && sequentialRuns.count >= min(2, runs.count)
        let perChannel = rates.map { "\($0.channel.name) \(percent(min(max($0.rate, 0), 1)))" }.joined(separator: ", ")
        let structuralText = "SPA and RS agree that \(percent(rate)) of the LSBs carry a message (median of \(perChannel))"
        let chiText = sequential ? "; chi-square sees a sequential message over the first \(percent(sequentialRuns.max() ?? 0)) of the samples" : ""
        if rate >= detectionRate || (rate >= confirmedRate && sequential) {
            return CombinedSignal(
                level: .detected, rate: rate,
                meaning: "LSB embedding likely: \(structuralText)\(chiText); fewer than 1% of clean photographs reach this")
        }
        if rate >= weakRate {
            return CombinedSignal(level: .weak, rate: rate, meaning: "inconclusive: \(structuralText)\(chiText), within the range of some clean photographs")
        }
        return CombinedSignal(level: .none, rate: rate, meaning: "no sign of LSB embedding: \(structuralText)")
    }

    static func percent(_ value: Double) -> String {
        "\(Int((value * 100).rounded()))%"
    }
}

extension PixelLayout.Channel {
    /// Readable channel name.
    package var name: String {
        switch self {
        case .red: "red"
        case .green: "green"
        case .blue: "blue"
        case .alpha: "alpha"
        case .luminance: "gray"
        case .index: "palette index"
        case .indexByLuma: "palette index by luminance"
        }
    }
}
