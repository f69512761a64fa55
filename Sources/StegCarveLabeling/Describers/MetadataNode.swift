/// A JSON-shaped metadata value, as describers produce it; the public report mirrors it.
package indirect enum MetadataNode: Sendable, Equatable {
    case string(String)
    case integer(Int64)
    case number(Double)
    case bool(Bool)
    case array([MetadataNode])
    case object([String: MetadataNode])
    case null

    /// An unsigned value as an integer when it fits, else as `0x…` hex text.
    package static func unsigned(_ value: UInt64) -> MetadataNode {
        if let signed = Int64(exactly: value) { return .integer(signed) }
        return .string("0x" + String(value, radix: 16))
    }

    /// `.string` or `.null`.
    package static func optional(_ value: String?) -> MetadataNode {
        value.map(MetadataNode.string) ?? .null
    }
}
