/// One detector's verdict on one channel.
package struct DetectorEstimate: Sendable, Equatable {
    package enum Detector: String, Sendable, Equatable, CaseIterable {
        /// ``SamplePairsAnalysis``.
        case samplePairs = "spa"
        /// ``ChiSquareAttack``.
        case chiSquare = "chi-square"
        /// ``RSAnalysis``.
        case rs
        /// ``DCTChiSquare`` over JPEG coefficient pairs.
        case dctChiSquare = "dct-chi-square"
    }

    package var detector: Detector
    /// Estimated fraction of samples carrying message bits, unclamped (small negative values
    /// are estimation noise on clean images); `nil` means "no estimate", itself a result.
    package var rate: Double?
    /// The counts or the reason there is no estimate.
    package var detail: String

    /// ``rate`` clamped to 0...1.
    package var clampedRate: Double? { rate.map { min(max($0, 0), 1) } }
}
