extension GIF {
    /// The label byte after an extension introducer `0x21` (GIF89a §§23–26).
    package struct ExtensionLabel: Sendable, Hashable {
        package var rawValue: UInt8

        package init(rawValue: UInt8) {
            self.rawValue = rawValue
        }

        package static let plainText = ExtensionLabel(rawValue: 0x01)
        package static let graphicControl = ExtensionLabel(rawValue: 0xF9)
        package static let comment = ExtensionLabel(rawValue: 0xFE)
        package static let application = ExtensionLabel(rawValue: 0xFF)

        /// Region name part: `graphic-control`, `comment`, `application`, `plain-text`, or
        /// `0xNN` for labels the specification does not define.
        package var name: String {
            switch self {
            case .plainText: return "plain-text"
            case .graphicControl: return "graphic-control"
            case .comment: return "comment"
            case .application: return "application"
            default:
                let digits = String(rawValue, radix: 16, uppercase: true)
                return "0x" + (digits.count < 2 ? "0" : "") + digits
            }
        }
    }
}
