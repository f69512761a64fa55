import StegCarveBytes

extension Script {
    /// A recognised script: its language, its interpreter line if any, and its length.
    package struct Recognition: Sendable, Equatable {
        /// `shell`, `python`, `perl`, `ruby`, `php`, `javascript`, `vbscript`, `html`, `hta`,
        /// `batch`, `powershell`, `lua`, `tcl`, `awk`, `applescript`.
        package var language: String
        /// For a shebang: the interpreter as written (`/usr/bin/env python3`).
        package var interpreter: String?
        /// Bytes the script occupies from its opening token.
        package var length: Int
        /// The script ends at its own closing token (`?>`, `</script>`, `</html>`) or is a
        /// shebang script with a known interpreter, rather than merely where the text stops.
        package var isDelimited: Bool = false
    }

    /// Recognises the script whose opening token starts `bytes` (which run to the end of the
    /// region), or `nil`. `atLineStart` says whether the byte before the token ends a line or
    /// is not text (or there is none).
    package static func recognize(_ bytes: Span<UInt8>, atLineStart: Bool) -> Recognition? {
        guard let opening = openings.first(where: { bytes.matches(Array($0.token.utf8), at: 0) }) else { return nil }
        if opening.opening.needsLineStart, !atLineStart { return nil }
        let token = opening.token.utf8.count
        // Every check that can fail looks at a bounded window first; only then is the text
        // run measured, so a long run full of near misses costs linear time, not quadratic.
        guard token < bytes.count else { return nil }
        let next = bytes[token]
        var result: Recognition
        switch opening.opening {
        case .shebang:
            guard let line = shebang(bytes) else { return nil }
            result = line
            result.length = textRunEnd(bytes, from: 0)
        case .php:
            guard isSpace(next) else { return nil }
            let text = bytes.extracting(0..<textRunEnd(bytes, from: 0))
            let end = phpEnd(text, from: token)
            result = Recognition(language: "php", interpreter: nil, length: end ?? text.count, isDelimited: end != nil)
        case .scriptTag:
            let window = 0..<min(bytes.count, token + maximumTagLength)
            guard next == UInt8(ascii: ">") || isSpace(next),
                  let tagEnd = firstIndexIgnoringCase(of: Array(">".utf8), in: bytes, range: token..<window.upperBound),
                  textRunEnd(bytes.extracting(window), from: 0) > tagEnd else { return nil }
            let vbscript = firstIndexIgnoringCase(of: Array("vbscript".utf8), in: bytes, range: token..<tagEnd) != nil
            let runEnd = textRunEnd(bytes, from: 0)
            let close = Array("</script>".utf8)
            let closed = firstIndexIgnoringCase(of: close, in: bytes, range: tagEnd..<runEnd).map { $0 + close.count }
            result = Recognition(language: vbscript ? "vbscript" : "javascript", interpreter: nil, length: closed ?? runEnd, isDelimited: closed != nil)
        case .html, .htaApplication:
            guard next == UInt8(ascii: ">") || next == UInt8(ascii: "/") || isSpace(next) else { return nil }
            let runEnd = textRunEnd(bytes, from: 0)
            let close = Array("</html>".utf8)
            let closed = firstIndexIgnoringCase(of: close, in: bytes, range: token..<runEnd).map { $0 + close.count }
            let end = closed ?? runEnd
            let hta = opening.opening == .htaApplication
                || firstIndexIgnoringCase(of: Array("<hta:application".utf8), in: bytes, range: 0..<end) != nil
            result = Recognition(language: hta ? "hta" : "html", interpreter: nil, length: end, isDelimited: closed != nil)
        case .batch:
            guard isSpace(next) || next == UInt8(ascii: "&") else { return nil }
            result = Recognition(language: "batch", interpreter: nil, length: textRunEnd(bytes, from: 0))
        case .evalCall:
            guard let call = evalCall(bytes, token: token) else { return nil }
            result = call
        case .powershell:
            let window = bytes.extracting(0..<textRunEnd(bytes.extracting(0..<min(bytes.count, token + 64)), from: 0))
            guard powershellLauncher(window, token: token, opening: opening.token) else { return nil }
            result = Recognition(language: "powershell", interpreter: nil, length: textRunEnd(bytes, from: 0))
        }
        // A long token (`<hta:application`) is no evidence of a script on its own: some text must follow it.
        guard result.length >= max(minimumLength, token + minimumContentLength) else { return nil }
        return result
    }

    /// What an `eval(` may evaluate for it to count as a script: code decoded on the spot
    /// or taken from the request, never an ordinary expression (`eval(x)` in prose or code
    /// samples). PHP names first, then JavaScript.
    static let evaluatedSources: [(prefix: String, language: String)] = [
        ("base64_decode(", "php"), ("gzinflate(", "php"), ("gzuncompress(", "php"), ("gzdecode(", "php"),
        ("str_rot13(", "php"), ("hex2bin(", "php"), ("$_POST", "php"), ("$_GET", "php"), ("$_REQUEST", "php"),
        ("$_COOKIE", "php"), ("$_SERVER", "php"), ("stripslashes(", "php"),
        ("atob(", "javascript"), ("unescape(", "javascript"), ("String.fromCharCode(", "javascript"),
        ("decodeURIComponent(", "javascript"), ("Buffer.from(", "javascript"), ("function(", "javascript"),
    ]

