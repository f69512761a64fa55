import StegCarveCarving
import StegCarveImages

/// Pixel-level steganalysis of one lossless image: un-keyed bit-plane extraction with
/// carving, and per-channel statistical detectors.
///
/// Every layout of ``PixelLayout/defaultSweep(available:bitsPerSample:)`` is extracted for
/// ``StegoLimits/prefixBytes`` bytes and triaged (``StreamTriage``); only a hit is extracted
/// in full and carved by the ``Carver`` with the registered payload handlers.
package struct StegoAnalyzer: Sendable {
    package var limits: StegoLimits
    package let carver: Carver

    package init(limits: StegoLimits = StegoLimits(), carver: Carver = Carver()) {
        self.limits = limits
        self.carver = carver
    }

    /// Decodes `bytes` and analyses the pixels.
    /// - Throws: the decoder's ``PixelDecodeError`` (corrupt, truncated, over the pixel limit).
    package func analyze(bytes: Span<UInt8>, container: PixelContainer) throws(PixelDecodeError) -> StegoReport {
        let image = try PixelDecoder(limits: PixelLimits(maxPixels: limits.maxPixels)).decode(bytes, as: container)
        guard let grid = SampleGrid(image) else {
            throw .decodeFailed(message: "decoded layout not supported for steganalysis")
        }
        return analyze(grid, lossless: container == .png)
    }

    /// Analyses decoded samples; detectors run only when `lossless` (on JPEG pixels they
    /// measure the decoder's rounding, not embedding).
    /// - Complexity: O(layouts × prefix) for triage plus O(pixels) per channel for detectors.
    package func analyze(_ grid: SampleGrid, lossless: Bool) -> StegoReport {
        let layouts = PixelLayout.defaultSweep(available: grid.channels, bitsPerSample: grid.bitsPerSample)
        let (findings, limitHit) = sweep(grid, layouts: layouts)
        var estimates: [ChannelEstimate] = []
        if lossless {
            for (index, channel) in grid.channels.enumerated() {
                let chi = ChiSquareAttack.analyze(grid, channel: index)
                estimates.append(ChannelEstimate(
                    channel: channel, samplePairs: SamplePairsAnalysis.analyze(grid, channel: index),
                    chiSquare: chi.estimate, chiSquareCurve: chi.curve))
            }
        }
        let model = String(grid.channels.map(\.rawValue))
        return StegoReport(
            image: "\(grid.width)x\(grid.height) \(model) \(grid.bitsPerSample)-bit",
            findings: findings, channelEstimates: estimates, layoutsTried: layouts.count, limitHit: limitHit)
    }

    /// Triage then carve every layout.
    package func sweep(_ grid: SampleGrid, layouts: [PixelLayout]) -> (findings: [StegoFinding], limitHit: String?) {
        let extractor = BitPlaneExtractor(grid: grid)
        var findings: [StegoFinding] = []
        for layout in layouts {
            guard let prefix = extractor.extract(layout, maxBytes: limits.prefixBytes),
                  let hit = StreamTriage.triage(prefix, carver: carver, looksForText: layout.highestPlane < 4) else { continue }
            let name = layout.description
            switch hit {
            case .payload:
                guard let stream = extractor.extract(layout, maxBytes: limits.maxStreamBytes) else { continue }
                let outcome = carver.carve(
                    stream.span, targets: [CarveTarget(name: name, range: 0..<stream.count, searchesEncodings: false)],
                    maxFindings: limits.maxFindings - findings.count)
                for payload in outcome.payloads {
                    findings.append(StegoFinding(
                        layout: name, kind: "payload:\(payload.type)", offset: payload.range.lowerBound,
                        length: payload.range.count, declaredLength: payload.declaredLength,
                        bytes: Array(stream[payload.range])))
                }
            case .zlibHeader:
                findings.append(StegoFinding(layout: name, kind: "zlib-header", offset: 0, length: 2, declaredLength: 2, bytes: Array(prefix.prefix(2))))
            case .text:
                guard let stream = extractor.extract(layout, maxBytes: min(limits.maxStreamBytes, 1 << 20)) else { continue }
                let run = StreamTriage.printableRun(stream)
                findings.append(StegoFinding(layout: name, kind: "text", offset: 0, length: run, declaredLength: run, bytes: Array(stream.prefix(run))))
            }
            if findings.count >= limits.maxFindings {
                return (findings, "max-findings \(limits.maxFindings)")
            }
        }
        return (findings, nil)
    }
}
