/// A byte range of the scanned file with the role the container gives it.
///
/// Regions tile what the decoder understood: headers, metadata segments or chunks, image
/// data, the overlay after the last picture, and gaps nothing declares.
public struct Region: Sendable, Hashable, Codable {
    /// What the bytes are, by the container's structure.
    public var kind: Kind
    /// Structure name, e.g. `APP1:Exif`, `SOS`, `chunk:IDAT`, `overlay`.
    public var name: String
    /// Offset of the first byte in the file.
    public var offset: Int
    /// Number of bytes.
    public var length: Int
    /// Whether the carver searched this region for payloads.
    public var scanned: Bool

    /// Region roles, encoded as lowercase strings.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// Signature, file header, or structure framing.
        case header
        /// A metadata segment or chunk (EXIF, XMP, ICC, text, APPn, COM, private chunks).
        case metadata
        /// Compressed picture data (JPEG scans, PNG IDAT).
        case imageData = "image-data"
        /// Another picture the container declares (MPO frames).
        case picture
        /// Bytes after the end of the last declared picture.
        case overlay
        /// Bytes between structures that nothing declares.
        case gap
        /// Content after the picture that the file itself declares and that verifies as
        /// what it claims (a motion-photo video, a Samsung SEF trailer).
        case declared
        /// The whole input, for formats StegCarve does not parse.
        case raw
        /// Line endings, spaces or zero bytes that end the file after the last picture
        /// (or its declared trailers), at most ``Region/maximumPaddingLength`` bytes: what
        /// text tools, uploaders, copy tools and block-aligned writers leave. Not hidden
        /// content; when any other byte follows, the bytes are part of the overlay instead.
        case padding
    }

    /// Most trailing bytes that count as padding: zero padding to a block boundary stays
    /// under a few KiB (a 4 KiB page or cluster); longer runs are reported as overlay.
    public static let maximumPaddingLength = 8192

    /// Whether `byte` is a padding byte: NUL, line feed, carriage return or space.
    public static func isPaddingByte(_ byte: UInt8) -> Bool {
        byte == 0x00 || byte == 0x0A || byte == 0x0D || byte == 0x20
    }

    public init(kind: Kind, name: String, offset: Int, length: Int, scanned: Bool) {
        self.kind = kind
        self.name = name
        self.offset = offset
        self.length = length
        self.scanned = scanned
    }
}

/// The bytes after the end of the last declared picture, always reported.
public struct Overlay: Sendable, Hashable, Codable {
    /// Offset of the first byte after the image.
    public var offset: Int
    /// Number of bytes after the image.
    public var length: Int
    /// Shannon entropy in bits per byte.
    public var entropy: Double
    /// The first bytes (at most 16) as lowercase hex, to recognise what starts there.
    public var firstBytes: String
    /// Whether the overlay is fully covered by carved findings.
    public var explained: Bool

    public init(offset: Int, length: Int, entropy: Double, firstBytes: String, explained: Bool) {
        self.offset = offset
        self.length = length
        self.entropy = entropy
        self.firstBytes = firstBytes
        self.explained = explained
    }
}

/// Something in the file's structure that does not match its specification.
public struct Anomaly: Sendable, Hashable, Codable {
    /// Short machine-readable code, e.g. `crc-mismatch`, `truncated`, `missing-eoi`.
    public var code: String
    /// Offset the anomaly refers to.
    public var offset: Int
    /// One line for people.
    public var message: String

    public init(code: String, offset: Int, message: String) {
        self.code = code
        self.offset = offset
        self.message = message
    }
}

/// A configured limit that stopped part of the scan; what was skipped is named.
public struct LimitHit: Sendable, Hashable, Codable {
    /// Which limit, e.g. `max-regions`, `max-findings`, `max-pixels`.
    public var limit: String
    /// The configured value.
    public var value: Int
    /// What was not done because of it.
    public var message: String

    public init(limit: String, value: Int, message: String) {
        self.limit = limit
        self.value = value
        self.message = message
    }
}
