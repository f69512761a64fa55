import StegCarveStego

extension StegoAnalysis {
    /// JSteg-style extraction and the chi-square test over a JPEG's quantised DCT coefficients.
    static func coefficients(_ analyzer: StegoAnalyzer, _ bytes: Span<UInt8>) -> StegoAnalysis {
        var analysis = StegoAnalysis(domain: "dct")
        let report: JPEGStegoReport
        do {
            report = try analyzer.analyzeJPEG(bytes: bytes)
        } catch {
            analysis.failure = error.kind == .limitExceeded ? .limit(error.description) : .undecodable
            return analysis
        }
        analysis.image = report.image
        analysis.streams = report.streams
        analysis.layoutsTried = report.layoutsTried
        analysis.channels = [StegoChannel(channel: "dct", estimates: [estimate(report.chiSquare)])]
        analysis.signal = report.signal
        analysis.fingerprints = report.fingerprints
        return analysis
    }
}
