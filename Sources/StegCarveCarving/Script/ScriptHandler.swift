import StegCarveBytes

/// Carves scripts: shebang scripts (shell, Python, Perl, ...), PHP, HTML/HTA/JavaScript/
/// VBScript markup, Windows batch files and PowerShell launchers.
///
/// References: execve(2) (`#!` interpreter lines), PHP manual "Basic syntax", HTML Living
/// Standard (`<script>`), Microsoft HTA reference (`<hta:application>`), `cmd` and
/// `powershell.exe` command-line help. Scripts have no length field: the extent runs from the
/// opening token to its closing token (`?>`, `</script>`, `</html>`) or else to the end of the
/// printable run (ASCII 0x20-0x7E, tab, CR, LF), and is at least 16 bytes. Plain-word
/// tokens (`@echo off`, `powershell -…`, `IEX (`) count only at the start of a line or run;
/// XMP's `<?xpacket`/`<x:xmpmeta` are not openings, but `<?php` inside an XMP field is.
/// Limitation: scripts in UTF-16 or with non-ASCII bytes end at the first such byte.
package struct ScriptHandler: PayloadHandler {
    package init() {}

    package var type: String { "script" }

    package var signatures: [PayloadSignature] {
        Script.openings.map { PayloadSignature(magic: Array($0.token.utf8)) }
    }

    package var documentation: String {
        "Scripts (shebang, PHP, HTML/HTA/JS, batch, PowerShell): extent = opening token to closing token or end of the printable run, at least 16 bytes"
    }

    package func carve(_ bytes: Span<UInt8>, at start: Int) -> CarvedExtent? {
        guard start >= 0, start < bytes.count else { return nil }
        let atLineStart = start == 0 || bytes[start - 1] == 0x0A || bytes[start - 1] == 0x0D || !Script.isText(bytes[start - 1])
        guard let script = Script.recognize(bytes.extracting(start..<bytes.count), atLineStart: atLineStart) else { return nil }
        // No length field to validate: "high" only when the script's own syntax delimits it.
        return CarvedExtent(range: start..<(start + script.length), declaredLength: script.length, confidence: script.isDelimited ? .high : .low)
    }
}
