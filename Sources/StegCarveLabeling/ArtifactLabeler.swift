import StegCarveBytes
import StegCarveModel

/// Everything labeling says about one carved artifact.
package struct ArtifactProfile: Sendable, Equatable {
    package var digests: ArtifactDigests
    package var fuzzy: FuzzyDigests
    package var entropy: Double
    package var metadata: [String: MetadataValue]
    package var indicators: [Indicator]
    package var labels: [Label]
}

/// Rules that label bytes by their content (YARA through libyara, in builds with the trait).
///
/// Conformers are compiled once and matched concurrently from any thread.
package protocol ContentRules: Sendable {
    /// One label per rule that matches `bytes`.
    func labels(matching bytes: Span<UInt8>) -> [Label]
}

/// Hashes, measures and describes carved artifacts.
package struct ArtifactLabeler: Sendable {
    /// Rule sets matched against every artifact and every scanned file.
    package var rules: [any ContentRules]

    package init(rules: [any ContentRules] = []) {
        self.rules = rules
    }

    /// Profiles the carved bytes of a payload of `type`.
    package func profile(_ bytes: Span<UInt8>, type: String, truncated: Bool) -> ArtifactProfile {
        let description = DescriberRegistry.describer(for: type)?.describe(bytes, truncated: truncated) ?? PayloadDescription()
        let indicators = IndicatorExtractor.indicators(in: bytes)
        var labels = description.labels
        labels += IndicatorRules.labels(for: indicators)
        labels += ruleLabels(bytes)
        return ArtifactProfile(
            digests: ArtifactDigests(of: bytes),
            fuzzy: FuzzyDigests(of: bytes),
            entropy: ByteHistogram(bytes).entropy,
            metadata: description.metadata,
            indicators: indicators,
            labels: labels
        )
    }

    /// Labels from every rule set for `bytes` (a whole scanned file, or an artifact).
    package func ruleLabels(_ bytes: Span<UInt8>) -> [Label] {
        var labels: [Label] = []
        for set in rules { labels += set.labels(matching: bytes) }
        return labels
    }
}
