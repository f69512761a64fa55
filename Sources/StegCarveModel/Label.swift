/// A name an analyst can filter on, with the one-line reason it was given.
///
/// Examples: `executable` ("ELF header, program and section tables validate"),
/// `cryptominer` ("references RandomX and a stratum+tcp pool URL").
public struct Label: Sendable, Hashable, Codable {
    /// Lowercase label name, e.g. `cryptominer`.
    public var name: String
    /// Why the label applies, pointing at the evidence.
    public var reason: String
    /// For a rule match (`yara:<rule>`): the rule's tags; `nil` for other labels.
    public var tags: [String]?
    /// For a rule match: the rule's `meta:` section; `nil` for other labels.
    public var meta: [String: MetadataValue]?

    public init(name: String, reason: String, tags: [String]? = nil, meta: [String: MetadataValue]? = nil) {
        self.name = name
        self.reason = reason
        self.tags = tags
        self.meta = meta
    }
}

/// A network or wallet indicator found in a payload's strings.
public struct Indicator: Sendable, Hashable, Codable {
    /// What kind of indicator this is.
    public var kind: Kind
    /// The indicator text as found.
    public var value: String
    /// Offset of the indicator inside the artifact.
    public var offset: Int

    /// Indicator kinds, encoded as lowercase strings.
    public enum Kind: String, Sendable, Hashable, Codable {
        case url
        case ipv4
        case miningPool = "mining-pool"
        case moneroWallet = "monero-wallet"
        case minerName = "miner-name"
        case miningAlgorithm = "mining-algorithm"
    }

    public init(kind: Kind, value: String, offset: Int) {
        self.kind = kind
        self.value = value
        self.offset = offset
    }
}
