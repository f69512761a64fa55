import Foundation
import StegCarveStego
import TestSupport
import Testing

/// Samples made by PyPI `stegano` (Corpus/gen_stego.py), checked against Corpus/stego/expected.json.
@Suite struct SteganoCorpusTests {
    struct Expected: Decodable {
        struct Finding: Decodable {
            /// `nil` for findings outside the pixels (a Camouflage block).
            var layout: String?
            var kind: String
            var offset: Int
            var prefix: String?
        }
        var findings: [Finding]
    }

    static func expectations() throws -> [String: Expected] {
        try JSONDecoder().decode([String: Expected].self, from: Data(CorpusLocator.bytes("stego/expected.json")))
    }

    @Test(arguments: ["stegano-clean-cover.png", "stegano-lsb-text.png"])
    func matchesTheManifest(_ name: String) throws {
        let expected = try #require(try Self.expectations()[name])
        let png = try CorpusLocator.bytes("stego/\(name)")
        let report = try StegoAnalyzer().analyze(bytes: png.span, container: .png)
        #expect(report.findings.count == expected.findings.count, "\(report.findings.map { ($0.layout, $0.kind) })")
        for (found, wanted) in zip(report.findings, expected.findings) {
            #expect(found.layout == wanted.layout)
            #expect(found.kind == wanted.kind)
            #expect(found.offset == wanted.offset)
            let prefix = Array((wanted.prefix ?? "").utf8)
            #expect(Array(found.bytes.prefix(prefix.count)) == prefix)
        }
    }
}
