extension STIX {
    /// The JSON values SCO identifier names are built from (strings and objects of them),
    /// serialised as RFC 8785 (JSON Canonicalization Scheme) requires: keys sorted by UTF-16
    /// code units, no whitespace, strings escaped as ECMAScript's `JSON.stringify` does.
    package indirect enum CanonicalJSON: Sendable, Hashable {
        case string(String)
        case object([String: CanonicalJSON])

        /// The canonical text.
        package var serialized: String {
            var text = ""
            write(to: &text)
            return text
        }

        private func write(to text: inout String) {
            switch self {
            case .string(let value):
                Self.writeString(value, to: &text)
            case .object(let members):
                text += "{"
                let keys = members.keys.sorted { $0.utf16.lexicographicallyPrecedes($1.utf16) }
                for (index, key) in keys.enumerated() {
                    if index > 0 { text += "," }
                    Self.writeString(key, to: &text)
                    text += ":"
                    members[key]?.write(to: &text)
                }
                text += "}"
            }
        }

        /// RFC 8785 §3.2.2.2: only `"`, `\` and C0 controls are escaped; the short forms
        /// where JSON has them, else `\u00xx` in lowercase hex.
        private static func writeString(_ value: String, to text: inout String) {
            text += "\""
            for scalar in value.unicodeScalars {
                switch scalar {
                case "\"": text += "\\\""
                case "\\": text += "\\\\"
                case "\u{08}": text += "\\b"
                case "\u{0C}": text += "\\f"
                case "\n": text += "\\n"
                case "\r": text += "\\r"
                case "\t": text += "\\t"
                case _ where scalar.value < 0x20:
                    let digits = Array("0123456789abcdef")
                    text += "\\u00" + String(digits[Int(scalar.value >> 4)]) + String(digits[Int(scalar.value & 0x0F)])
                default:
                    text.unicodeScalars.append(scalar)
                }
            }
            text += "\""
        }
    }
}
