import Foundation
import StegCarve
import SystemPackage
import Testing
import TestSupport

/// The hand-written JSON Lines writer against Foundation's `JSONEncoder` (sorted keys,
/// slashes unescaped — what `--format jsonl` printed before): the same text, and the same
/// values when both are parsed by `JSONSerialization`.
@Suite("JSON Lines writer")
struct JSONLinesWriterTests {
    static func encoded(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Both texts parse, as JSON objects equal to each other.
    static func expectSameValue(_ written: String, _ reference: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let lhs = try JSONSerialization.jsonObject(with: Data(written.utf8)) as? NSDictionary
        let rhs = try JSONSerialization.jsonObject(with: Data(reference.utf8)) as? NSDictionary
        #expect(lhs != nil && lhs == rhs, sourceLocation: sourceLocation)
    }

    /// Checks one report: one line, with the same value and the same text as `JSONEncoder`.
    static func check(_ report: ScanReport, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let line = try #require(report.jsonLine, sourceLocation: sourceLocation)
        #expect(line.hasSuffix("\n") && line.dropLast().allSatisfy { $0 != "\n" }, sourceLocation: sourceLocation)
        let written = String(line.dropLast())
        let reference = try encoded(report)
        try expectSameValue(written, reference, sourceLocation: sourceLocation)
        #expect(written == reference, sourceLocation: sourceLocation)
    }

    @Test("every corpus file's report is written as JSONEncoder writes it", arguments: CorpusManifest.shared.files)
    func corpusFile(file: CorpusManifest.File) throws {
        let path = CorpusLocator.corpusDirectory.appendingPathComponent(file.path).path
        try Self.check(try Scanner().scan(fileAt: path))
    }

    /// Strings that must be escaped, or must not be: every control character, quote,
    /// backslash, slash, DEL, the JavaScript line separators, emoji, combining marks (not
    /// normalised), noncharacters, U+FFFD from invalid UTF-8, NUL.
    static let hostileStrings: [String] = {
        var strings = [
            "", "plain", "\"quoted\" \\back\\slash/ and / slash", "\u{7F}del", "line\u{2028}separator\u{2029}paragraph",
            "emoji 😀👩‍👩‍👧 flag 🇩🇪", "e\u{301} vs \u{E9}", "nul\u{0}inside", "\r\n", "tab\tform\u{C}bell\u{7}",
            String(decoding: [0x66, 0xFF, 0xC3, 0x28, 0xED, 0xA0, 0x80, 0xF4, 0x90, 0x80, 0x80], as: UTF8.self),
            "<script>alert(1)</script>", "\u{202E}gpj.exe", "日本語のパス/写真.jpg",
        ]
        strings.append(String(String.UnicodeScalarView((0..<0x20).compactMap { Unicode.Scalar($0) })))
        strings.append(String(String.UnicodeScalarView([0xFFFE, 0xFFFF, 0xFDD0, 0x10FFFF, 0xE000].compactMap { Unicode.Scalar($0) })))
        return strings
    }()

    /// Doubles across the range: integral ones (written without `.0`), tiny, huge,
    /// subnormal, negative zero, and seeded random bit patterns.
    static let doubles: [Double] = {
        var values: [Double] = [
            0, -0.0, 1, -1, 0.1, 0.5, 1.0 / 3, 2.5, 7.999_999_999_999_999, 1e-7, 1e15, 1e16, 1e22, 1e300,
            1.2345678901234568e20, .leastNonzeroMagnitude, .leastNormalMagnitude, .greatestFiniteMagnitude,
            -.greatestFiniteMagnitude, 0.1 + 0.2, 4_294_967_296, 9_007_199_254_740_992, 9_007_199_254_740_994,
        ]
        var generator = SeededGenerator(seed: 0x4A53_4F4E)
        while values.count < 400 {
            let value = Double(bitPattern: generator.next())
            if value.isFinite { values.append(value) }
            values.append(Double(generator.next() % 100_000) / 1000)
        }
        return values
    }()

    static func metadata(_ index: Int) -> [String: MetadataValue] {
        let strings = hostileStrings
        let string = strings[index % strings.count]
        return [
            "string": .string(string), "integer": .integer(index.isMultiple(of: 2) ? .max : .min), "zero": .integer(0),
            "number": .number(doubles[index % doubles.count]), "flag": .bool(index.isMultiple(of: 3)), "nothing": .null,
            // Keys in byte order, not numeric or case-insensitive: "A" < "_" < "a", "a10" < "a9".
            "a10": .integer(10), "a9": .integer(9), "A": .string("upper"), "_": .string("underscore"), "Zebra": .bool(true),
            "é": .string("non-ASCII key"), string: .string("hostile key"),
            "nested": .array([.object(["b": .array([]), "a": .object([:]), "c": .array([.null, .number(doubles[(index + 1) % doubles.count])])]), .string(string)]),
        ]
    }

    static func hostileReport(_ index: Int) -> ScanReport {
        let strings = hostileStrings
        let text = { (offset: Int) in strings[(index + offset) % strings.count] }
        let number = { (offset: Int) in doubles[(index * 7 + offset) % doubles.count] }
        var child = Finding(
            type: text(1), offset: index, length: Int.max - index, region: text(2), confidence: .medium, truncated: true,
            declaredLength: Int.max, md5: text(3), sha1: text(4), sha256: text(5), entropy: number(1),
            labels: [Label(name: text(6), reason: text(7))], metadata: metadata(index + 1),
            indicators: [Indicator(kind: .moneroWallet, value: text(8), offset: 3)], via: text(9),
            limits: [LimitHit(limit: text(10), value: -1, message: text(11))], fileRanges: [FileRange(offset: 1, length: 2)],
            extractedPath: text(12)
        )
        child.problems = [text(13), text(0)]
        var finding = Finding(
            type: "elf", offset: 0, length: 100, region: "overlay", confidence: .high, truncated: false, md5: "d41d8cd98f00b204e9800998ecf8427e",
            sha1: "da39a3ee5e6b4b0d3255bfef95601890afd80709", sha256: String(repeating: "e3", count: 32), entropy: number(2),
            labels: [Label(name: "yara:" + text(1), reason: text(2), tags: [text(3), "tag"], meta: metadata(index + 2))],
            metadata: metadata(index), children: [child]
        )
        finding.ssdeep = "3:" + text(4)
        finding.tlsh = "T1" + text(5)
        var report = ScanReport(
            path: text(0), size: index * 1_000_003, sha256: String(repeating: "ab", count: 32), format: text(1),
            header: ImageHeader(width: 1, height: 0, bitsPerSample: 8, channels: 3, coding: text(2), arithmeticCoding: true, interlaced: index.isMultiple(of: 2), colorType: index.isMultiple(of: 2) ? text(3) : nil, restartInterval: index.isMultiple(of: 3) ? 4 : nil),
            decode: DecodeStatus(decodes: false, width: index.isMultiple(of: 2) ? 640 : nil, height: 480, colorModel: text(4), bitsPerSample: nil, progressive: true, message: text(5), warnings: 2),
            imageEnd: index.isMultiple(of: 2) ? 1234 : nil, pictures: 2,
            overlay: Overlay(offset: 1234, length: 5, entropy: number(3), firstBytes: text(6), explained: false),
            regions: [Region(kind: .imageData, name: text(7), offset: 0, length: 1, scanned: true), Region(kind: .declared, name: "x", offset: 1, length: 2, scanned: false)],
            anomalies: [Anomaly(code: text(8), offset: -5, message: text(9))], findings: [finding],
            limits: [LimitHit(limit: "max-depth", value: 8, message: text(10))], errors: [text(11)]
        )
        report.pathBase64 = index.isMultiple(of: 2) ? "/w==" : nil
        report.source = index.isMultiple(of: 2) ? .standardInput : index.isMultiple(of: 3) ? .stream : nil
        report.stages = Array(ScanStage.allCases.prefix(index % 6))
        report.md5 = index.isMultiple(of: 3) ? text(12) : nil
        report.sha1 = index.isMultiple(of: 3) ? text(13) : nil
        report.ssdeep = index.isMultiple(of: 2) ? "3:" + text(1) : nil
        report.tlsh = index.isMultiple(of: 2) ? "T1" + text(2) : nil
        report.labels = [Label(name: "known-bad", reason: text(13))]
        report.stego = StegoSection(
            mode: "all", domain: text(1), image: text(2), layoutsTried: 44,
            channels: [StegoChannel(channel: "r", estimates: [StegoEstimate(detector: "spa", rate: number(4), detail: text(3)), StegoEstimate(detector: "rs", rate: nil, detail: text(4))])],
            signal: "weak", rate: index.isMultiple(of: 2) ? number(5) : nil, meaning: text(5), fingerprints: [text(6)]
        )
        report.assessVerdict()
        return report
    }

    @Test("hostile strings, odd keys and doubles across the range are written as JSONEncoder writes them", arguments: 0..<64)
    func hostileReport(index: Int) throws {
        try Self.check(Self.hostileReport(index))
    }

    /// A field added to a report type but not to the writer would be missing from every line
    /// that has it set: every stored property must come out as a key when all are set.
    @Test("every stored property of the report types is written")
    func everyPropertyIsWritten() throws {
        let report = Self.hostileReport(0)  // index 0: every optional set
        let line = try #require(report.jsonLine)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        func labels(_ value: Any) -> Set<String> { Set(Mirror(reflecting: value).children.compactMap(\.label)) }
        #expect(Set(object.keys) == labels(report))
        // Between them the top-level finding and its child set every optional.
        let finding = try #require((object["findings"] as? [[String: Any]])?.first)
        let child = try #require((finding["children"] as? [[String: Any]])?.first)
        #expect(Set(finding.keys).union(child.keys) == labels(report.findings[0]))
        let values: [(String, Any)] = [
            ("header", try #require(report.header)), ("decode", try #require(report.decode)), ("overlay", try #require(report.overlay)),
            ("stego", try #require(report.stego)),
        ]
        for (key, value) in values {
            let written = try #require(object[key] as? [String: Any], "\(key)")
            #expect(Set(written.keys).isSubset(of: labels(value)) && labels(value).subtracting(written.keys).allSatisfy { ["bitsPerSample"].contains($0) }, "\(key)")
        }
    }

    @Test("escaping follows RFC 8259: quote, backslash and control characters only")
    func escaping() {
        var writer = JSONTextWriter()
        writer.array(["\u{0}\u{1}\u{8}\t\n\u{B}\u{C}\r\u{1F}", "\"\\/\u{7F}\u{2028}😀"])
        #expect(writer.text == #"["\u0000\u0001\b\t\n\u000b\f\r\u001f","\"\\/\#u{7F}\#u{2028}😀"]"#)
    }

    @Test("integers from Int64.min to Int64.max")
    func integers() throws {
        var values: [Int64] = [.min, .min + 1, -1, 0, 1, 9, 10, 99, 100, 999_999_999_999_999_999, 1_000_000_000_000_000_000, .max - 1, .max]
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<500 { values.append(Int64(bitPattern: generator.next()) >> (generator.next() % 64)) }
        var writer = JSONTextWriter()
        writer.array(values) { $0.integer($1) }
        #expect(writer.text == "[" + values.map(String.init).joined(separator: ",") + "]")
    }

    /// Read back with Swift's correctly rounded parser (strtod-like readers such as Python's
    /// or jq's agree; Foundation's `JSONSerialization` on Linux is off by an ulp for some
    /// 17-digit values, whichever writer wrote them).
    @Test("every double reads back as the same double")
    func doublesRoundTrip() throws {
        for value in Self.doubles {
            var writer = JSONTextWriter()
            writer.number(value)
            let parsed = try #require(Double(writer.text))
            #expect(parsed.bitPattern == value.bitPattern, "\(value) written as \(writer.text)")
        }
    }

    @Test("a non-finite number gives no line, where JSONEncoder throws", arguments: [Double.nan, .infinity, -.infinity])
    func nonFinite(value: Double) {
        var report = Self.hostileReport(0)
        report.findings[0].entropy = value
        #expect(report.jsonLine == nil)
        #expect(throws: EncodingError.self) { try Self.encoded(report) }
    }

    /// The record of a file that could not be read, as the CLI printed it before.
    private struct ErrorRecord: Encodable {
        var schemaVersion: Int
        var path: String
        var pathBase64: String?
        var error: String
    }

    @Test("the error line", arguments: hostileStrings)
    func errorLine(text: String) throws {
        for base64 in [nil, "gA=="] {
            var error = ScanError(path: text, reason: "open: " + text)
            error.pathBase64 = base64
            let reference = try Self.encoded(ErrorRecord(schemaVersion: 1, path: error.path, pathBase64: base64, error: error.reason))
            let line = error.jsonLine
            #expect(line == reference + "\n")
            try Self.expectSameValue(String(line.dropLast()), reference)
        }
    }

    @Test("a path that is not UTF-8 is written with pathBase64, as JSONEncoder writes it")
    func nonUTF8Path() throws {
        let directory = try TemporaryDirectory()
        let name: [UInt8] = Array(directory.path.utf8) + Array("/bad-\u{7}-".utf8) + [0xFF, 0xFE, 0x22, 0x5C] + Array(".png".utf8)
        let path = unsafe FilePath(platformString: name.map { CChar(bitPattern: $0) } + [0])
        let cleanNames = try FileManager.default.contentsOfDirectory(atPath: CorpusLocator.corpusDirectory.appendingPathComponent("clean").path)
        let png = try #require(cleanNames.sorted().first { $0.hasSuffix(".png") })
        let staged = try directory.write(try CorpusLocator.bytes("clean/" + png), to: "staged.png")
        let renamed = unsafe path.withPlatformString { unsafe rename(staged, $0) }
        #expect(renamed == 0)
        let report = try Scanner().scan(fileAt: path)
        #expect(report.pathBase64 == Data(name).base64EncodedString())
        try Self.check(report)
    }
}
