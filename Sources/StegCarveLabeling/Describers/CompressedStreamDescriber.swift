import StegCarveBytes
import StegCarveCarving
import StegCarveModel

/// Describes a bzip2, xz, zstd or zlib stream: the `compressed` label and the parameters
/// its header declares (bzip2 block size, xz check type, zstd content size, zlib level).
package struct CompressedStreamDescriber: PayloadDescriber {
    package let type: String

    /// A describer for one of `bzip2`, `xz`, `zstd`, `zlib`.
    package init(type: String) {
        self.type = type
    }

    package func describe(_ bytes: Span<UInt8>, truncated: Bool) -> PayloadDescription {
        var metadata: [String: MetadataValue] = [:]
        var reason: String
        switch type {
        case "bzip2":
            let level = Int64((bytes.uint8(at: 3) ?? 0x30) &- 0x30)
            metadata["blockSize"] = .integer(level * 100_000)
            reason = "bzip2 stream, \(level)00k blocks"
        case "xz":
            let check = XZ.StreamFlags(header: bytes)?.checkName ?? "unknown"
            metadata["check"] = .string(check)
            reason = "xz stream, \(check) check"
        case "zstd":
            let size = Zstd.declaredContentSize(bytes)
            metadata["contentSize"] = size.map { .unsigned($0) } ?? .null
            reason = "Zstandard frame" + (size.map { " of \($0) bytes" } ?? "")
        default:
            // FLEVEL, the top two bits of FLG (RFC 1950 2.2).
            let level = ["fastest", "fast", "default", "maximum"][Int((bytes.uint8(at: 1) ?? 0) >> 6)]
            metadata["level"] = .string(level)
            reason = "zlib stream, \(level) compression"
        }
        reason += truncated ? "; cut short" : "; decodes to its end with checks verified"
        return PayloadDescription(metadata: metadata, labels: [Label(name: "compressed", reason: reason)])
    }
}
