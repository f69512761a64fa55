import StegCarveBytes
import StegCarveModel

/// Turns a carved payload of one type into metadata and type-specific labels.
package protocol PayloadDescriber: Sendable {
    /// The payload type it describes (matches the handler's `type`).
    var type: String { get }
    /// Metadata and labels for the payload in `bytes` (exactly the carved bytes).
    func describe(_ bytes: Span<UInt8>, truncated: Bool) -> PayloadDescription
}

/// What a describer says about one payload.
package struct PayloadDescription: Sendable, Equatable {
    package var metadata: [String: MetadataValue]
    package var labels: [Label]

    package init(metadata: [String: MetadataValue] = [:], labels: [Label] = []) {
        self.metadata = metadata
        self.labels = labels
    }
}

/// The describers StegCarve knows, one per payload type.
package enum DescriberRegistry {
    /// Every built-in describer; a payload type without one gets hashes and indicators only.
    package static let describers: [any PayloadDescriber] = [
        ELFDescriber(),
        PEDescriber(),
        MachODescriber(),
        JavaClassDescriber(),
        DEXDescriber(),
        ScriptDescriber(),
        ZIPDescriber(), TarDescriber(), SevenZipDescriber(), RARDescriber(), GzipDescriber(),
        CompressedStreamDescriber(type: "bzip2"), CompressedStreamDescriber(type: "xz"),
        CompressedStreamDescriber(type: "zstd"), CompressedStreamDescriber(type: "zlib"),
    ]

    /// The describer for `type`, if any.
    package static func describer(for type: String) -> (any PayloadDescriber)? {
        describers.first { $0.type == type }
    }
}
