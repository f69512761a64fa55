import StegCarveCarving
import StegCarveImages
import StegCarveStego

/// The PNG steganalysis stage on its own, for the benchmark package (`Benchmarks/`, mode
/// `stego-photos`): inside a scan the stage's cost is hidden by the structure pass, the decode
/// check and the pixel search around it. Not API (`@_spi(Benchmarks)`).
@_spi(Benchmarks)
public struct StegoStageBenchmark: Sendable {
    private let image: DecodedImage
    private let carver = Carver()

    /// Decodes a PNG the way the decode check does (libpng through the shim, every pixel in
    /// memory); `nil` when it does not decode.
    public init?(png bytes: [UInt8]) {
        let decoder = PixelDecoder(limits: PixelLimits(maxPixels: UInt64(ScanLimits().maxPixels)))
        guard let image = try? decoder.decode(bytes.span, as: .png) else { return nil }
        self.image = image
    }

    /// Runs what the scan's stego stage runs on the decoded pixels of a clean picture (the
    /// layout sweep of `mode` with triage, SPA, RS and chi-square on every channel, the
    /// combined signal), with the limits of a default ``ScanConfiguration``.
    /// - Returns: layouts tried and the combined signal's level.
    public func run(_ mode: StegoMode) -> (layoutsTried: Int, signal: String) {
        let limits = ScanLimits()
        let analyzer = StegoAnalyzer(
            limits: StegoLimits(
                maxStreamBytes: min(64 << 20, limits.maxDecodedBytes), maxFindings: min(64, limits.maxFindings),
                maxPixels: UInt64(limits.maxPixels)),
            carver: carver, sweep: mode == .all ? .full : .standard, carves: false)
        let analysis = StegoAnalysis.decoded(analyzer, image)
        return (analysis.layoutsTried, analysis.signal.level.rawValue)
    }
}
