import StegCarvePlatform

/// The upper tail of the χ² distribution, Q(ν/2, χ²/2) (regularised upper incomplete gamma),
/// by the series / continued fraction of Numerical Recipes §6.2.
enum ChiSquareDistribution {
    /// P(X ≥ statistic) for X ~ χ²(degreesOfFreedom); 1 for a non-positive statistic.
    static func upperTail(_ statistic: Double, degreesOfFreedom: Int) -> Double {
        guard degreesOfFreedom > 0, statistic > 0 else { return 1 }
        let a = Double(degreesOfFreedom) / 2
        let x = statistic / 2
        let logPrefix = -x + a * log(x) - lgamma(a)
        if x < a + 1 {
            // Series for the lower P; Q = 1 − P.
            var term = 1 / a, sum = term, n = a
            for _ in 0..<1000 {
                n += 1
                term *= x / n
                sum += term
                if abs(term) < abs(sum) * 1e-15 { break }
            }
            return max(0, min(1, 1 - sum * exp(logPrefix)))
        }
        // Continued fraction (modified Lentz) for Q.
        let tiny = 1e-300
        var b = x + 1 - a, c = 1 / tiny, d = 1 / b, h = d
        for i in 1...1000 {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-15 { break }
        }
        return max(0, min(1, exp(logPrefix) * h))
    }
}
