import StegCarveBytes
import StegCarveCarving
import StegCarveModel

/// Describes a script payload: its language, interpreter line, size in lines, and the
/// tokens loaders and webshells lean on (`eval(`, `base64_decode`, `-EncodedCommand`, ...).
package struct ScriptDescriber: PayloadDescriber {
    package init() {}

    package var type: String { "script" }

    /// Tokens worth an analyst's eye, matched ignoring ASCII case.
    package static let notableTokens = [
        "eval(", "assert(", "base64_decode", "gzinflate", "str_rot13", "system(", "shell_exec", "passthru", "exec(",
        "atob(", "fromcharcode", "document.write", "activexobject", "wscript.shell", "createobject",
        "frombase64string", "-encodedcommand", "downloadstring", "invoke-webrequest", "invoke-expression", "iex(",
        "curl ", "wget ", "chmod +x", "/dev/tcp/", "certutil", "bitsadmin",
    ]

    package func describe(_ bytes: Span<UInt8>, truncated: Bool) -> PayloadDescription {
        guard let script = Script.recognize(bytes, atLineStart: true) else { return PayloadDescription() }
        var lines = 0
        for index in 0..<bytes.count where bytes[index] == 0x0A { lines += 1 }
        if bytes.count > 0, bytes[bytes.count - 1] != 0x0A { lines += 1 }
        let tokens = Self.notableTokens.filter {
            Script.firstIndexIgnoringCase(of: Array($0.utf8), in: bytes, range: 0..<bytes.count) != nil
        }
        let metadata: [String: MetadataValue] = [
            "language": .string(script.language),
            "interpreter": .optional(script.interpreter),
            "lines": .integer(Int64(lines)),
            "delimited": .bool(script.isDelimited),
            "notableTokens": .array(tokens.map(MetadataValue.string)),
        ]
        var reason = "\(script.language) script"
        if let interpreter = script.interpreter { reason += " for #!\(interpreter)" }
        reason += ", \(lines) line\(lines == 1 ? "" : "s")"
        if !tokens.isEmpty { reason += ", uses " + tokens.prefix(4).joined(separator: " ") }
        return PayloadDescription(metadata: metadata, labels: [Label(name: "script", reason: reason)])
    }
}
