import StegCarve
import Testing

/// The escaping every text renderer uses for strings from files (issue 12).
@Suite("TerminalText")
struct TerminalTextTests {
    static let cases: [(input: String, shown: String)] = [
        ("plain/path/photo.jpg", "plain/path/photo.jpg"),
        ("a\u{1B}[2J\u{1B}]0;PWNED\u{07}b.jpg", #"a\x1b[2J\x1b]0;PWNED\x07b.jpg"#),
        ("line\nfake.jpg: clean\r", #"line\nfake.jpg: clean\r"#),
        ("tab\there", #"tab\there"#),
        ("nul\u{0}del\u{7F}", #"nul\x00del\x7f"#),
        ("c1 \u{9B}31m and \u{85}", #"c1 \u{9b}31m and \u{85}"#),
        ("gpj\u{202E}.exe \u{2066}x\u{2069} \u{200F}", #"gpj\u{202e}.exe \u{2066}x\u{2069} \u{200f}"#),
        ("sep\u{2028}para\u{2029}", #"sep\u{2028}para\u{2029}"#),
        ("C:\\Windows\\x.pdb ünïcödé 写真 🙂", "C:\\Windows\\x.pdb ünïcödé 写真 🙂"),
    ]

    @Test("controls, C1, DEL, separators and bidi marks are shown, everything else kept", arguments: cases)
    func escaping(_ input: String, _ shown: String) {
        #expect(TerminalText.escaping(input) == shown)
        #expect(TerminalText.escaping(bytes: Array(input.utf8)) == shown, "bytes of valid UTF-8 read the same")
    }

    static let byteCases: [(bytes: [UInt8], shown: String)] = [
        ([0x61, 0xFF, 0x62], #"a\xffb"#),
        ([0x80], #"\x80"#),
        ([0xC3], #"\xc3"#),  // truncated two-byte sequence
        ([0xC0, 0xAF], #"\xc0\xaf"#),  // overlong '/'
        ([0xED, 0xA0, 0x80], #"\xed\xa0\x80"#),  // a UTF-16 surrogate
        ([0xF4, 0x90, 0x80, 0x80], #"\xf4\x90\x80\x80"#),  // past U+10FFFF
        ([0xE2, 0x82, 0xAC, 0x1B, 0xE2, 0x82], #"€\x1b\xe2\x82"#),
        ([0xC2, 0x9B], #"\u{9b}"#),  // C1 CSI in UTF-8
        ([0xF0, 0x9F, 0x99, 0x82], "🙂"),
    ]

    @Test("invalid UTF-8 is shown byte by byte", arguments: byteCases)
    func invalidBytes(_ bytes: [UInt8], _ shown: String) {
        #expect(TerminalText.escaping(bytes: bytes) == shown)
    }

    @Test("escaped text holds no control character, for every single byte and pair of bytes")
    func exhaustive() {
        for first in 0...255 {
            for second in [0x00, 0x1B, 0x80, 0x9B, 0xBF, 0xC2, 0xFF] {
                let shown = TerminalText.escaping(bytes: [UInt8(first), UInt8(second)])
                #expect(!shown.unicodeScalars.contains(where: TerminalText.needsEscape), "\(first) \(second)")
            }
        }
    }

    @Test("TerminalString escapes interpolated values, keeps literals and safe pieces")
    func interpolation() {
        let name = "x\u{1B}[2J.jpg"
        let bold = TerminalString(unescaped: "\u{1B}[1m")
        let line: TerminalString = "\(bold)\(name): \(42) bytes\n"
        #expect(line.text == "\u{1B}[1m" + #"x\x1b[2J.jpg"# + ": 42 bytes\n")
        let joined = ["a\nb", "c"].map { TerminalString(escaping: $0) }.joined(separator: ", ")
        #expect(joined.text == #"a\nb, c"#)
    }
}
