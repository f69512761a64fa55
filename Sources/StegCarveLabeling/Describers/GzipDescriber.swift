import StegCarveBytes
import StegCarveCarving
import StegCarveModel

/// Describes a gzip member: original file name, modification time and ISIZE (the
/// uncompressed size modulo 2^32, from the trailer; absent when truncated).
package struct GzipDescriber: PayloadDescriber {
    package init() {}

    package var type: String { "gzip" }

    package func describe(_ bytes: Span<UInt8>, truncated: Bool) -> PayloadDescription {
        guard let header = try? Gzip.Header(parsing: bytes) else { return PayloadDescription() }
        let size = truncated ? nil : bytes.uint32(at: bytes.count - 4, .little)
        let metadata: [String: MetadataValue] = [
            "originalName": .optional(header.originalName),
            "mtime": .integer(Int64(header.modificationTime)),
            "isize": size.map { .integer(Int64($0)) } ?? .null,
        ]
        var reason = "gzip member (deflate)"
        if let name = header.originalName { reason += " of \(name)" }
        if let size { reason += ", \(size) bytes uncompressed" }
        reason += truncated ? "; cut short" : "; CRC-32 and size verified"
        return PayloadDescription(metadata: metadata, labels: [Label(name: "compressed", reason: reason)])
    }
}
