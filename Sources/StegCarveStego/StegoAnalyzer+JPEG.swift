import StegCarveBytes
import StegCarveCarving
import StegCarveImages

/// What ``StegoAnalyzer/analyzeJPEG(bytes:)`` found in one JPEG.
package struct JPEGStegoReport: Sendable, Equatable {
    /// Size and block geometry, e.g. `640x480, 3 components, 7200 blocks`.
    package var image: String
    /// JSteg layouts whose prefix passed triage, extracted in full (bounded).
    package var streams: [ExtractedStream]
    /// Chi-square on coefficient pairs (over the usable coefficients in zigzag order).
    package var chiSquare: DetectorEstimate
    package var signal: CombinedSignal
    /// Tool fingerprints: `f5-comment`.
    package var fingerprints: [String]
    package var layoutsTried: Int
}

extension StegoAnalyzer {
    /// F5's encoder writes this comment into every JPEG it produces (Westfeld's F5 Java
    /// implementation, `JpegEncoder`); stegdetect keys on it.
    package static let f5Comment = Array("JPEG Encoder Copyright 1998, James R. Weeks and BioElectroMech.".utf8)

    /// Whether `pattern` (non-empty) occurs in `bytes`.
    static func contains(_ bytes: Span<UInt8>, _ pattern: [UInt8]) -> Bool {
        guard let first = pattern.first, bytes.count >= pattern.count else { return false }
        var offset = 0
        while offset <= bytes.count - pattern.count {
            if bytes[offset] == first, bytes.matches(pattern, at: offset) { return true }
            offset += 1
        }
        return false
    }

    /// Reads the coefficients, sweeps the JSteg layouts and runs the DCT chi-square test.
    /// - Throws: the decoder's ``PixelDecodeError`` (corrupt, truncated, over the pixel limit).
    package func analyzeJPEG(bytes: Span<UInt8>) throws(PixelDecodeError) -> JPEGStegoReport {
        let coefficients = try PixelDecoder(limits: PixelLimits(maxPixels: limits.maxPixels)).readCoefficients(bytes)
        var fingerprints: [String] = []
        if Self.contains(bytes, Self.f5Comment) { fingerprints.append("f5-comment") }
        var streams: [ExtractedStream] = []
        var tried = 0
        var chi = DetectorEstimate(detector: .dctChiSquare, rate: nil, detail: "not run")
        // Every usable coefficient in zigzag order (the chi-square test reads them all); in
        // natural order only the triage prefix unless a layout hits. Both orders hold the same
        // values per block, so the zigzag count is the natural order's too.
        let zigzag = JStegExtractor.usable(coefficients, blockOrder: .zigzag)
        chi = DCTChiSquare.analyze(zigzag)
        for order in JStegLayout.BlockOrder.allCases {
            let prefix = order == .zigzag ? zigzag
                : JStegExtractor.usable(coefficients, blockOrder: order, limit: JStegExtractor.prefixCoefficients(maxBytes: limits.prefixBytes))
            var full: [Int16]? = order == .zigzag ? zigzag : nil
            for layout in JStegLayout.all where layout.blockOrder == order {
                tried += 1
                guard let head = JStegExtractor.extract(prefix, available: zigzag.count, layout: layout, maxBytes: limits.prefixBytes),
                      let hit = StreamTriage.triage(head, carver: carver) else { continue }
                let length = hit == .payload ? limits.maxStreamBytes : min(limits.maxStreamBytes, 1 << 20)
                let usable = full ?? JStegExtractor.usable(coefficients, blockOrder: order)
                full = usable
                guard let stream = JStegExtractor.extract(usable, layout: layout, maxBytes: length) else { continue }
                streams.append(ExtractedStream(layout: layout.description, hit: hit, bytes: stream))
            }
        }
        // A bare zlib header (2 bytes, about 1 in 1000 random prefixes) behind a random length
        // field is no evidence of JSteg: only a payload or text behind the header counts.
        if streams.contains(where: { $0.layout.hasSuffix("length-header") && $0.hit != .zlibHeader }) {
            fingerprints.append("jsteg-length-header")
        }
        let blocks = coefficients.components.reduce(0) { $0 + $1.blockCount }
        let signal: CombinedSignal
        if let rate = chi.rate, rate >= CombinedSignal.dctChiSquareRate {
            signal = CombinedSignal(level: .detected, rate: rate,
                meaning: "JSteg-style LSB embedding likely: chi-square on coefficient pairs stays high over the first \(CombinedSignal.percent(rate)) of usable coefficients")
        } else if fingerprints.contains("f5-comment") {
            signal = CombinedSignal(level: .detected, rate: chi.rate,
                meaning: "written by the F5 steganography encoder (its comment string); F5's embedding is keyed and not extracted")
        } else if chi.rate == nil {
            signal = CombinedSignal(level: .noEstimate, rate: nil, meaning: "no estimate: \(chi.detail)")
        } else {
            signal = CombinedSignal(level: .none, rate: chi.rate, meaning: "no sign of JSteg-style embedding: chi-square on coefficient pairs is low from the start")
        }
        return JPEGStegoReport(
            image: "\(coefficients.width)x\(coefficients.height), \(coefficients.components.count) components, \(blocks) blocks",
            streams: streams, chiSquare: chi, signal: signal, fingerprints: fingerprints, layoutsTried: tried)
    }
}
