import StegCarveBytes

extension StegoAnalyzer {
    /// Sweeps the index layouts of a palette picture (``PixelLayout/indexSweep(bitsPerIndex:full:bottomUp:)``)
    /// and runs the chi-square attack on the luminance-sorted indices (Westfeld & Pfitzmann's
    /// attack on EzStego). SPA and RS model neighbouring sample values and do not apply to
    /// indices; the chi-square estimate is reported but not combined into a signal (no clean
    /// palette set calibrates it), so the signal is `no-estimate` unless a tool header is found.
    package func analyze(palette image: PaletteImage, bottomUp: Bool) -> StegoReport {
        let grid = image.grid
        let layouts = PixelLayout.indexSweep(bitsPerIndex: image.bitsPerIndex, full: sweep == .full, bottomUp: bottomUp)
        let (streams, tried, limitHit) = triage(grid, layouts: layouts)
        let chi = ChiSquareAttack.analyze(grid, channel: 1)
        let none = { (detector: DetectorEstimate.Detector) in
            DetectorEstimate(detector: detector, rate: nil, detail: "not applicable to palette indices")
        }
        let estimate = ChannelEstimate(
            channel: .indexByLuma, samplePairs: none(.samplePairs), rs: none(.rs), chiSquare: chi.estimate, chiSquareCurve: chi.curve)
        let signal = CombinedSignal(
            level: .noEstimate, rate: nil,
            meaning: "no estimate: palette indices (the chi-square attack on luminance-sorted indices is reported, not calibrated)")
        return StegoReport(
            image: image.description, findings: carves ? carve(streams) : [], streams: streams, channelEstimates: [estimate],
            signal: signal, layoutsTried: tried, limitHit: limitHit)
    }

    /// Palette BMP (``BMPPalette``), GIF (``GIFIndices``) entry points.
    package func analyze(paletteBMP bytes: Span<UInt8>) throws(PixelReadError) -> StegoReport {
        var report = analyze(palette: try BMPPalette.decode(bytes, maxPixels: limits.maxPixels).get(), bottomUp: true)
        report.adoptFileOrder(wbStegoFileOrder(bytes), carves: carves, analyzer: self)
        return report
    }

    package func analyze(gif bytes: Span<UInt8>) throws(PixelReadError) -> StegoReport {
        analyze(palette: try GIFIndices.decode(bytes, maxPixels: limits.maxPixels).get(), bottomUp: false)
    }
}
