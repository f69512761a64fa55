import StegCarveCarving
import StegCarveImages
import StegCarveStego

/// The steganalysis stage on its own, for the benchmark package (`Benchmarks/`, mode
/// `stego-photos`): inside a scan the stage's cost is hidden by the structure pass, the decode
/// check and the pixel search around it. Not API (`@_spi(Benchmarks)`).
@_spi(Benchmarks)
public struct StegoStageBenchmark: Sendable {
    private enum Input: Sendable {
        case pixels(DecodedImage)
        case jpeg([UInt8])
    }

    private let input: Input
    private let carver = Carver()

    /// Decodes a PNG the way the decode check does (libpng through the shim, every pixel in
    /// memory), for ``run(_:)`` to analyse as the stage analyses the check's pixels; `nil`
    /// when it does not decode.
    public init?(png bytes: [UInt8]) {
        self.init(decoding: bytes, as: .png)
    }

    /// A TIFF decoded as the decode check does (libtiff through the shim); `nil` when it does not.
    public init?(tiff bytes: [UInt8]) {
        self.init(decoding: bytes, as: .tiff)
    }

    /// A still WebP decoded as the decode check does (libwebp through the shim); `nil` when it does not.
    public init?(webp bytes: [UInt8]) {
        self.init(decoding: bytes, as: .webp)
    }

    private init?(decoding bytes: [UInt8], as container: PixelContainer) {
        let decoder = PixelDecoder(limits: PixelLimits(maxPixels: UInt64(ScanLimits().maxPixels)))
        guard let image = try? decoder.decode(bytes.span, as: container) else { return nil }
        input = .pixels(image)
    }

    /// A JPEG, whose stage reads the quantised coefficients itself in ``run(_:)`` (the decode
    /// check's pixels are of no use to it).
    public init(jpeg bytes: [UInt8]) {
        input = .jpeg(bytes)
    }

    /// Runs what the scan's stego stage runs on a clean picture, with the limits of a default
    /// ``ScanConfiguration``: on decoded pixels (PNG, TIFF, WebP) the layout sweep of `mode` with triage, SPA, RS and
    /// chi-square on every channel and the combined signal; on a JPEG the coefficient read, the
    /// JSteg layouts and the DCT chi-square.
    /// - Returns: layouts tried and the combined signal's level.
    public func run(_ mode: StegoMode) -> (layoutsTried: Int, signal: String) {
        let limits = ScanLimits()
        let analyzer = StegoAnalyzer(
            limits: StegoLimits(
                maxStreamBytes: min(64 << 20, limits.maxDecodedBytes), maxFindings: min(64, limits.maxFindings),
                maxPixels: UInt64(limits.maxPixels)),
            carver: carver, sweep: mode == .all ? .full : .standard, carves: false)
        let analysis = switch input {
        case .pixels(let image): StegoAnalysis.decoded(analyzer, image)
        case .jpeg(let bytes): StegoAnalysis.coefficients(analyzer, bytes.span)
        }
        return (analysis.layoutsTried, analysis.signal.level.rawValue)
    }
}
