import StegCarveBytes
import StegCarveImages
import StegCarveStego

/// Palette pictures: the colour indices of GIF, palette BMP and palette PNG, swept with the
/// `index` layouts (``PixelLayout/indexSweep(bitsPerIndex:full:bottomUp:)``).
extension StegoAnalysis {
    /// The first image of a GIF.
    static func gif(_ analyzer: StegoAnalyzer, _ bytes: Span<UInt8>) -> StegoAnalysis {
        read { () throws(PixelReadError) in try analyzer.analyze(gif: bytes) }
    }

    /// An uncompressed 1/2/4/8-bit BMP's indices.
    static func paletteBitmap(_ analyzer: StegoAnalyzer, _ bytes: Span<UInt8>) -> StegoAnalysis {
        read { () throws(PixelReadError) in try analyzer.analyze(paletteBMP: bytes) }
    }

    /// Adds the index layouts of a non-interlaced palette PNG (indices unfiltered from the
    /// decode check's inflated scanlines) to the analysis of its RGB pixels.
    mutating func addPaletteIndices(_ analyzer: StegoAnalyzer, _ bytes: Span<UInt8>, layout: ImageLayout) {
        guard let header = layout.header, header.colorType == "palette", !header.interlaced,
              let scanlines = layout.derivedStreams.first(where: { $0.name == "scanlines" })?.bytes,
              let plte = layout.regions.first(where: { $0.name == "chunk:PLTE" })?.payload,
              let indices = PNGPalette.decode(
                scanlines: scanlines, width: header.width, height: header.height, bitDepth: header.bitsPerSample,
                plte: bytes.bytes(in: plte)) else { return }
        let report = analyzer.analyze(palette: indices, bottomUp: false)
        streams += report.streams
        layoutsTried += report.layoutsTried
        image += "; \(report.image)"
        limitHit = limitHit ?? report.limitHit
    }
}
