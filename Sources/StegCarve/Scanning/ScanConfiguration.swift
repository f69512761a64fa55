/// How a ``Scanner`` scans: which checks run and the limits that keep hostile input cheap.
public struct ScanConfiguration: Sendable, Hashable, Codable {
    /// Decode every picture through libjpeg/libpng to report whether it decodes cleanly,
    /// check a PNG's image data against IHDR and search its scanlines and pixels for
    /// payloads. Costs a full decode per file; turn off for the fastest sweeps.
    public var verifiesDecoding: Bool
    /// Resource limits; each one hit is reported in ``ScanReport/limits``.
    public var limits: ScanLimits
    /// Hashes to label files and artifacts with (`known-bad`, `known-good`).
    public var knownHashes: KnownHashes
    /// Which whole files get ssdeep and TLSH digests (carved artifacts always do). The
    /// digests cost more than the rest of a sweep, and only flagged files are worth
    /// clustering, so by default only suspicious and malicious files get them.
    public var fuzzyHashes: FuzzyHashScope
    /// YARA rules matched against every scanned file and every carved artifact; matches
    /// become `yara:<rule>` labels. Defaults to the bundled rules in builds with the `YARA`
    /// trait and to `nil` otherwise (see ``YARARules``).
    public var rules: YARARules?
    /// Pixel-level steganography: bit-plane layouts swept and statistical detectors.
    public var stego: StegoMode
    /// Also hash each whole file with MD5 and SHA-1 (``ScanReport/md5``, ``ScanReport/sha1``),
    /// for outputs that promise them (STIX); SHA-256 is always computed.
    public var computesWeakFileDigests: Bool = false

    public init(
        verifiesDecoding: Bool = true, limits: ScanLimits = ScanLimits(), knownHashes: KnownHashes = KnownHashes(),
        fuzzyHashes: FuzzyHashScope = .flagged, rules: YARARules? = YARARules.bundled,
        stego: StegoMode = .standard
    ) {
        self.verifiesDecoding = verifiesDecoding
        self.limits = limits
        self.knownHashes = knownHashes
        self.fuzzyHashes = fuzzyHashes
        self.rules = rules
        self.stego = stego
    }
}

/// Which scanned files get fuzzy digests (ssdeep, TLSH) of their whole content.
public enum FuzzyHashScope: String, Sendable, Hashable, Codable, CaseIterable {
    /// Every file.
    case all
    /// Files whose verdict is `suspicious` or `malicious`.
    case flagged
    /// No file (carved artifacts still get theirs).
    case none

    /// Whether a file with `verdict` gets the digests.
    func includes(_ verdict: Verdict) -> Bool {
        switch self {
        case .all: true
        case .flagged: verdict >= .suspicious
        case .none: false
        }
    }
}

/// Bounds on the work one file may cause.
public struct ScanLimits: Sendable, Hashable, Codable {
    /// Largest file read, in bytes; larger files are refused with an error.
    public var maxFileSize: Int
    /// Most pixels decoded per picture.
    public var maxPixels: Int
    /// Most structure regions recorded per file; the rest is scanned as one region.
    public var maxRegions: Int
    /// Most pictures followed in a multi-picture file.
    public var maxPictures: Int
    /// Most payloads carved per file, nested ones included.
    public var maxFindings: Int
    /// Deepest nesting followed (a payload in a decoded stream in a payload … ).
    public var maxDepth: Int
    /// Most bytes produced by decompression and decoding per file, all streams together.
    public var maxDecodedBytes: Int
    /// Most decompressed bytes per compressed byte (decompression bombs).
    public var maxExpansionRatio: Int
    /// Longest time one file may take, in seconds; past it the search for further payloads
    /// stops and the report says so (structure parsing and decoding are bounded by the
    /// other limits).
    public var maxSecondsPerFile: Double

    public init(
        maxFileSize: Int = 1 << 40, maxPixels: Int = 100_000_000, maxRegions: Int = 100_000,
        maxPictures: Int = 64, maxFindings: Int = 1_000, maxDepth: Int = 8, maxDecodedBytes: Int = 256 << 20,
        maxExpansionRatio: Int = 1_000, maxSecondsPerFile: Double = 60
    ) {
        self.maxFileSize = maxFileSize
        self.maxPixels = maxPixels
        self.maxRegions = maxRegions
        self.maxPictures = maxPictures
        self.maxFindings = maxFindings
        self.maxDepth = maxDepth
        self.maxDecodedBytes = maxDecodedBytes
        self.maxExpansionRatio = maxExpansionRatio
        self.maxSecondsPerFile = maxSecondsPerFile
    }
}
