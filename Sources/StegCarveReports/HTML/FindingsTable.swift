import StegCarve

/// The table of a file's findings: one row per carved payload (nested payloads numbered
/// `1.1`, `1.1.1`, … under their parents) with where it is, its hashes, labels with reasons,
/// metadata and indicators. Every string is escaped.
package enum FindingsTable {
    /// Longest metadata value shown; the rest is elided (the JSON report has it all).
    static let maximumValueLength = 400

    package static func html(_ findings: [Finding]) -> String {
        var html = #"<table class="findings"><colgroup><col class="c-number"><col class="c-type"><col class="c-where"><col class="c-labels"><col class="c-hashes"><col class="c-metadata"></colgroup><thead><tr><th>#</th><th>type</th><th>where</th><th>labels</th><th>hashes</th><th>metadata</th></tr></thead><tbody>"#
        var rows = 0
        func visit(_ findings: [Finding], prefix: String, depth: Int) {
            for (index, finding) in findings.enumerated() {
                let number = prefix.isEmpty ? "\(index + 1)" : "\(prefix).\(index + 1)"
                rows += 1
                html += row(finding, number: number, depth: depth)
                visit(finding.children, prefix: number, depth: depth + 1)
            }
        }
        visit(findings, prefix: "", depth: 0)
        if rows == 0 {
            html += #"<tr class="none"><td colspan="6">no payload carved</td></tr>"#
        }
        return html + "</tbody></table>"
    }

    static func row(_ finding: Finding, number: String, depth: Int) -> String {
        let alarming = finding.labels.contains { ["executable", "script", "known-bad"].contains($0.name) }
        var html = #"<tr class="depth-\#(min(depth, 8))\#(alarming ? " bad" : "")">"#
        html += "<td class=\"number\">\(number)</td>"
        html += "<td class=\"type\">\(HTMLText.escape(finding.type))<br><span class=\"confidence\">\(finding.confidence.rawValue) confidence</span></td>"
        var place = "offset \(HTMLText.offset(finding.offset))<br>\(finding.length) bytes"
        if finding.truncated {
            place += " <span class=\"warn\">truncated" + (finding.declaredLength.map { ", declares \($0)" } ?? "") + "</span>"
        }
        place += "<br>in " + HTMLText.escape(finding.region)
        if let via = finding.via { place += "<br>via " + HTMLText.escape(via) }
        if let ranges = finding.fileRanges {
            place += "<br>file ranges: " + ranges.prefix(8).map { "\($0.offset)+\($0.length)" }.joined(separator: ", ") + (ranges.count > 8 ? ", …" : "")
        }
        if let path = finding.extractedPath { place += "<br>extracted to " + HTMLText.escape(path) }
        html += "<td class=\"where\">\(place)</td>"
        let labels = finding.labels.map { "<li><b>\(HTMLText.escape($0.name))</b>: \(HTMLText.escape($0.reason))</li>" }.joined()
        html += "<td class=\"labels\">" + (labels.isEmpty ? "" : "<ul>\(labels)</ul>") + "</td>"
        html += "<td class=\"hashes\"><code>sha256 \(HTMLText.escape(finding.sha256))</code><br><code>sha1 \(HTMLText.escape(finding.sha1))</code><br><code>md5 \(HTMLText.escape(finding.md5))</code><br>entropy \((finding.entropy * 100).rounded() / 100)</td>"
        var details = finding.metadata.keys.sorted().map { key in
            "<li>\(HTMLText.escape(key)) = \(HTMLText.escape(text(finding.metadata[key] ?? .null)))</li>"
        }
        details += finding.indicators.map { "<li class=\"indicator\">\(HTMLText.escape($0.kind.rawValue)): \(HTMLText.escape(elided($0.value)))</li>" }
        details += finding.limits.map { "<li class=\"warn\">limit \(HTMLText.escape($0.limit)) = \($0.value): \(HTMLText.escape($0.message))</li>" }
        details += finding.problems.map { "<li class=\"warn\">\(HTMLText.escape(elided($0)))</li>" }
        html += "<td class=\"metadata\">" + (details.isEmpty ? "" : "<ul>\(details.joined())</ul>") + "</td></tr>"
        return html
    }

    /// A metadata value as one line of text.
    static func text(_ value: MetadataValue) -> String {
        let full: String
        switch value {
        case .string(let string): full = string
        case .integer(let integer): full = String(integer)
        case .number(let number): full = String(number)
        case .bool(let bool): full = bool ? "yes" : "no"
        case .array(let items): full = items.isEmpty ? "—" : items.map(text).joined(separator: ", ")
        case .object(let members): full = "{" + members.keys.sorted().map { "\($0): \(text(members[$0] ?? .null))" }.joined(separator: ", ") + "}"
        case .null: full = "—"
        }
        return elided(full)
    }

    static func elided(_ text: String) -> String {
        text.count > maximumValueLength ? String(text.prefix(maximumValueLength)) + "…" : text
    }
}
