import Foundation
import StegCarve
import StegCarveImages
@testable import StegCarveReports
import Testing
import TestSupport

import StegCarvePlatform

@Suite("HTML report")
struct HTMLReportTests {
    private func corpus(_ path: String) -> String {
        CorpusLocator.corpusDirectory.appendingPathComponent(path).path
    }

    // Spans stay inside these helpers: macros and closures get arrays.
    private func section(_ report: ScanReport, _ bytes: [UInt8], index: Int) -> String {
        HTMLReport.section(for: report, bytes: bytes.span, index: index, maxThumbnailPixels: 1_000_000)
    }

    private func thumbnail(_ bytes: [UInt8], format: String, maxPixels: UInt64) throws(Thumbnail.Unavailable) -> Thumbnail {
        try Thumbnail(bytes: bytes.span, format: format, maxPixels: maxPixels)
    }

    private func decode(_ bytes: [UInt8], as container: PixelContainer) throws -> DecodedImage {
        try PixelDecoder().decode(bytes.span, as: container)
    }

    private func profile(_ bytes: [UInt8]) -> EntropyProfile {
        EntropyProfile(bytes.span)
    }

    /// The whole page for `reports` made from `bytes`.
    private func page(_ inputs: [(report: ScanReport, bytes: [UInt8])]) -> String {
        var html = HTMLReport.prologue(title: "test <report>")
        for (index, input) in inputs.enumerated() {
            html += section(input.report, input.bytes, index: index + 1)
        }
        let entries = inputs.enumerated().map { index, input in
            HTMLReport.Entry(index: index + 1, path: input.report.path ?? "", verdict: input.report.verdict.rawValue, score: input.report.score, findings: input.report.findings.count)
        }
        return html + HTMLReport.epilogue(summary: HTMLReport.Summary(entries: entries, generated: "now", version: "test"))
    }

    @Test("escaping: markup characters become references, controls and direction overrides become visible")
    func escaping() {
        #expect(HTMLText.escape(#"<a href="x" title='y'>&amp;</a>"#) == "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;")
        #expect(HTMLText.escape("a\u{0}b\u{1B}c\u{7F}\u{85}") == "a\\u{0}b\\u{1B}c\\u{7F}\\u{85}")
        #expect(HTMLText.escape("evil\u{202E}gpj.exe") == "evil\\u{202E}gpj.exe")
        #expect(HTMLText.escape("line\nnext\ttab é 😀") == "line\nnext\ttab é 😀")
    }

    @Test("hostile paths and metadata cannot inject markup: the page has exactly its own script, strings show as text")
    func injection() throws {
        let bytes = HostileReportSample.jpeg(from: try CorpusLocator.bytes("clean/jpeg-baseline.jpg"))
        let report = Scanner().scan(bytes: bytes, path: "/tmp/" + HostileReportSample.fileName)
        // The hostile strings really reach the report: a script finding and the gzip's name.
        #expect(report.allFindings.contains { $0.type == "script" })
        #expect(report.allFindings.contains { $0.metadata["originalName"]?.stringValue == HostileReportSample.gzipName })
        let html = page([(report, bytes)])
        #expect(html.components(separatedBy: "<script").count == 2, "only the page's own script element")
        for tag in ["<svg onload", "<img src=x", "<script>document"] {
            #expect(!html.contains(tag))
        }
        #expect(html.contains(HTMLText.escape(HostileReportSample.gzipName)))
        #expect(html.contains("&lt;svg onload=document.documentElement.setAttribute(&#39;data-pwned&#39;,&#39;name&#39;)&gt;\\u{202E}gpj.jpg"))
        #expect(html.contains("<title>test &lt;report&gt;</title>"))
    }

