import StegCarveBytes
import StegCarveCarving
import StegCarveModel

/// Describes an Android DEX file: version, table sizes and whether its checksum verified.
package struct DEXDescriber: PayloadDescriber {
    package init() {}

    package var type: String { "dex" }

    package func describe(_ bytes: Span<UInt8>, truncated: Bool) -> PayloadDescription {
        guard let header = try? DEX.Header(parsing: bytes) else { return PayloadDescription() }
        let metadata: [String: MetadataValue] = [
            "version": .string(header.version),
            "fileSize": .integer(Int64(header.fileSize)),
            "strings": .integer(Int64(header.stringCount)),
            "types": .integer(Int64(header.typeCount)),
            "methods": .integer(Int64(header.methodCount)),
            "classes": .integer(Int64(header.classCount)),
            "checksumVerified": .bool(header.checksumVerified),
        ]
        var reason = "Android DEX \(header.version) with \(header.classCount) class definition\(header.classCount == 1 ? "" : "s")"
        reason += header.checksumVerified ? "; header, tables and Adler-32 checksum validate" : "; header validates but the file is cut short"
        return PayloadDescription(metadata: metadata, labels: [Label(name: "executable", reason: reason)])
    }
}
