import Foundation
import StegCarve

/// The offline HTML report: one self-contained page (inline CSS, script and SVG, thumbnails as
/// `data:` URIs, nothing fetched) with a section per scanned file.
///
/// Written in three parts so a sweep streams to disk: ``prologue(title:)``, then
/// ``section(for:bytes:index:maxThumbnailPixels:)`` per file in any number, then
/// ``epilogue(summary:)``, whose summary the style sheet shows first. Every string that comes
/// from a file (paths, metadata, labels quoting payload strings) goes through
/// ``HTMLText/escape(_:)``, and the page's Content-Security-Policy admits only its own script.
package enum HTMLReport {
    /// One line of the summary table.
    package struct Entry: Sendable {
        package var index: Int
        package var path: String
        package var verdict: String
        package var score: Int?
        package var findings: Int
        /// Whether the page has the file's section (`report --only-flagged` leaves quiet files
        /// out); without one the summary line links nowhere.
        package var hasSection = true

        package init(index: Int, path: String, verdict: String, score: Int?, findings: Int) {
            self.index = index
            self.path = path
            self.verdict = verdict
            self.score = score
            self.findings = findings
        }
    }

    /// What the summary says about the run.
    package struct Summary: Sendable {
        package var entries: [Entry]
        package var generated: String
        package var version: String

        package init(entries: [Entry], generated: String, version: String) {
            self.entries = entries
            self.generated = generated
            self.version = version
        }
    }

    /// The document head and the opening of its body.
    package static func prologue(title: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="\(ReportPageAssets.contentSecurityPolicy)">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="referrer" content="no-referrer">
        <meta name="generator" content="StegCarve">
        <title>\(HTMLText.escape(title))</title>
        <style>\(ReportPageAssets.style)</style>
        </head>
        <body>
        <main>

        """
    }

    /// The section of one scanned file.
    ///
    /// - Parameters:
    ///   - bytes: the file's bytes, which must be the bytes `report` describes (its SHA-256).
    ///   - index: the file's number, for its anchor `file-<index>`.
    ///   - maxThumbnailPixels: larger pictures get no thumbnail rather than a big allocation.
    package static func section(for report: ScanReport, bytes: Span<UInt8>, index: Int, maxThumbnailPixels: UInt64) -> String {
        var html = #"<section class="file v-\#(report.verdict.rawValue)" id="file-\#(index)" data-size="\#(report.size)">"#
        html += heading(for: report)

        html += "<div class=\"top\">" + thumbnail(report: report, bytes: bytes, maxPixels: maxThumbnailPixels)
        html += verdictDetails(for: report)
        html += "</div>"

        html += "<h3>Byte map</h3>" + ByteMap(report: report).svg
        html += "<div class=\"axis\"><span>0</span><span>\(HTMLText.offset(report.size / 2))</span><span>\(HTMLText.offset(report.size))</span></div>"
        html += legend
        html += "<h3>Entropy (bits per byte)</h3>" + EntropyProfile(bytes).svg(size: report.size, overlay: report.overlay, findings: report.findings)
        html += "<div class=\"readout\">move the pointer over the byte map or the plot for offsets</div>"
        html += "<h3>Findings</h3>" + FindingsTable.html(report.findings)
        return html + "</section>\n"
    }

    /// The short section of a file that needs no drawing (clean or benign-extra, scanned
    /// whole): its heading, facts and verdict, without thumbnail, byte map, entropy plot or
    /// findings table, so a page of thousands of clean files stays small.
    package static func compactSection(for report: ScanReport, index: Int) -> String {
        #"<section class="file compact v-\#(report.verdict.rawValue)" id="file-\#(index)" data-size="\#(report.size)" data-compact="true">"#
            + heading(for: report) + verdictDetails(for: report) + "</section>\n"
    }

    /// The section's title (verdict, path) and its facts line.
    private static func heading(for report: ScanReport) -> String {
        let path = report.source == .standardInput ? "<stdin>" : report.path ?? "(bytes in memory)"
        var html = "<h2><span class=\"verdict\">\(report.verdict.rawValue) \(report.score)</span><span class=\"path\">\(HTMLText.escape(path))</span></h2>"
        var facts = [HTMLText.escape(report.format), HTMLText.size(report.size)]
        if let header = report.header { facts.append("\(header.width)×\(header.height)") }
        if let decode = report.decode {
            facts.append(decode.decodes ? "decodes" : "does not decode" + (decode.message.map { ": " + HTMLText.escape($0) } ?? ""))
        }
        facts.append(report.pictures == 1 ? "1 picture" : "\(report.pictures) pictures")
        if let imageEnd = report.imageEnd { facts.append("picture ends at \(HTMLText.offset(imageEnd))") }
        facts.append("stages: " + report.stages.map(\.rawValue).joined(separator: ", "))
        html += "<p class=\"facts\">\(facts.joined(separator: " · "))<br><code>sha256 \(HTMLText.escape(report.sha256))</code></p>"
        return html
    }

    /// Reasons, labels, overlay, anomalies, limits and errors.
    private static func verdictDetails(for report: ScanReport) -> String {
        var html = "<div class=\"reasons\"><h3>Verdict</h3>"
        if report.reasons.isEmpty {
            html += "<p class=\"muted\">a picture and nothing else</p>"
        } else {
            html += "<ul>" + report.reasons.map { "<li>\(HTMLText.escape($0))</li>" }.joined() + "</ul>"
        }
        if !report.labels.isEmpty {
            html += "<h3>Labels</h3><ul>" + report.labels.map { "<li><b>\(HTMLText.escape($0.name))</b>: \(HTMLText.escape($0.reason))</li>" }.joined() + "</ul>"
        }
        if let overlay = report.overlay {
            html += "<h3>Overlay</h3><p>\(overlay.length) bytes at \(HTMLText.offset(overlay.offset)), entropy \((overlay.entropy * 100).rounded() / 100), "
                + (overlay.explained ? "explained by the findings" : "<b>not explained</b>")
                + ", starts <code>\(HTMLText.escape(overlay.firstBytes))</code></p>"
        }
        if !report.anomalies.isEmpty {
            html += "<h3>Anomalies</h3><ul>" + report.anomalies.map { "<li><b>\(HTMLText.escape($0.code))</b> at \(HTMLText.offset($0.offset)): \(HTMLText.escape($0.message))</li>" }.joined() + "</ul>"
        }
        let problems = report.limits.map { "limit \($0.limit) = \($0.value): \($0.message)" } + report.errors
        if !problems.isEmpty {
            html += "<h3>Incomplete</h3><ul>" + problems.map { "<li class=\"warn\">\(HTMLText.escape($0))</li>" }.joined() + "</ul>"
        }
        return html + "</div>"
    }

    /// The section of a file that could not be scanned.
    package static func section(forUnreadable path: String, reason: String, index: Int) -> String {
        #"<section class="file v-error" id="file-\#(index)" data-size="0" data-unreadable="true">"#
            + "<h2><span class=\"verdict\">error</span><span class=\"path\">\(HTMLText.escape(path))</span></h2>"
            + "<p class=\"warn\">\(HTMLText.escape(reason))</p></section>\n"
    }

    /// The summary and the end of the document.
    package static func epilogue(summary: Summary) -> String {
        var counts: [String: Int] = [:]
        for entry in summary.entries { counts[entry.verdict, default: 0] += 1 }
        let order = ["malicious", "suspicious", "benign-extra", "clean", "error"]
        var html = #"<section id="summary"><h1>StegCarve report</h1>"#
        html += "<p class=\"muted\">\(summary.entries.count) files · generated \(HTMLText.escape(summary.generated)) by stegcarve \(HTMLText.escape(summary.version)) · "
            + order.compactMap { verdict in counts[verdict].map { "<span class=\"verdict v-\(verdict)\">\($0) \(verdict)</span>" } }.joined(separator: " ")
            + "</p>"
        html += #"<table class="summary"><thead><tr><th>file</th><th>verdict</th><th>score</th><th>payloads</th></tr></thead><tbody>"#
        let sorted = summary.entries.sorted { left, right in
            let l = order.firstIndex(of: left.verdict) ?? order.count
            let r = order.firstIndex(of: right.verdict) ?? order.count
            return (l, -(left.score ?? 0), left.index) < (r, -(right.score ?? 0), right.index)
        }
        for entry in sorted {
            let name = entry.hasSection ? "<a href=\"#file-\(entry.index)\">\(HTMLText.escape(entry.path))</a>" : HTMLText.escape(entry.path)
            html += "<tr><td>\(name)</td><td><span class=\"verdict v-\(HTMLText.escape(entry.verdict))\">\(HTMLText.escape(entry.verdict))</span></td><td>\(entry.score.map(String.init) ?? "")</td><td>\(entry.findings)</td></tr>"
        }
        html += "</tbody></table></section>\n</main>\n<script>\(ReportPageAssets.script)</script>\n</body>\n</html>\n"
        return html
    }

    static let legend = #"<div class="legend"><span><i class="k-header"></i>header</span><span><i class="k-metadata"></i>metadata</span><span><i class="k-image-data"></i>image data</span><span><i class="k-picture"></i>other picture</span><span><i class="k-declared"></i>declared extra</span><span><i class="k-gap"></i>gap</span><span><i class="k-overlay"></i>overlay</span><span><i class="p-bad"></i>executable/script payload</span><span><i class="p-other"></i>other payload</span><span><i class="anomaly"></i>anomaly</span></div>"#

    static func thumbnail(report: ScanReport, bytes: Span<UInt8>, maxPixels: UInt64) -> String {
        do {
            let thumbnail = try Thumbnail(bytes: bytes, format: report.format, maxPixels: maxPixels)
            let uri = "data:image/png;base64," + Data(thumbnail.png).base64EncodedString()
            return #"<figure><img class="thumbnail" src="\#(uri)" width="\#(thumbnail.width)" height="\#(thumbnail.height)" alt="thumbnail of the picture"><figcaption>\#(thumbnail.sourceWidth)×\#(thumbnail.sourceHeight) decoded</figcaption></figure>"#
        } catch {
            return "<div class=\"no-thumbnail\">no thumbnail: \(HTMLText.escape(error.reason))</div>"
        }
    }
}