    /// `eval(` + optional spaces + an ``evaluatedSources`` prefix; the script ends at the
    /// `)` that closes the call (plus a `;`), or with the text run when it is not closed.
    private static func evalCall(_ bytes: Span<UInt8>, token: Int) -> Recognition? {
        var index = token
        while index < bytes.count, index < token + 8, isSpace(bytes[index]) { index += 1 }
        guard let source = evaluatedSources.first(where: { matchesIgnoringCase(bytes, Array($0.prefix.utf8), at: index) }) else { return nil }
        let runEnd = textRunEnd(bytes, from: 0)
        // The opening parenthesis is the token's last byte (or after its space).
        var depth = 1
        var cursor = token
        while cursor < runEnd, depth > 0 {
            if bytes[cursor] == UInt8(ascii: "(") { depth += 1 } else if bytes[cursor] == UInt8(ascii: ")") { depth -= 1 }
            cursor += 1
        }
        guard depth == 0 else { return Recognition(language: source.language, interpreter: nil, length: runEnd) }
        if cursor < runEnd, bytes[cursor] == UInt8(ascii: ";") { cursor += 1 }
        return Recognition(language: source.language, interpreter: nil, length: cursor, isDelimited: true)
    }

    /// Most bytes searched for the `>` that ends an opening `<script …>` tag.
    static let maximumTagLength = 512

    @inlinable
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// `#!` [space] `/path/name` [args] end-of-line, where the name (or `env`'s argument)
    /// is a known interpreter.
    private static func shebang(_ text: Span<UInt8>) -> Recognition? {
        var lineEnd = 2
        while lineEnd < text.count, lineEnd < 256, isText(text[lineEnd]), text[lineEnd] != 0x0A, text[lineEnd] != 0x0D { lineEnd += 1 }
        guard lineEnd < text.count, text[lineEnd] == 0x0A || text[lineEnd] == 0x0D else { return nil }
        guard let line = String(validating: text.bytes(in: 2..<lineEnd), as: UTF8.self) else { return nil }
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard let path = words.first, path.hasPrefix("/"),
              path.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "/._+-".contains($0)) }) else { return nil }
        var name = path.split(separator: "/").last.map(String.init) ?? ""
        if name == "env" {
            guard let argument = words.dropFirst().first(where: { !$0.hasPrefix("-") }) else { return nil }
            name = argument
        }
        guard let language = interpreterLanguage(name) else { return nil }
        return Recognition(language: language, interpreter: words.joined(separator: " "), length: lineEnd, isDelimited: true)
    }

    /// The language of an interpreter name, version suffixes ignored (`python3.11` → `python`).
    package static func interpreterLanguage(_ name: String) -> String? {
        let base = String(name.prefix { !$0.isNumber && $0 != "." })
        switch base {
        case "sh", "bash", "dash", "ash", "zsh", "ksh", "mksh", "csh", "tcsh", "fish", "busybox": return "shell"
        case "python", "pypy": return "python"
        case "perl": return "perl"
        case "ruby": return "ruby"
        case "node", "nodejs", "deno", "bun": return "javascript"
        case "php": return "php"
        case "lua", "luajit": return "lua"
        case "tclsh", "wish", "expect": return "tcl"
        case "awk", "gawk", "mawk", "nawk": return "awk"
        case "pwsh", "powershell": return "powershell"
        case "osascript": return "applescript"
        default: return nil
        }
    }

    /// A PowerShell launcher: `powershell[.exe]`/`pwsh[.exe]` then an option (`-enc`,
    /// `/c`, ...); `IEX` then `(` or `$`; `Invoke-Expression` then whitespace, `(` or `$`.
    private static func powershellLauncher(_ text: Span<UInt8>, token: Int, opening: String) -> Bool {
        var index = token
        func skipSpaces() { while index < text.count, text[index] == 0x20 || text[index] == 0x09 { index += 1 } }
        switch opening.lowercased() {
        case "powershell", "pwsh":
            if matchesIgnoringCase(text, Array(".exe".utf8), at: index) { index += 4 }
            guard index < text.count, text[index] == 0x20 || text[index] == 0x09 else { return false }
            skipSpaces()
            guard index + 1 < text.count, text[index] == UInt8(ascii: "-") || text[index] == UInt8(ascii: "/") else { return false }
            let letter = lowercased(text[index + 1])
            return (0x61...0x7A).contains(letter)
        default:
            let spaced = index < text.count && (text[index] == 0x20 || text[index] == 0x09)
            skipSpaces()
            guard index < text.count else { return false }
            if text[index] == UInt8(ascii: "(") || text[index] == UInt8(ascii: "$") { return true }
            return spaced && opening == "Invoke-Expression" && text[index] != 0x0A && text[index] != 0x0D
        }
    }
}
