import StegCarveModel

/// Escaping for the report page, whose strings come from hostile files (paths, metadata,
/// labels quoting payload strings).
package enum HTMLText {
    /// `text` made safe for element content and for single- or double-quoted attribute values:
    /// `& < > " '` become character references; C0/C1 controls and DEL, which HTML forbids
    /// or hides, and the bidirectional controls that can disguise a file name
    /// (`gpj.exe` shown as `exe.jpg`) — the characters ``TerminalText`` escapes for a terminal —
    /// become visible `\u{…}` text (line feed and tab stay, HTML shows them as spaces).
    package static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\n", "\t": result.unicodeScalars.append(scalar)
            case _ where TerminalText.needsEscape(scalar):
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// An offset or length as `12345 (0x3039)`.
    package static func offset(_ value: Int) -> String {
        "\(value) (0x\(String(value, radix: 16)))"
    }

    /// A byte count for people: `21203 bytes (20.7 KiB)`.
    package static func size(_ value: Int) -> String {
        guard value >= 1024 else { return "\(value) bytes" }
        let units = ["KiB", "MiB", "GiB", "TiB"]
        var scaled = Double(value) / 1024
        var unit = 0
        while scaled >= 1024, unit < units.count - 1 {
            scaled /= 1024
            unit += 1
        }
        return "\(value) bytes (\((scaled * 10).rounded() / 10) \(units[unit]))"
    }
}