    @Test("the page is self-contained: no URL outside data: URIs and in-page anchors, a CSP that admits only its own style and script")
    func selfContained() throws {
        let path = corpus("payload/jpeg-eoi-elf-x86_64.jpg")
        let html = page([(try Scanner().scan(fileAt: path), try CorpusLocator.bytes("payload/jpeg-eoi-elf-x86_64.jpg"))])
        for pattern in [#"src="(?!data:)"#, #"href="(?!#file-)"#, #"url\("#, "@import", "<link", "<iframe", "<object", "<embed"] {
            let expression = try NSRegularExpression(pattern: pattern)
            #expect(expression.firstMatch(in: html, range: NSRange(html.startIndex..., in: html)) == nil, "\(pattern)")
        }
        #expect(html.contains("default-src 'none'; img-src data:; style-src 'sha256-"))
        // The hashes in the policy are those of the style and script in the page (by coreutils).
        for (open, close, directive) in [("<style>", "</style>", "style-src"), ("<script>", "</script>", "script-src")] {
            let body = try #require(html.components(separatedBy: open).dropFirst().first?.components(separatedBy: close).first)
            let hex = SHA256Hex.of(Array(body.utf8))
            let digest = stride(from: 0, to: hex.count, by: 2).compactMap { offset -> UInt8? in
                let start = hex.index(hex.startIndex, offsetBy: offset)
                return UInt8(hex[start..<hex.index(start, offsetBy: 2)], radix: 16)
            }
            #expect(html.contains("\(directive) 'sha256-\(Data(digest).base64EncodedString())'"))
        }
    }

    @Test("thumbnails: decoded through libjpeg/libpng, scaled to fit 192 pixels, a PNG that libpng decodes back")
    func thumbnails() throws {
        for (path, format) in [("payload/jpeg-eoi-elf-x86_64.jpg", "jpeg"), ("clean/png-rgba.png", "png"), ("clean/png-rgb16.png", "png"), ("clean/jpeg-cmyk.jpg", "jpeg"), ("clean/png-palette-trns.png", "png"), ("clean/jpeg-grayscale.jpg", "jpeg")] {
            let bytes = try CorpusLocator.bytes(path)
            let thumbnail = try thumbnail(bytes, format: format, maxPixels: 1_000_000)
            #expect(max(thumbnail.width, thumbnail.height) <= Thumbnail.maximumSide)
            let back = try decode(thumbnail.png, as: .png)
            #expect(back.description.width == thumbnail.width)
            #expect(back.description.height == thumbnail.height)
            #expect(back.description.outputChannels == 4)
            // Not a blank square: the corpus pictures have colour or tone variation.
            #expect(Set(back.pixels.enumerated().filter { $0.offset % 4 == 0 }.map(\.element)).count >= 2, "\(path)")
        }
        let big = try Thumbnail(try decode(try CorpusLocator.bytes("payload/jpeg-eoi-elf-x86_64.jpg"), as: .jpeg))
        #expect(big.sourceWidth == 160 && big.width == 160, "never scaled up")
    }

    @Test("thumbnails: a solid colour survives the box filter and the PNG encoder exactly")
    func solidColour() throws {
        let description = ImageDescription(width: 500, height: 300, colorModel: .rgb, sourceBitsPerSample: 8, sourceChannels: 3, outputChannels: 3, outputBitsPerSample: 8, rowBytes: 1500, isProgressiveOrInterlaced: false, usesArithmeticCoding: false)
        let pixels = Array([[UInt8]](repeating: [200, 100, 50], count: 500 * 300).joined())
        let thumbnail = try Thumbnail(DecodedImage(description: description, pixels: pixels))
        #expect(thumbnail.width == 192 && thumbnail.height == 115)
        let back = try decode(thumbnail.png, as: .png)
        #expect(back.pixels.count == 192 * 115 * 4)
        #expect(stride(from: 0, to: back.pixels.count, by: 4).allSatisfy { Array(back.pixels[$0..<($0 + 4)]) == [200, 100, 50, 255] })
    }

    @Test("thumbnails: pictures above the pixel bound and formats without a decoder get a reason instead")
    func noThumbnail() throws {
        let bytes = try CorpusLocator.bytes("payload/jpeg-eoi-elf-x86_64.jpg")
        let tooBig = #expect(throws: Thumbnail.Unavailable.self) { try thumbnail(bytes, format: "jpeg", maxPixels: 1000) }
        #expect(tooBig?.reason.contains("19200") == true)
        let gif = #expect(throws: Thumbnail.Unavailable.self) { try thumbnail(bytes, format: "gif", maxPixels: 1000) }
        #expect(gif?.reason == "no pixel decoder for gif pictures")
        let broken = Array(bytes.prefix(800))
        let truncated = #expect(throws: Thumbnail.Unavailable.self) { try thumbnail(broken, format: "jpeg", maxPixels: 1_000_000) }
        #expect(truncated?.reason.hasPrefix("the picture does not decode") == true)
    }

