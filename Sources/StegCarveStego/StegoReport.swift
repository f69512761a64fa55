/// What ``StegoAnalyzer`` found in one image.
package struct StegoReport: Sendable, Equatable {
    /// Pixel size and sample format, e.g. `512x512 rgb 8-bit`.
    package var image: String
    /// Payloads and text carved from extracted bit streams (empty when the analyzer was
    /// asked not to carve: the scanner carves ``streams`` with its own engine).
    package var findings: [StegoFinding]
    /// Every layout whose prefix passed triage, extracted in full (bounded).
    package var streams: [ExtractedStream]
    /// Per-channel detector estimates.
    package var channelEstimates: [ChannelEstimate]
    /// The detectors' estimates combined into one signal.
    package var signal: CombinedSignal
    /// Layouts tried.
    package var layoutsTried: Int
    /// Set when a limit stopped work early (the reason), else `nil`.
    package var limitHit: String?
}

/// The bits of one layout whose prefix passed ``StreamTriage``.
package struct ExtractedStream: Sendable, Equatable {
    /// The full layout descriptor (``PixelLayout/description`` or a ``JStegLayout`` name).
    package var layout: String
    /// Why it was kept.
    package var hit: StreamTriage.Hit
    /// The stream from its first bit, at most ``StegoLimits/maxStreamBytes`` (text hits:
    /// at most 1 MiB).
    package var bytes: [UInt8]
}

/// One thing carved from an extracted stream.
package struct StegoFinding: Sendable, Equatable {
    /// The full layout descriptor (``PixelLayout/description``): re-extract with it.
    package var layout: String
    /// `payload:<handler type>`, `zlib-header` or `text`.
    package var kind: String
    /// Offset within the extracted stream.
    package var offset: Int
    /// Bytes carved (for `zlib-header` only the 2 header bytes: nothing inflates it here).
    package var length: Int
    /// Length the payload's headers declare (larger than ``length`` when truncated).
    package var declaredLength: Int
    /// The carved bytes, bounded by ``StegoLimits/maxStreamBytes``.
    package var bytes: [UInt8]
}

/// Detector estimates for one channel.
package struct ChannelEstimate: Sendable, Equatable {
    package var channel: PixelLayout.Channel
    package var samplePairs: DetectorEstimate
    package var rs: DetectorEstimate
    package var chiSquare: DetectorEstimate
    /// Chi-square p at 1%, 2%, … 100% of the channel's samples (`nil` = too few categories).
    package var chiSquareCurve: [Double?]

    /// The estimates in report order: SPA, RS, chi-square.
    package var estimates: [DetectorEstimate] { [samplePairs, rs, chiSquare] }

    /// One line a reader can act on.
    package var meaning: String {
        let spa = samplePairs.clampedRate.map { "SPA estimates \(percent($0)) of \(channel.rawValue) LSBs carry a message" }
            ?? "SPA: no estimate (\(samplePairs.detail))"
        let rsText = rs.clampedRate.map { "RS \(percent($0))" } ?? "RS: no estimate"
        let chi = chiSquare.clampedRate.map { "chi-square sees sequential LSB embedding over the first \(percent($0))" }
            ?? "chi-square: no estimate"
        return "\(spa); \(rsText); \(chi)"
    }

    private func percent(_ value: Double) -> String {
        "\(Int((value * 100).rounded()))%"
    }
}

/// Bounds for ``StegoAnalyzer``.
package struct StegoLimits: Sendable, Equatable {
    /// Bytes extracted per layout for triage.
    package var prefixBytes: Int
    /// Bytes extracted in full for a layout whose prefix is a hit.
    package var maxStreamBytes: Int
    /// Findings (or kept streams) reported before stopping.
    package var maxFindings: Int
    /// Passed to the pixel decoder.
    package var maxPixels: UInt64
    /// When set, the sweep stops between layouts once this instant has passed.
    package var deadline: ContinuousClock.Instant?

    package init(
        prefixBytes: Int = 256, maxStreamBytes: Int = 64 << 20, maxFindings: Int = 64, maxPixels: UInt64 = 100_000_000,
        deadline: ContinuousClock.Instant? = nil
    ) {
        self.prefixBytes = prefixBytes
        self.maxStreamBytes = maxStreamBytes
        self.maxFindings = maxFindings
        self.maxPixels = maxPixels
        self.deadline = deadline
    }
}

extension StegoReport {
    /// For a BMP whose rows carry padding, wbStego's bits are read only in file order
    /// (``BMPFileOrder``): a header the pixel layouts saw is a misreading past the first row's
    /// padding and is dropped; a file-order stream, if any, is added.
    mutating func adoptFileOrder(_ fileOrder: (padded: Bool, stream: ExtractedStream?), carves: Bool, analyzer: StegoAnalyzer) {
        guard fileOrder.padded else { return }
        let misread = Set(streams.filter { $0.hit == .wbStego }.map(\.layout))
        streams.removeAll { misread.contains($0.layout) }
        findings.removeAll { misread.contains($0.layout) }
        layoutsTried += 1
        guard let stream = fileOrder.stream else { return }
        streams.append(stream)
        if carves { findings += analyzer.carve([stream]) }
    }
}
