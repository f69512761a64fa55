/// What pixel-level (or JPEG coefficient) steganalysis made of the picture: the statistical
/// estimates per channel, their combined signal and its meaning. Payloads extracted from the
/// pixels are ordinary ``Finding``s with region `pixels:<layout>` or `dct:<layout>`.
public struct StegoSection: Sendable, Hashable, Codable {
    /// `default` or `all` (``StegoMode``).
    public var mode: String
    /// What was analysed: `pixels` (decoded lossless samples) or `dct` (quantised JPEG
    /// coefficients).
    public var domain: String
    /// Size and sample format, e.g. `512x512 rgb 8-bit` or `512x512 3 components, 12288 blocks`.
    public var image: String
    /// Layouts (bit streams) extracted and triaged.
    public var layoutsTried: Int
    /// Estimates per channel (pixels) or per coefficient stream (dct).
    public var channels: [StegoChannel]
    /// `none`, `weak`, `detected` or `no-estimate`.
    public var signal: String
    /// Combined embedding-rate estimate (fraction of samples or usable coefficients), when any.
    public var rate: Double?
    /// The combined signal in one line.
    public var meaning: String
    /// Tool fingerprints recognised (e.g. `f5-comment`, `jsteg-length-header`).
    public var fingerprints: [String]

    public init(
        mode: String, domain: String, image: String, layoutsTried: Int, channels: [StegoChannel], signal: String,
        rate: Double?, meaning: String, fingerprints: [String] = []
    ) {
        self.mode = mode
        self.domain = domain
        self.image = image
        self.layoutsTried = layoutsTried
        self.channels = channels
        self.signal = signal
        self.rate = rate
        self.meaning = meaning
        self.fingerprints = fingerprints
    }
}

/// The detectors' estimates for one channel.
public struct StegoChannel: Sendable, Hashable, Codable {
    /// `r`, `g`, `b`, `a`, `l` (gray), or `dct` for JPEG coefficients.
    public var channel: String
    /// One entry per detector, in the order `spa`, `rs`, `chi-square` (pixels) or
    /// `dct-chi-square` (JPEG).
    public var estimates: [StegoEstimate]

    public init(channel: String, estimates: [StegoEstimate]) {
        self.channel = channel
        self.estimates = estimates
    }
}

/// One detector's estimate for one channel.
public struct StegoEstimate: Sendable, Hashable, Codable {
    /// `spa`, `rs`, `chi-square`, `dct-chi-square`.
    public var detector: String
    /// Estimated fraction of samples carrying message bits (unclamped: small negative values
    /// are noise on clean pictures); `nil` is "no estimate", itself a result.
    public var rate: Double?
    /// The counts behind the estimate, or why there is none.
    public var detail: String

    public init(detector: String, rate: Double?, detail: String) {
        self.detector = detector
        self.rate = rate
        self.detail = detail
    }
}
