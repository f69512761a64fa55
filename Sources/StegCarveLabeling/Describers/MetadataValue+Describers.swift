import StegCarveModel

extension MetadataValue {
    /// An unsigned value as an integer when it fits, else as `0x…` hex text.
    package static func unsigned(_ value: UInt64) -> MetadataValue {
        if let signed = Int64(exactly: value) { return .integer(signed) }
        return .string("0x" + String(value, radix: 16))
    }

    /// `.string` or `.null`.
    package static func optional(_ value: String?) -> MetadataValue {
        value.map(MetadataValue.string) ?? .null
    }
}
