import StegCarveBytes
import StegCarveModel

/// Everything labeling says about one carved artifact.
package struct ArtifactProfile: Sendable, Equatable {
    package var digests: ArtifactDigests
    package var entropy: Double
    package var metadata: [String: MetadataValue]
    package var indicators: [Indicator]
    package var labels: [Label]
}

/// Hashes, measures and describes carved artifacts.
package struct ArtifactLabeler: Sendable {
    package init() {}

    /// Profiles the carved bytes of a payload of `type`.
    package func profile(_ bytes: Span<UInt8>, type: String, truncated: Bool) -> ArtifactProfile {
        let description = DescriberRegistry.describer(for: type)?.describe(bytes, truncated: truncated) ?? PayloadDescription()
        let indicators = IndicatorExtractor.indicators(in: bytes)
        var labels = description.labels
        labels += IndicatorRules.labels(for: indicators)
        return ArtifactProfile(
            digests: ArtifactDigests(of: bytes),
            entropy: ByteHistogram(bytes).entropy,
            metadata: description.metadata,
            indicators: indicators,
            labels: labels
        )
    }
}
