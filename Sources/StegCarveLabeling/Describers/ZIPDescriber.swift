import StegCarveBytes
import StegCarveCarving
import StegCarveModel

/// Describes a ZIP archive from its central directory: entry count, the first 20 names,
/// whether any member is encrypted, whether ZIP64 records were needed.
package struct ZIPDescriber: PayloadDescriber {
    /// Names listed in the metadata; the count says how many there are in all.
    package static let maximumNames = 20

    package init() {}

    package var type: String { "zip" }

    package func describe(_ bytes: Span<UInt8>, truncated: Bool) -> PayloadDescription {
        guard let archive = ZIP.Archive(bytes, localHeaderAt: 0) else {
            return PayloadDescription(labels: [Label(name: "archive", reason: "ZIP local file headers; the central directory is missing or cut off")])
        }
        let encrypted = archive.entries.filter(\.isEncrypted).count
        let metadata: [String: MetadataValue] = [
            "entries": .integer(Int64(archive.entries.count)),
            "names": .array(archive.entries.prefix(Self.maximumNames).map { .string($0.name) }),
            "encrypted": .bool(encrypted > 0),
            "zip64": .bool(archive.isZip64),
        ]
        var reason = "ZIP archive with \(archive.entries.count) \(archive.entries.count == 1 ? "entry" : "entries")"
        if encrypted > 0 { reason += ", \(encrypted) encrypted" }
        reason += truncated ? "; cut short after its central directory" : "; central directory and local headers agree"
        return PayloadDescription(metadata: metadata, labels: [Label(name: "archive", reason: reason)])
    }
}
