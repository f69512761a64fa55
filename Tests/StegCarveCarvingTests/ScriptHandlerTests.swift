import StegCarveBytes
@testable import StegCarveCarving
import Testing
import TestSupport

/// Carves from an array, so test macros never see a non-escapable `Span`.
private func carveScript(_ bytes: [UInt8], at start: Int) -> CarvedExtent? {
    ScriptHandler().carve(bytes.span, at: start)
}

private func recognize(_ text: String) -> Script.Recognition? {
    Script.recognize(Array(text.utf8).span, atLineStart: true)
}

private func carveAll(_ bytes: [UInt8]) -> [CarvedPayload] {
    Carver().carve(bytes.span, targets: [CarveTarget(name: "segment:APP1:XMP", range: 0..<bytes.count)], maxFindings: 10).payloads
}

@Suite("Script handler")
struct ScriptHandlerTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var text: String
        var language: String
        /// The script's own text; what follows it in `text` must not be carved.
        var script: String
        var delimited: Bool
        var testDescription: String { "\(language): \(script.prefix(30))" }
    }

    static let cases = [
        Case(text: "#!/bin/sh\necho hello from a shell script\n", language: "shell", script: "#!/bin/sh\necho hello from a shell script\n", delimited: true),
        Case(text: "#!/usr/bin/env python3\nprint('hi there')\n", language: "python", script: "#!/usr/bin/env python3\nprint('hi there')\n", delimited: true),
        Case(text: "#! /usr/bin/perl -w\nprint \"hi\\n\";\n", language: "perl", script: "#! /usr/bin/perl -w\nprint \"hi\\n\";\n", delimited: true),
        Case(text: "<?php system($_GET['c']); ?>trailing text", language: "php", script: "<?php system($_GET['c']); ?>", delimited: true),
        Case(text: "<?php echo '?>'; /* ?> */ echo \"a\\\"?>\"; ?> html after", language: "php", script: "<?php echo '?>'; /* ?> */ echo \"a\\\"?>\"; ?>", delimited: true),
        Case(text: "<?php // a comment ends PHP mode ?> html after", language: "php", script: "<?php // a comment ends PHP mode ?>", delimited: true),
        Case(text: "<?php\neval(base64_decode('ZWNobyAxOw=='));\n", language: "php", script: "<?php\neval(base64_decode('ZWNobyAxOw=='));\n", delimited: false),
        Case(text: "<script>eval(atob('YWxlcnQoMSk='))</script> more text", language: "javascript", script: "<script>eval(atob('YWxlcnQoMSk='))</script>", delimited: true),
        Case(text: "<SCRIPT LANGUAGE=\"VBScript\">MsgBox 1</SCRIPT>", language: "vbscript", script: "<SCRIPT LANGUAGE=\"VBScript\">MsgBox 1</SCRIPT>", delimited: true),
        Case(text: "<html><head><hta:application id=x></head><body>hi</body></html>tail", language: "hta", script: "<html><head><hta:application id=x></head><body>hi</body></html>", delimited: true),
        Case(text: "<!DOCTYPE html><html><body>hello page</body></HTML>", language: "html", script: "<!DOCTYPE html><html><body>hello page</body></HTML>", delimited: true),
        Case(text: "@echo off\r\ncertutil -decode a.txt b.exe\r\n", language: "batch", script: "@echo off\r\ncertutil -decode a.txt b.exe\r\n", delimited: false),
        Case(text: "powershell -nop -w hidden -enc SQBFAFgA", language: "powershell", script: "powershell -nop -w hidden -enc SQBFAFgA", delimited: false),
        Case(text: "IEX (New-Object Net.WebClient).DownloadString('x')", language: "powershell", script: "IEX (New-Object Net.WebClient).DownloadString('x')", delimited: false),
        Case(text: "eval(base64_decode($_POST['z'])); Canon EOS", language: "php", script: "eval(base64_decode($_POST['z']));", delimited: true),
        Case(text: "eval (atob('YWxlcnQoMSk=')) tail", language: "javascript", script: "eval (atob('YWxlcnQoMSk='))", delimited: true),
        Case(text: "eval(gzinflate(base64_decode('80jNyclXCM8vyklRBAA=')", language: "php", script: "eval(gzinflate(base64_decode('80jNyclXCM8vyklRBAA=')", delimited: false),
    ]

    @Test("recognises the language and carves exactly the script", arguments: cases)
    func recognised(testCase: Case) throws {
        let data: [UInt8] = [0x00, 0xFF] + Array(testCase.text.utf8) + [0x00, 0x89]
        let extent = try #require(carveScript(data, at: 2))
        #expect(extent.range == 2..<(2 + testCase.script.utf8.count))
        #expect(extent.confidence == (testCase.delimited ? .high : .low))
        let recognition = try #require(recognize(testCase.text))
        #expect(recognition.language == testCase.language)
    }

    static let nearMisses: [(String, String)] = [
        ("too short", "#!/bin/sh\nid\n"),
        ("unknown interpreter", "#!/usr/bin/frobnicate\nblah blah blah\n"),
        ("shebang line never ends", "#!/bin/sh echo this line never ends"),
        ("shebang path with odd characters", "#!/bin/s*h\necho hello there world\n"),
        ("powershell in prose", "powershell is a shell made by Microsoft"),
        ("iex in prose", "IEX index of words in a dictionary"),
        ("<htmlfoo", "<htmlfoo bar baz qux quux corge>"),
        ("<?phpinfo", "<?phpinfo(); more text here ok"),
        ("@echo offline", "@echo offline backups everywhere"),
        ("eval of an ordinary expression", "eval(x) is a function in many languages"),
        ("XMP packet", "<?xpacket begin=\"\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?><x:xmpmeta xmlns:x=\"adobe:ns:meta/\">"),
    ]

    @Test("near misses are not scripts", arguments: nearMisses.indices)
    func nearMiss(index: Int) {
        let data: [UInt8] = [0x00] + Array(Self.nearMisses[index].1.utf8)
        #expect(carveScript(data, at: 1) == nil, "\(Self.nearMisses[index].0)")
    }

    @Test("line-start tokens in the middle of a line are ignored, at a line start they count")
    func lineStart() {
        let middle = Array("note: #!/bin/sh\necho hello there world\n".utf8)
        #expect(carveScript(middle, at: 6) == nil)
        let line = Array("note:\n#!/bin/sh\necho hello there world\n".utf8)
        #expect(carveScript(line, at: 6)?.range == 6..<line.count)
        let inline = Array("x = 1; powershell -enc AAAA\n".utf8)
        #expect(carveScript(inline, at: 7) == nil)
    }

    static let xmp = """
        <?xpacket begin="\u{FEFF}" id="W5M0MpCehiHzreSzNTczkc9d"?>
        <x:xmpmeta xmlns:x="adobe:ns:meta/">
         <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
          <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
           <dc:description><rdf:Alt><rdf:li xml:lang="x-default">DESCRIPTION</rdf:li></rdf:Alt></dc:description>
          </rdf:Description>
         </rdf:RDF>
        </x:xmpmeta>
        <?xpacket end="w"?>
        """

    @Test("an XMP packet is not a script; <?php inside one of its fields is")
    func xmpPacket() throws {
        let clean = Array(Self.xmp.replacingOccurrences(of: "DESCRIPTION", with: "A holiday picture").utf8)
        #expect(carveAll(clean).isEmpty)
        let shell = "<?php system($_GET['cmd']); ?>"
        let dirty = Array(Self.xmp.replacingOccurrences(of: "DESCRIPTION", with: shell).utf8)
        let payloads = carveAll(dirty)
        let needle = Array(shell.utf8)
        let start = try #require(dirty.indices.first { Array(dirty[$0...].prefix(needle.count)) == needle })
        #expect(payloads.map(\.range) == [start..<(start + shell.utf8.count)])
        #expect(payloads.map(\.type) == ["script"])
    }

    @Test("a long text run full of near misses is searched in linear time", .timeLimit(.minutes(1)))
    func nearMissFlood() {
        let unit = "<htmlx <script no tag end <?phpx #!/nope \n@echo offline\nIEX x\n"
        let text = Array(String(repeating: unit, count: 16_000).utf8)  // about 1 MB of one run
        let outcome = Carver().carve(text.span, targets: [CarveTarget(name: "chunk:tEXt", range: 0..<text.count)], maxFindings: 10)
        #expect(outcome.payloads.isEmpty)
    }

    @Test("random bytes after every opening token are never a script", arguments: Script.openings.indices)
    func randomBytesAfterOpening(index: Int) {
        var generator = SeededGenerator(seed: UInt64(index) + 400)
        let token = Array(Script.openings[index].token.utf8)
        var hits = 0
        for _ in 0..<1500 {
            if carveScript([0] + token + generator.bytes(64), at: 1) != nil { hits += 1 }
        }
        #expect(hits == 0)
    }
}
