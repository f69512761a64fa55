import StegCarveBytes

/// Namespace for script payloads: text that an interpreter runs, recognised by its opening
/// token (shebang line, `<?php`, `<script`, `<html`, `<hta:application`, `@echo off`, a
/// PowerShell launcher) and carved to the end of its printable text.
package enum Script {
    /// Fewer bytes than this are a coincidence, not a script worth reporting.
    package static let minimumLength = 16
    /// Text bytes required after the opening token itself.
    package static let minimumContentLength = 8

    /// How an opening token is checked and where the script ends.
    package enum Opening: Sendable, Equatable {
        /// `#!/path/interpreter`: a complete first line naming a known interpreter.
        case shebang
        /// `<?php` + whitespace; ends after the first `?>` outside strings and block comments.
        case php
        /// `<script` + `>` or whitespace; ends after `</script>`.
        case scriptTag
        /// `<html` or `<!DOCTYPE html`; ends after `</html>`.
        case html
        /// `<hta:application`; ends after `</html>`.
        case htaApplication
        /// `@echo off` at the start of a line.
        case batch
        /// `powershell`/`pwsh` + an option, `IEX (`/`IEX $`, `Invoke-Expression` at the start of a line.
        case powershell
        /// `eval(` of decoded or request-supplied code (`base64_decode(`, `gzinflate(`,
        /// `atob(`, `$_POST`…), as EXIF and comment webshells write it; ends at the matching `)`.
        case evalCall

        /// Whether the token only counts at the start of a line or of a printable run:
        /// plain words do, markup and `<?php` may sit anywhere in text (an XMP field).
        package var needsLineStart: Bool {
            switch self {
            case .shebang, .batch, .powershell: return true
            case .php, .scriptTag, .html, .htaApplication, .evalCall: return false
            }
        }
    }

    /// Every opening token searched for, with its kind. Case variants are listed because the
    /// search is byte-exact; the checks after the token are case-insensitive where the
    /// language is.
    package static let openings: [(token: String, opening: Opening)] = [
        ("#!/", .shebang), ("#! /", .shebang),
        ("<?php", .php), ("<?PHP", .php),
        ("<script", .scriptTag), ("<SCRIPT", .scriptTag), ("<Script", .scriptTag),
        ("<html", .html), ("<HTML", .html), ("<!DOCTYPE html", .html), ("<!DOCTYPE HTML", .html), ("<!doctype html", .html),
        ("<hta:application", .htaApplication), ("<HTA:APPLICATION", .htaApplication), ("<HTA:Application", .htaApplication),
        ("@echo off", .batch), ("@ECHO OFF", .batch), ("@Echo Off", .batch), ("@echo OFF", .batch),
        ("powershell", .powershell), ("PowerShell", .powershell), ("POWERSHELL", .powershell), ("Powershell", .powershell),
        ("pwsh", .powershell), ("IEX", .powershell), ("Invoke-Expression", .powershell),
        ("eval(", .evalCall), ("eval (", .evalCall),
    ]
    // Each distinct first byte costs the searcher one more memchr stream over every region
    // (measured: about 0.3 ms per MB of high-entropy data), so rare spellings are left out:
    // lowercase `iex` is carved when it follows a `powershell` launcher in the same text run,
    // not on its own.

    /// Printable ASCII, tab, line feed and carriage return: the bytes a script is made of.
    @inlinable
    package static func isText(_ byte: UInt8) -> Bool {
        (0x20...0x7E).contains(byte) || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// One past the last text byte of the run that starts at `offset`.
    package static func textRunEnd(_ bytes: Span<UInt8>, from offset: Int) -> Int {
        var end = offset
        while end < bytes.count, isText(bytes[end]) { end += 1 }
        return end
    }

    /// ASCII lowercase of a byte.
    @inlinable
    package static func lowercased(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
    }

    /// Whether `bytes` at `offset` equal `token`, ignoring ASCII case.
    package static func matchesIgnoringCase(_ bytes: Span<UInt8>, _ token: [UInt8], at offset: Int) -> Bool {
        guard bytes.contains(offset: offset, length: token.count) else { return false }
        for index in token.indices where lowercased(bytes[offset + index]) != lowercased(token[index]) { return false }
        return true
    }

    /// The first offset in `range` where `token` occurs, ignoring ASCII case.
    package static func firstIndexIgnoringCase(of token: [UInt8], in bytes: Span<UInt8>, range: Range<Int>) -> Int? {
        guard let first = token.first, range.count >= token.count else { return nil }
        let lowerFirst = lowercased(first)
        var index = range.lowerBound
        while index <= range.upperBound - token.count {
            if lowercased(bytes[index]) == lowerFirst, matchesIgnoringCase(bytes, token, at: index) { return index }
            index += 1
        }
        return nil
    }
}
