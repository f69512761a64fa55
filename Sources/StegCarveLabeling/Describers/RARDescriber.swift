import StegCarveBytes
import StegCarveCarving
import StegCarveModel

/// Describes a RAR archive: format version (4 for RAR 1.5–4.x, 5) and file headers seen.
package struct RARDescriber: PayloadDescriber {
    package init() {}

    package var type: String { "rar" }

    package func describe(_ bytes: Span<UInt8>, truncated: Bool) -> PayloadDescription {
        guard let walk = RAR.walk5(bytes, from: 0) ?? RAR.walk4(bytes, from: 0) else { return PayloadDescription() }
        var reason = "RAR \(walk.version) archive with \(walk.fileCount) file \(walk.fileCount == 1 ? "header" : "headers")"
        reason += walk.headersEncrypted ? "; headers encrypted" : (truncated ? "; cut short" : "; header CRCs verify")
        return PayloadDescription(
            metadata: ["version": .integer(Int64(walk.version)), "files": .integer(Int64(walk.fileCount)), "headersEncrypted": .bool(walk.headersEncrypted)],
            labels: [Label(name: "archive", reason: reason)]
        )
    }
}
