/// Makes strings that came from a scanned file or its name safe to print on a terminal or
/// into a line-based text or CSV stream.
///
/// A file name or a payload string may hold bytes that a terminal obeys (ESC sequences that
/// clear the screen, retitle the window or hide the following lines; BEL; C1 controls such as
/// CSI U+009B) or that break a line-oriented format (CR and LF forge a whole result line).
/// Every such character is replaced by visible text, in the manner of git's and
/// swift-argument-parser's quoting of control characters:
/// - `\n`, `\r` and `\t` for line feed, carriage return and tab;
/// - `\xNN` (two lowercase hex digits) for the other C0 controls and DEL (`\x1b` for ESC), and
///   for every byte that is not part of valid UTF-8 (``escaping(bytes:)``);
/// - `\u{NN}` for the C1 controls U+0080–U+009F, the line and paragraph separators, and the
///   invisible bidirectional marks and overrides that can make `gpj.exe` read `exe.jpg`.
///
/// Backslashes are left as they are (Windows paths in metadata stay readable), so the escaped
/// text is for display, not a lossless encoding: JSON Lines carries the exact value.
public enum TerminalText {
    /// `text` with every control and invisible direction character made visible.
    public static func escaping(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars { append(scalar, to: &result) }
        return result
    }

    /// `bytes` read as UTF-8, with controls escaped as by ``escaping(_:)`` and every byte
    /// that is not part of a valid UTF-8 sequence shown as `\xNN`.
    ///
    /// - Complexity: O(n) in the number of bytes.
    public static func escaping(bytes: some Collection<UInt8>) -> String {
        let all = Array(bytes)
        var result = ""
        result.reserveCapacity(all.count + 8)
        var index = 0
        while index < all.count {
            let width = validSequenceLength(in: all, at: index)
            guard width > 0, let scalar = String(decoding: all[index..<index + width], as: UTF8.self).unicodeScalars.first else {
                appendByte(all[index], to: &result)
                index += 1
                continue
            }
            append(scalar, to: &result)
            index += width
        }
        return result
    }

    /// The length of the well-formed UTF-8 sequence at `index` (RFC 3629, table 3-7 of the
    /// Unicode standard: no overlong forms, surrogates or values past U+10FFFF), or 0.
    static func validSequenceLength(in bytes: [UInt8], at index: Int) -> Int {
        let lead = bytes[index]
        let remaining = bytes.count - index
        func continuation(_ offset: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool {
            offset < remaining && range.contains(bytes[index + offset])
        }
        switch lead {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: return continuation(1) ? 2 : 0
        case 0xE0: return continuation(1, 0xA0...0xBF) && continuation(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF: return continuation(1) && continuation(2) ? 3 : 0
        case 0xED: return continuation(1, 0x80...0x9F) && continuation(2) ? 3 : 0
        case 0xF0: return continuation(1, 0x90...0xBF) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF1...0xF3: return continuation(1) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF4: return continuation(1, 0x80...0x8F) && continuation(2) && continuation(3) ? 4 : 0
        default: return 0
        }
    }

    /// Whether `scalar` is printed escaped: C0, DEL, C1, U+2028/U+2029 and the bidirectional
    /// marks, embeddings, overrides and isolates (U+061C, U+200E/F, U+202A–E, U+2066–9).
    public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x061C, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    private static func append(_ scalar: Unicode.Scalar, to result: inout String) {
        guard needsEscape(scalar) else {
            result.unicodeScalars.append(scalar)
            return
        }
        switch scalar {
        case "\n": result += "\\n"
        case "\r": result += "\\r"
        case "\t": result += "\\t"
        case _ where scalar.value <= 0x7F: appendByte(UInt8(truncatingIfNeeded: scalar.value), to: &result)
        default: result += "\\u{" + String(scalar.value, radix: 16) + "}"
        }
    }

    private static func appendByte(_ byte: UInt8, to result: inout String) {
        let digits: [Character] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "a", "b", "c", "d", "e", "f"]
        result += "\\x"
        result.append(digits[Int(byte >> 4)])
        result.append(digits[Int(byte & 0x0F)])
    }
}
