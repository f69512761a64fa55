/// One payload carved out of a scanned file or out of another payload.
///
/// `offset` and `length` are bytes within the stream it was found in: the file for a
/// top-level finding, the parent's decoded bytes for a child.
public struct Finding: Sendable, Hashable, Codable {
    /// Payload type in lowercase, e.g. `elf`.
    public var type: String
    /// Offset of the first byte within the stream it was found in.
    public var offset: Int
    /// Number of bytes carved: the payload's own declared extent, never "to end of file".
    public var length: Int
    /// Name of the region that held it, e.g. `overlay`, `segment:COM`, `chunk:stEg`.
    public var region: String
    /// How sure the handler is that this is a real payload.
    public var confidence: Confidence
    /// The payload's headers declare more bytes than the stream holds; `length` is what remains.
    public var truncated: Bool
    /// Bytes the headers declare, when that differs from `length` (only when truncated).
    public var declaredLength: Int?
    /// Hex MD5 of the carved bytes.
    public var md5: String
    /// Hex SHA-1 of the carved bytes.
    public var sha1: String
    /// Hex SHA-256 of the carved bytes.
    public var sha256: String
    /// ssdeep digest of the carved bytes (libfuzzy), as the `ssdeep` tool prints it.
    public var ssdeep: String?
    /// TLSH digest of the carved bytes (`T1` + 70 hex digits); `nil` under 256 bytes or
    /// for bytes with too little variety.
    public var tlsh: String?
    /// Shannon entropy of the carved bytes, in bits per byte.
    public var entropy: Double
    /// Labels with their reasons.
    public var labels: [Label]
    /// Format metadata, e.g. `machine`, `class`, `entry` for an ELF.
    public var metadata: [String: MetadataValue]
    /// Indicators found in the payload's strings.
    public var indicators: [Indicator]
    /// How a nested finding was reached from its parent: `gzip`, `zip:update.bin`,
    /// `base64`, `base64-reversed`, `hex`, `xor:5a`, `reversed`; `nil` at top level.
    public var via: String?
    /// Limits hit while unpacking or decoding this payload (depth, output size, ratio).
    public var limits: [LimitHit]
    /// Why part of this payload could not be unpacked (corrupt or unsupported data); the
    /// payload itself was still carved and labelled.
    public var problems: [String]
    /// For a payload found in a joined stream (a region whose data the container splits into
    /// pieces, e.g. GIF sub-blocks, where `offset` counts within the joined pieces): the file
    /// ranges, in order, whose concatenation is the carved bytes. `nil` for payloads that are
    /// one contiguous range of the stream they were found in.
    public var fileRanges: [FileRange]?
    /// Where `--extract` wrote the artifact, if it did.
    public var extractedPath: String?
    /// Payloads found inside this one.
    public var children: [Finding]

    /// How strongly the carved bytes are confirmed as their type.
    public enum Confidence: String, Sendable, Hashable, Codable {
        /// Every header and table the format declares was validated.
        case high
        /// The header validates but part of what it declares is missing (truncated).
        case medium
        /// Only a signature and loose checks.
        case low
    }

    public init(
        type: String, offset: Int, length: Int, region: String, confidence: Confidence,
        truncated: Bool, declaredLength: Int? = nil, md5: String, sha1: String, sha256: String,
        entropy: Double, labels: [Label] = [], metadata: [String: MetadataValue] = [:],
        indicators: [Indicator] = [], via: String? = nil, limits: [LimitHit] = [], fileRanges: [FileRange]? = nil,
        extractedPath: String? = nil, children: [Finding] = []
    ) {
        self.type = type
        self.offset = offset
        self.length = length
        self.region = region
        self.confidence = confidence
        self.truncated = truncated
        self.declaredLength = declaredLength
        self.md5 = md5
        self.sha1 = sha1
        self.sha256 = sha256
        self.entropy = entropy
        self.labels = labels
        self.metadata = metadata
        self.indicators = indicators
        self.via = via
        self.limits = limits
        self.problems = []
        self.fileRanges = fileRanges
        self.extractedPath = extractedPath
        self.children = children
    }
}
