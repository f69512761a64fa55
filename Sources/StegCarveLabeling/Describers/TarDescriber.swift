import StegCarveBytes
import StegCarveCarving
import StegCarveModel

/// Describes a tar archive: member count, the first 20 member names, GNU or POSIX format.
package struct TarDescriber: PayloadDescriber {
    package init() {}

    package var type: String { "tar" }

    package func describe(_ bytes: Span<UInt8>, truncated: Bool) -> PayloadDescription {
        guard let archive = Tar.Archive(bytes, from: 0) else { return PayloadDescription() }
        let metadata: [String: MetadataValue] = [
            "members": .integer(Int64(archive.members.count)),
            "names": .array(archive.members.prefix(ZIPDescriber.maximumNames).map { .string($0.name) }),
            "format": .string(archive.isGNU ? "gnu" : "ustar"),
        ]
        let reason = "\(archive.isGNU ? "GNU" : "POSIX ustar") tar archive with \(archive.members.count) members"
            + (truncated ? "; cut short" : "; header checksums verify")
        return PayloadDescription(metadata: metadata, labels: [Label(name: "archive", reason: reason)])
    }
}
