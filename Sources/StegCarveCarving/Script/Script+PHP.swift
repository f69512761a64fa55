import StegCarveBytes

extension Script {
    /// One past the `?>` that closes PHP mode, or `nil` when the text has none.
    ///
    /// A small lexer (PHP manual, "Basic syntax" and "Comments"): `?>` inside a quoted string
    /// or a `/* */` comment does not close PHP mode, inside a `//` or `#` comment it does.
    /// Heredocs are not tracked; a `?>` inside one ends the carve early.
    static func phpEnd(_ text: Span<UInt8>, from start: Int) -> Int? {
        enum State { case code, quoted(UInt8), blockComment, lineComment }
        var state = State.code
        var index = start
        let question = UInt8(ascii: "?"), greater = UInt8(ascii: ">"), slash = UInt8(ascii: "/"), star = UInt8(ascii: "*")
        while index < text.count {
            let byte = text[index]
            let next: UInt8 = index + 1 < text.count ? text[index + 1] : 0
            switch state {
            case .code:
                if byte == question, next == greater { return index + 2 }
                if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "`") {
                    state = .quoted(byte)
                } else if byte == slash, next == star {
                    state = .blockComment
                    index += 1
                } else if (byte == slash && next == slash) || (byte == UInt8(ascii: "#") && next != UInt8(ascii: "[")) {
                    state = .lineComment
                }
            case .quoted(let quote):
                if byte == UInt8(ascii: "\\") {
                    index += 1
                } else if byte == quote {
                    state = .code
                }
            case .blockComment:
                if byte == star, next == slash {
                    state = .code
                    index += 1
                }
            case .lineComment:
                if byte == question, next == greater { return index + 2 }
                if byte == 0x0A || byte == 0x0D { state = .code }
            }
            index += 1
        }
        return nil
    }
}
