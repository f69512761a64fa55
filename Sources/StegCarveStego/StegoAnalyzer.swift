import StegCarveCarving
import StegCarveImages

/// Pixel-level steganalysis of one lossless image: un-keyed bit-plane extraction with
/// carving, and per-channel statistical detectors.
///
/// Every layout of the sweep is extracted for ``StegoLimits/prefixBytes`` bytes and triaged
/// (``StreamTriage``); only a hit is extracted in full (``StegoReport/streams``) and, when
/// asked, carved by the ``Carver`` with the registered payload handlers.
package struct StegoAnalyzer: Sendable {
    /// Which layouts are tried.
    package enum Sweep: Sendable, Equatable {
        /// ``PixelLayout/defaultSweep(available:bitsPerSample:)``.
        case standard
        /// ``PixelLayout/fullSweep(available:bitsPerSample:)``.
        case full
    }

    package var limits: StegoLimits
    package let carver: Carver
    package var sweep: Sweep
    /// Whether ``analyze(_:lossless:)`` carves the kept streams into ``StegoReport/findings``.
    package var carves: Bool

    package init(limits: StegoLimits = StegoLimits(), carver: Carver = Carver(), sweep: Sweep = .standard, carves: Bool = true) {
        self.limits = limits
        self.carver = carver
        self.sweep = sweep
        self.carves = carves
    }

    /// Decodes `bytes` and analyses the pixels.
    /// - Throws: the decoder's ``PixelDecodeError`` (corrupt, truncated, over the pixel limit).
    package func analyze(bytes: Span<UInt8>, container: PixelContainer) throws(PixelDecodeError) -> StegoReport {
        let image = try PixelDecoder(limits: PixelLimits(maxPixels: limits.maxPixels)).decode(bytes, as: container)
        guard let grid = SampleGrid(image) else {
            throw .decodeFailed(message: "decoded layout not supported for steganalysis")
        }
        return analyze(grid, lossless: !image.description.isLossy)
    }

    /// Decodes an uncompressed 24/32-bit BMP (``BMPPixels``) and analyses the pixels.
    /// - Throws: ``PixelReadError`` for BMPs this reader does not analyse or over the pixel limit.
    package func analyze(bmp bytes: Span<UInt8>) throws(PixelReadError) -> StegoReport {
        let image = try BMPPixels.decode(bytes, maxPixels: limits.maxPixels).get()
        guard let grid = SampleGrid(image) else { throw .unsupported("decoded layout not supported") }
        var report = analyze(grid, lossless: true, alsoBottomUp: true)
        report.adoptFileOrder(wbStegoFileOrder(bytes), carves: carves, analyzer: self)
        return report
    }

    /// Analyses decoded samples; detectors run only when `lossless` (on JPEG pixels they
    /// measure the decoder's rounding, not embedding).
    /// - Complexity: O(layouts × prefix) for triage plus O(pixels) per channel for detectors.
    /// `alsoBottomUp` adds the default layouts in `xy-bottom-up` order (BMP scanline order,
    /// wbStego) to the default sweep; the full sweep has every order anyway.
    package func analyze(_ grid: SampleGrid, lossless: Bool, alsoBottomUp: Bool = false) -> StegoReport {
        var layouts = switch sweep {
        case .standard: PixelLayout.defaultSweep(available: grid.channels, bitsPerSample: grid.bitsPerSample)
        case .full: PixelLayout.fullSweep(available: grid.channels, bitsPerSample: grid.bitsPerSample)
        }
        if alsoBottomUp, sweep == .standard {
            layouts += layouts.map { layout in
                var flipped = layout
                flipped.order = .rowMajorBottomUp
                return flipped
            }
        }
        let coverViolation = lossless ? CoverModel.violation(grid) : nil
        let (streams, tried, limitHit) = triage(grid, layouts: layouts, outsideCoverModel: coverViolation != nil)
        var estimates: [ChannelEstimate] = []
        if lossless, let fused = FusedChannelPass.run(grid, channels: Array(grid.channels.indices)) {
            for (channel, result) in zip(grid.channels, fused) {
                estimates.append(ChannelEstimate(
                    channel: channel, samplePairs: result.spa, rs: result.rs, chiSquare: result.chi, chiSquareCurve: result.curve))
            }
        } else if lossless {
            for (index, channel) in grid.channels.enumerated() {
                let chi = ChiSquareAttack.analyze(grid, channel: index)
                estimates.append(ChannelEstimate(
                    channel: channel, samplePairs: SamplePairsAnalysis.analyze(grid, channel: index),
                    rs: RSAnalysis.analyze(grid, channel: index),
                    chiSquare: chi.estimate, chiSquareCurve: chi.curve))
            }
        }
        var signal = lossless ? CombinedSignal.combine(estimates)
            : CombinedSignal(level: .noEstimate, rate: nil, meaning: "no estimate: pixel detectors need a lossless picture")
        // Graphics the detectors' cover model does not describe: their estimates stay in the
        // report, but they decide nothing.
        if signal.level != .noEstimate, let reason = coverViolation {
            signal = CombinedSignal(level: .noEstimate, rate: nil, meaning: "no estimate: \(reason)")
        }
        let model = String(grid.channels.map(\.rawValue))
        return StegoReport(
            image: "\(grid.width)x\(grid.height) \(model) \(grid.bitsPerSample)-bit",
            findings: carves ? carve(streams) : [], streams: streams, channelEstimates: estimates, signal: signal,
            layoutsTried: tried, limitHit: limitHit)
    }

    /// Extracts each layout's prefix, triages it, and extracts the hits in full.
    ///
    /// `outsideCoverModel` (a quantised picture: a palette, posterised or flat graphic): a
    /// text hit in a layout of several planes whose whole stream is printable is the picture's
    /// few low-nibble values, not a message, and is dropped. A message written there would
    /// have filled in the nibbles the palette leaves out, and one that fills the whole
    /// capacity would have made the picture fit the model.
    package func triage(_ grid: SampleGrid, layouts: [PixelLayout], outsideCoverModel: Bool = false) -> (streams: [ExtractedStream], tried: Int, limitHit: String?) {
        let extractor = BitPlaneExtractor(grid: grid)
        var streams: [ExtractedStream] = []
        var tried = 0
        for layout in layouts {
            if let deadline = limits.deadline, ContinuousClock.now >= deadline {
                return (streams, tried, "max-seconds: \(layouts.count - tried) of \(layouts.count) layouts not tried")
            }
            tried += 1
            let wbStegoCapacity = layout.isWbStegoOrder ? extractor.streamLength(layout) : nil
            guard let prefix = extractor.extract(layout, maxBytes: limits.prefixBytes),
                  let hit = StreamTriage.triage(
                    prefix, carver: carver, looksForText: layout.highestPlane < 4, wbStegoCapacity: wbStegoCapacity) else { continue }
            let length = switch hit {
            case .payload: limits.maxStreamBytes
            case .wbStego: min(limits.maxStreamBytes, WbStegoHeader(prefix, capacity: wbStegoCapacity ?? 0)?.dataRange.upperBound ?? 0)
            case .zlibHeader, .text, .openStego: min(limits.maxStreamBytes, 1 << 20)
            }
            guard let stream = extractor.extract(layout, maxBytes: length) else { continue }
            if hit == .text, outsideCoverModel, layout.planeCount > 1, StreamTriage.printableRun(stream) == stream.count { continue }
            streams.append(ExtractedStream(layout: layout.description, hit: hit, bytes: stream))
            if streams.count >= limits.maxFindings {
                return (streams, tried, "max-findings \(limits.maxFindings)")
            }
        }
        return (streams, tried, nil)
    }

    /// Carves every kept stream with the analyzer's own carver (no labels, no unpacking).
    package func carve(_ streams: [ExtractedStream]) -> [StegoFinding] {
        var findings: [StegoFinding] = []
        for stream in streams {
            switch stream.hit {
            case .payload:
                let outcome = carver.carve(
                    stream.bytes.span, targets: [CarveTarget(name: stream.layout, range: 0..<stream.bytes.count, searchesEncodings: false)],
                    maxFindings: max(0, limits.maxFindings - findings.count))
                for payload in outcome.payloads {
                    findings.append(StegoFinding(
                        layout: stream.layout, kind: "payload:\(payload.type)", offset: payload.range.lowerBound,
                        length: payload.range.count, declaredLength: payload.declaredLength,
                        bytes: Array(stream.bytes[payload.range])))
                }
            case .openStego:
                let length = OpenStegoHeader(stream.bytes)?.headerLength ?? StreamTriage.openStegoStamp.count
                findings.append(StegoFinding(layout: stream.layout, kind: "openstego-header", offset: 0, length: length, declaredLength: length, bytes: Array(stream.bytes.prefix(length))))
            case .wbStego:
                guard let header = WbStegoHeader(stream.bytes, capacity: stream.bytes.count) else { continue }
                let range = header.dataRange.clamped(to: 0..<stream.bytes.count)
                findings.append(StegoFinding(
                    layout: stream.layout, kind: "wbstego", offset: range.lowerBound, length: range.count,
                    declaredLength: header.size, bytes: Array(stream.bytes[range])))
            case .zlibHeader:
                findings.append(StegoFinding(layout: stream.layout, kind: "zlib-header", offset: 0, length: 2, declaredLength: 2, bytes: Array(stream.bytes.prefix(2))))
            case .text:
                let run = StreamTriage.printableRun(stream.bytes)
                findings.append(StegoFinding(layout: stream.layout, kind: "text", offset: 0, length: run, declaredLength: run, bytes: Array(stream.bytes.prefix(run))))
            }
        }
        return findings
    }
}