    @Test("thumbnails of TIFF and WebP pictures: the same samples give the same thumbnail")
    func tiffAndWebPThumbnails() throws {
        let tiff = try thumbnail(try CorpusLocator.bytes("stego/tiff-lsb-elf-tiled-planar.tif"), format: "tiff", maxPixels: 1_000_000)
        let webp = try thumbnail(try CorpusLocator.bytes("stego/webp-lossless-lsb-elf.webp"), format: "webp", maxPixels: 1_000_000)
        #expect(tiff.sourceWidth == 256 && tiff.width == 192 && tiff.height == 192)
        #expect(tiff.png == webp.png)
        let animated = #expect(throws: Thumbnail.Unavailable.self) {
            try thumbnail(try CorpusLocator.bytes("stego/webp-animated-clean.webp"), format: "webp", maxPixels: 1_000_000)
        }
        #expect(animated?.reason.contains("animated WebP") == true)
    }

    @Test("entropy profile: at most 512 points, zeros at 0 bits, random bytes near 8, windows clipped to the file")
    func entropy() {
        var generator = SeededGenerator(seed: 7)
        let random = (0..<200_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let bytes = [UInt8](repeating: 0, count: 100_000) + random
        let computed = profile(bytes)
        #expect(computed.values.count <= EntropyProfile.maximumPoints)
        #expect(computed.step == 586)
        #expect(computed.values.first == 0)
        #expect(computed.values[100] == 0)
        #expect((computed.values.last ?? 0) > 7.5)
        #expect(profile([]).values.isEmpty)
        let tiny = profile([1, 2, 3, 4])
        #expect(tiny.values == [2, 2, 2, 2])
    }

    @Test("byte map: one shape per region and payload, offsets and lengths in data attributes, merged past the shape limit")
    func byteMap() throws {
        let path = corpus("payload/jpeg-eoi-elf-x86_64.jpg")
        let report = try Scanner().scan(fileAt: path)
        let svg = ByteMap(report: report).svg
        #expect(svg.components(separatedBy: "<rect class=\"k-").count - 1 == report.regions.count)
        #expect(svg.contains(#"class="p-bad" x="237.09" y="34" width="762.91" height="16" data-o="5027" data-l="16176" data-n="payload 1: elf""#))
        var many = report
        many.regions = (0..<10_000).map { Region(kind: $0 % 2 == 0 ? .imageData : .metadata, name: "strip\($0)", offset: $0 * 2, length: 2, scanned: true) }
        many.size = 20_000
        let merged = ByteMap(report: many).svg
        #expect(merged.components(separatedBy: "<rect class=\"k-").count - 1 <= ByteMap.maximumShapes)
    }

    @Test("the report file: not overwritten without replacing, never through a symbolic link, mode 0644, nothing left on failure")
    func reportFile() throws {
        let temporary = try TemporaryDirectory()
        let path = temporary.path + "/report.html"
        let file = try ReportFile(path: path, replacing: false)
        try file.write("first")
        try file.commit()
        #expect(FileManager.default.contents(atPath: path) == Data("first".utf8))
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        #expect(mode == 0o644)
        let exists = #expect(throws: ReportFileError.self) { try ReportFile(path: path, replacing: false) }
        #expect(exists?.code == EEXIST)
        let replacement = try ReportFile(path: path, replacing: true)
        try replacement.write("second")
        try replacement.commit()
        #expect(FileManager.default.contents(atPath: path) == Data("second".utf8))

        let target = try temporary.write(Array("victim".utf8), to: "victim.txt")
        try FileManager.default.createSymbolicLink(atPath: temporary.path + "/link.html", withDestinationPath: target)
        for replacing in [false, true] {
            let link = #expect(throws: ReportFileError.self) { try ReportFile(path: temporary.path + "/link.html", replacing: replacing) }
            #expect(link?.code == ELOOP)
        }
        #expect(FileManager.default.contents(atPath: target) == Data("victim".utf8))
        do {
            let abandoned = try ReportFile(path: temporary.path + "/abandoned.html", replacing: false)
            try abandoned.write("partial")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path).sorted() == ["link.html", "report.html", "victim.txt"])
    }
}
