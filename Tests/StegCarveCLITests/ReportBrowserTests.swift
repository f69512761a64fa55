import Foundation
import Testing
import TestSupport

/// `stegcarve report` rendered by a real browser: Debian's chromium, headless, loads the page
/// from disk, runs its script, and dumps the resulting DOM. The page's script marks the
/// document `data-ready="true"` when every file section has its decoded thumbnail (or the
/// reason there is none), byte map, entropy plot and findings table, and `data-error` on any
/// script error. CI installs chromium (.ci/run); elsewhere the test runs when it is present.
@Suite("stegcarve report in a headless browser", .enabled(if: HeadlessChromium.executable != nil || ProcessInfo.processInfo.environment["CI"] != nil))
struct ReportBrowserTests {
    /// The DOM after the page's load event, as chromium serialises it.
    private func renderedDOM(_ page: String, in temporary: TemporaryDirectory) throws -> String {
        let browser = try #require(HeadlessChromium.executable, "chromium is not installed (apt-get install -y chromium)")
        let profile = temporary.path + "/chromium-profile-" + UUID().uuidString
        // coreutils' timeout ends a browser that hangs instead of the test run.
        let result = try ReportFormatTests.run(URL(fileURLWithPath: "/usr/bin/timeout"), [
            "120", browser.path, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=" + profile,
            "--dump-dom", URL(fileURLWithPath: page).absoluteString,
        ])
        #expect(result.status == 0, "\(result.standardError.suffix(2000))")
        return result.standardOutput
    }

    private func corpus(_ path: String) -> String {
        CorpusLocator.corpusDirectory.appendingPathComponent(path).path
    }

    private func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    @Test("the page renders: script ran without errors, every section has its thumbnail, byte map, entropy plot and findings; hostile strings stay text")
    func rendersInChromium() throws {
        let temporary = try TemporaryDirectory()
        let hostile = try temporary.write(HostileReportSample.jpeg(from: try CorpusLocator.bytes("clean/jpeg-baseline.jpg")), to: HostileReportSample.fileName)
        let inputs = [
            corpus("payload/jpeg-eoi-elf-x86_64.jpg"), corpus("payload/png-iend-base64-xor-elf.png"), corpus("clean/png-rgba.png"),
            corpus("clean/jpeg-cmyk.jpg"), corpus("clean/mpo-stereo-2.mpo"), corpus("payload/gif-comment-elf-split.gif"), hostile,
        ]
        let page = temporary.path + "/report.html"
        let result = try ReportFormatTests.run(BinaryLocator.stegcarve, ["report", "--full", "-o", page] + inputs)
        #expect(result.status == 1, "\(result.standardError)")
        let dom = try renderedDOM(page, in: temporary)

        #expect(dom.contains(#"<html lang="en" data-ready="true""#), "\(dom.prefix(300))")
        #expect(!dom.contains("data-error="))
        #expect(!dom.contains("data-missing="))
        #expect(!dom.contains("data-pwned=\""), "no injected handler ran")
        #expect(count(#"<section class="file"#, in: dom) == inputs.count)
        // Every JPEG/PNG/MPO thumbnail decoded in the browser; the GIF has a reason instead.
        #expect(count("data-decoded=\"", in: dom) == inputs.count - 1)
        #expect(count(#"class="no-thumbnail""#, in: dom) == 1)
        #expect(count(#"<svg class="bytemap""#, in: dom) == inputs.count)
        #expect(count(#"<svg class="entropy""#, in: dom) == inputs.count)
        #expect(count(#"<table class="findings""#, in: dom) == inputs.count)
        #expect(dom.contains("data-decoded=\"160x120\""))
        #expect(dom.contains(#"<section id="summary">"#))
        // The hostile name is shown as text, direction override made visible.
        #expect(dom.contains("&lt;svg onload=document.documentElement.setAttribute('data-pwned','name')&gt;\\u{202E}gpj.jpg"))
    }

