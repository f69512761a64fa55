import StegCarveBytes
import StegCarveCarving
import StegCarveModel

/// Describes a 7z archive: format version from its signature header.
package struct SevenZipDescriber: PayloadDescriber {
    package init() {}

    package var type: String { "7z" }

    package func describe(_ bytes: Span<UInt8>, truncated: Bool) -> PayloadDescription {
        guard let header = SevenZip.SignatureHeader(bytes) else { return PayloadDescription() }
        let version = "\(header.majorVersion).\(header.minorVersion)"
        let reason = "7z archive, format \(version)" + (truncated ? "; next header past the end" : "; start and next header CRCs verify")
        return PayloadDescription(metadata: ["version": .string(version)], labels: [Label(name: "archive", reason: reason)])
    }
}
