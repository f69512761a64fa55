/// The chi-square attack on JPEG coefficients (Westfeld & Pfitzmann; stegdetect's JSteg test).
///
/// JSteg replaces the LSB of coefficients other than 0 and 1, so it evens out the pairs
/// (2k, 2k+1) for k ≥ 1 and (−2k, −2k+1) for k ≥ 1 — in two's complement the pair of v is
/// v >> 1. Over the usable coefficients in scan order, observed o = count of the even member,
/// expected e = half the pair's count (pairs merged until e ≥ 5), p = Q(ν/2, χ²/2) on 100
/// growing prefixes; the estimate is the fraction reached by an unbroken run of p ≥ 0.5 from
/// the start (sequential embedding), as for pixels; prefixes under
/// ``minimumDecidingCoefficients`` do not decide, and a run no deciding prefix confirms is 0.
package enum DCTChiSquare {
    /// Fewer usable coefficients than this give no estimate.
    package static let minimumCoefficients = 1000
    /// Pairs tracked: v >> 1 in −64…63 (coefficients beyond are rare and ignored).
    static let pairRange = 64

    /// Prefixes with fewer usable coefficients than this neither extend nor break the run on
    /// their own: a few hundred coefficients give a p-value that is mostly noise, and one low
    /// value there hid 100% JSteg embedding in most of the measured covers (README, JPEG
    /// calibration).
    package static let minimumDecidingCoefficients = 500

    package static func analyze(_ usable: [Int16]) -> DetectorEstimate {
        let total = usable.count
        guard total >= minimumCoefficients else {
            return DetectorEstimate(detector: .dctChiSquare, rate: nil, detail: "no estimate: \(total) usable coefficients (< \(minimumCoefficients))")
        }
        // histogram[2 * (pair + pairRange) + (v & 1)]
        var histogram = [Int](repeating: 0, count: 4 * pairRange)
        var seen = 0
        var run = 0
        var broken = false
        var decided = false
        var last: Double?
        var anyValue = false
        for step in 1...100 {
            let end = total * step / 100
            while seen < end {
                let value = Int(usable[seen])
                let pair = value >> 1
                if pair >= -pairRange, pair < pairRange {
                    histogram[2 * (pair + pairRange) + (value & 1)] += 1
                }
                seen += 1
            }
            last = ChiSquareAttack.probability(histogram)
            if last != nil { anyValue = true }
            guard !broken else { continue }
            if end < minimumDecidingCoefficients {
                run += 1
            } else if let p = last, p >= 0.5 {
                run += 1
                decided = true
            } else {
                broken = true
            }
        }
        if !decided { run = 0 }
        guard anyValue else {
            return DetectorEstimate(detector: .dctChiSquare, rate: nil, detail: "no estimate: fewer than 2 pairs with expected count ≥ 5")
        }
        let pText = last.map { "\(($0 * 1_000_000).rounded() / 1_000_000)" } ?? "n/a"
        return DetectorEstimate(detector: .dctChiSquare, rate: Double(run) / 100,
                                detail: "p ≥ 0.5 over the first \(run)% of \(total) usable coefficients; p(all) = \(pText)")
    }
}