    @Test("by default clean files get a short section (no thumbnail, byte map or plot); flagged files are drawn in full; the page renders")
    func compactLayout() throws {
        let temporary = try TemporaryDirectory()
        let clean = ["clean/png-rgba.png", "clean/jpeg-cmyk.jpg", "clean/mpo-stereo-2.mpo", "clean/png-rgb.png", "clean/webp-lossless.webp"].map(corpus)
        let page = temporary.path + "/report.html"
        let result = try ReportFormatTests.run(BinaryLocator.stegcarve, ["report", "-o", page, corpus("payload/jpeg-eoi-elf-x86_64.jpg")] + clean)
        #expect(result.status == 1, "\(result.standardError)")
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(count(#"data-compact="true""#, in: html) == clean.count)
        #expect(count(#"<img class="thumbnail""#, in: html) == 1, "a thumbnail for the flagged file only")
        let full = try ReportFormatTests.run(BinaryLocator.stegcarve, ["report", "--full", "-o", "-", corpus("payload/jpeg-eoi-elf-x86_64.jpg")] + clean)
        #expect(html.utf8.count * 2 < full.standardOutput.utf8.count, "\(html.utf8.count) vs \(full.standardOutput.utf8.count) bytes")
        let dom = try renderedDOM(page, in: temporary)
        #expect(dom.contains(#"<html lang="en" data-ready="true""#), "\(dom.prefix(300))")
        #expect(!dom.contains("data-error="))
        #expect(count(#"<section class="file"#, in: dom) == clean.count + 1)
    }

    @Test("the harness notices a broken page: a missing element makes data-ready false, a script error sets data-error")
    func harnessDetectsFailures() throws {
        let temporary = try TemporaryDirectory()
        let page = temporary.path + "/report.html"
        let result = try ReportFormatTests.run(BinaryLocator.stegcarve, ["report", "--full", "-o", page, corpus("clean/png-rgb.png")])
        #expect(result.status == 0)
        let html = try String(contentsOfFile: page, encoding: .utf8)

        let missing = temporary.path + "/missing.html"
        try html.replacingOccurrences(of: #"<table class="findings""#, with: #"<table class="other""#).write(toFile: missing, atomically: true, encoding: .utf8)
        let missingDOM = try renderedDOM(missing, in: temporary)
        #expect(missingDOM.contains(#"data-ready="false""#))
        #expect(missingDOM.contains("findings table"))

        // A script that throws after installing its handler; the policy's hash updated to match.
        let script = try #require(html.components(separatedBy: "<script>").dropFirst().first?.components(separatedBy: "</script>").first)
        let broken = script.replacingOccurrences(of: #"window.addEventListener("load", function () {"#, with: #"window.addEventListener("load", function () { null.crash();"#)
        #expect(broken != script)
        let newHash = Data(hexBytes(SHA256Hex.of(Array(broken.utf8)))).base64EncodedString()
        let oldHash = Data(hexBytes(SHA256Hex.of(Array(script.utf8)))).base64EncodedString()
        let erroring = temporary.path + "/error.html"
        try html.replacingOccurrences(of: script, with: broken).replacingOccurrences(of: oldHash, with: newHash)
            .write(toFile: erroring, atomically: true, encoding: .utf8)
        let errorDOM = try renderedDOM(erroring, in: temporary)
        #expect(errorDOM.contains("data-error="))
        #expect(!errorDOM.contains(#"data-ready="true""#))
    }

    private func hexBytes(_ hex: String) -> [UInt8] {
        stride(from: 0, to: hex.count, by: 2).compactMap { offset in
            let start = hex.index(hex.startIndex, offsetBy: offset)
            return UInt8(hex[start..<hex.index(start, offsetBy: 2)], radix: 16)
        }
    }
}

/// Debian's chromium, when installed.
enum HeadlessChromium {
    static let executable: URL? = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].map(URL.init(fileURLWithPath:)).first {
        FileManager.default.isExecutableFile(atPath: $0.path)
    }
}
