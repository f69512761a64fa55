/// Everything StegCarve found in one input: its structure, its overlay and its payloads.
///
/// Encoded as one JSON object per file in `--format jsonl`; the shape is versioned by
/// ``schemaVersion`` and documented in the README.
public struct ScanReport: Sendable, Hashable, Codable {
    /// Version of this JSON shape; bumped on any incompatible change.
    public static let currentSchemaVersion = 1

    /// The JSON shape's version (``currentSchemaVersion``).
    public var schemaVersion: Int
    /// The path as given, or `nil` for in-memory bytes. Bytes that are not valid UTF-8 are
    /// shown as U+FFFD here; ``pathBase64`` then holds the exact bytes.
    public var path: String?
    /// The path's exact bytes in base64, present only when they are not valid UTF-8.
    public var pathBase64: String?
    /// How the bytes were obtained when not read from a file by its path: `stdin` (then
    /// ``path`` is `-`) or `stream` (a pipe or FIFO read to its end); `nil` for files.
    public var source: InputSource?
    /// Size of the input in bytes.
    public var size: Int
    /// Hex SHA-256 of the whole input.
    public var sha256: String
    /// Hex MD5 and SHA-1 of the whole input, when ``ScanConfiguration/computesWeakFileDigests``
    /// asked for them or a known-hash list holds such digests; `nil` otherwise.
    public var md5: String?
    public var sha1: String?
    /// ssdeep digest of the whole input (libfuzzy); `nil` with a ``ScanConfiguration/fuzzyHashes`` scope that leaves this file out.
    public var ssdeep: String?
    /// TLSH digest of the whole input (`T1` + 70 hex digits); `nil` under 256 bytes, for bytes
    /// with too little variety, or with a ``ScanConfiguration/fuzzyHashes`` scope that leaves this file out.
    public var tlsh: String?
    /// Container format detected from the content (`jpeg`, `png`, `unknown`).
    public var format: String
    /// The picture's header fields as the structure declares them (JPEG SOF/DRI, PNG IHDR).
    public var header: ImageHeader?
    /// Whether libjpeg/libpng decoded the picture, when decoding was attempted.
    public var decode: DecodeStatus?
    /// Offset one past the last byte of the last declared picture (`nil` when unknown format).
    public var imageEnd: Int?
    /// Number of pictures the container declares (more than one for MPO files).
    public var pictures: Int
    /// Bytes after the last picture, always reported when present.
    public var overlay: Overlay?
    /// The file's structure, in file order.
    public var regions: [Region]
    /// Structural problems.
    public var anomalies: [Anomaly]
    /// Payloads carved from the file.
    public var findings: [Finding]
    /// Limits that stopped part of the scan.
    public var limits: [LimitHit]
    /// Failures that stopped part of the scan, e.g. an extraction that could not be written.
    public var errors: [String]
    /// Labels on the file itself (e.g. `known-bad`, `known-good`).
    public var labels: [Label]
    /// Pixel-level steganalysis, when the picture was analysed (``ScanConfiguration/stego``).
    public var stego: StegoSection?
    /// The file's verdict: `clean`, `benign-extra`, `suspicious` or `malicious`.
    public var verdict: Verdict
    /// How alarming the file is, 0 (clean) to 100 (known bad).
    public var score: Int
    /// One line per cause of the verdict, each pointing at a finding, region or anomaly.
    public var reasons: [String]
    /// The pipeline stages that ran on this input, in pipeline order: `structure` and `carve`
    /// always, `decode` when the picture was decoded, `stego` when its pixels were analysed,
    /// `yara` when rules were matched.
    public var stages: [ScanStage]

    public init(
        path: String?, size: Int, sha256: String, format: String, header: ImageHeader?, decode: DecodeStatus?,
        imageEnd: Int?, pictures: Int, overlay: Overlay?, regions: [Region], anomalies: [Anomaly],
        findings: [Finding], limits: [LimitHit], errors: [String], stages: [ScanStage] = [.structure, .carve]
    ) {
        self.schemaVersion = Self.currentSchemaVersion
        self.path = path
        self.pathBase64 = nil
        self.size = size
        self.sha256 = sha256
        self.format = format
        self.header = header
        self.decode = decode
        self.imageEnd = imageEnd
        self.pictures = pictures
        self.overlay = overlay
        self.regions = regions
        self.anomalies = anomalies
        self.findings = findings
        self.limits = limits
        self.errors = errors
        self.labels = []
        self.verdict = .clean
        self.score = 0
        self.reasons = []
        self.stages = stages
    }

    /// Recomputes ``verdict``, ``score`` and ``reasons`` from the rest of the report.
    public mutating func assessVerdict() {
        (verdict, score, reasons) = VerdictRules.assess(self)
    }

    /// Every finding, depth first, including children.
    public var allFindings: [Finding] {
        var result: [Finding] = []
        func visit(_ findings: [Finding]) {
            for finding in findings {
                result.append(finding)
                visit(finding.children)
            }
        }
        visit(findings)
        return result
    }
}

/// Outcome of decoding the picture through libjpeg or libpng.
public struct DecodeStatus: Sendable, Hashable, Codable {
    /// Every row decoded without a library error.
    public var decodes: Bool
    /// Width in pixels, when the header could be read.
    public var width: Int?
    /// Height in pixels, when the header could be read.
    public var height: Int?
    /// Source colour model (`rgb`, `ycbcr`, `gray`, `cmyk`, `palette`, …).
    public var colorModel: String?
    /// Bits per sample in the source.
    public var bitsPerSample: Int?
    /// Progressive JPEG or interlaced PNG.
    public var progressive: Bool?
    /// The library's error, or its first warning.
    public var message: String?
    /// Number of warnings (corrupt data the library recovered from).
    public var warnings: Int

    public init(
        decodes: Bool, width: Int?, height: Int?, colorModel: String?, bitsPerSample: Int?,
        progressive: Bool?, message: String?, warnings: Int
    ) {
        self.decodes = decodes
        self.width = width
        self.height = height
        self.colorModel = colorModel
        self.bitsPerSample = bitsPerSample
        self.progressive = progressive
        self.message = message
        self.warnings = warnings
    }
}
