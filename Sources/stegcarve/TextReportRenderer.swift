import Foundation
import StegCarve

/// The default output: one line per file, then indented details for each finding.
///
/// Lines are ``TerminalString``s: every value interpolated into them (paths, metadata, YARA
/// meta, indicator strings, reasons) is escaped, so a file cannot forge another file's line or
/// send the terminal a control sequence.
struct TextReportRenderer: ReportRenderer {
    var colored: Bool

    /// Anomalies and indicators shown per file or finding; the rest are counted (JSON Lines has all).
    static let shownAnomalies = 8
    static let shownIndicators = 12

    func render(_ report: ScanReport) -> String {
        var lines: [TerminalString] = []
        let path: TerminalString = report.source == .standardInput ? "<stdin>" : Self.path(report.path, base64: report.pathBase64)
        var summary: TerminalString = "\(path): \(report.format), \(report.size) bytes"
        if let decode = report.decode {
            if let width = decode.width, let height = decode.height { summary += ", \(width)x\(height)" }
            summary += decode.decodes ? ", decodes" : ", does not decode"
        } else if let header = report.header {
            summary += ", \(header.width)x\(header.height) declared"
        }
        if report.pictures > 1 { summary += ", \(report.pictures) pictures" }
        let count = report.allFindings.count
        summary += count == 0 ? ", no payload" : ", \(count) payload\(count == 1 ? "" : "s")"
        summary += ": \(report.verdict.rawValue) (\(report.score))"
        let style: Style = switch report.verdict {
        case .clean, .benignExtra: .green
        case .suspicious: .yellow
        case .malicious: .red
        }
        lines.append(paint(summary, style))
        lines.append("  stages: \(report.stages.map(\.rawValue).joined(separator: ", "))")
        for reason in report.reasons {
            lines.append("  reason: \(reason)")
        }
        for label in report.labels {
            lines.append("  \(paint("\(label.name)", .cyan)): \(label.reason)")
        }
        if report.ssdeep != nil || report.tlsh != nil {
            lines.append("  ssdeep \(report.ssdeep ?? "-")  tlsh \(report.tlsh ?? "-")")
        }
        if let overlay = report.overlay {
            let unexplained: TerminalString = overlay.explained ? "" : ", \(paint("unexplained", .yellow))"
            lines.append("  overlay: \(overlay.length) bytes at offset \(overlay.offset), entropy \(format(overlay.entropy)), starts \(overlay.firstBytes)\(unexplained)")
        }
        if let decode = report.decode, let message = decode.message {
            lines.append("  decoder: \(message)")
        }
        for anomaly in report.anomalies.prefix(Self.shownAnomalies) {
            lines.append("  anomaly: \(anomaly.code) at \(anomaly.offset): \(anomaly.message)")
        }
        if report.anomalies.count > Self.shownAnomalies {
            lines.append("  … \(report.anomalies.count - Self.shownAnomalies) more anomalies (--format jsonl lists all)")
        }
        for finding in report.findings {
            render(finding, depth: 1, into: &lines)
        }
        for limit in report.limits {
            lines.append("  limit \(limit.limit)=\(limit.value): \(limit.message)")
        }
        for error in report.errors {
            lines.append(paint("  error: \(error)", .red))
        }
        return lines.joined(separator: "\n").text + "\n"
    }

    func render(_ error: ScanError) -> String {
        paint("\(Self.path(error.path, base64: error.pathBase64)): error: \(error.reason)", .red).text + "\n"
    }

    func render(_ skipped: SkippedInput) -> String {
        let path: TerminalString = skipped.path == "-" ? "<stdin>" : Self.path(skipped.path, base64: skipped.pathBase64)
        return paint("\(path): \(skipped.summary)", .red).text + "\n"
    }

    /// A path as the terminal shows it: the exact bytes when they are not UTF-8 (escaped as
    /// `\xNN`), else the text, with controls escaped either way.
    static func path(_ path: String?, base64: String?) -> TerminalString {
        if let base64, let bytes = Data(base64Encoded: base64) {
            return TerminalString(unescaped: TerminalText.escaping(bytes: bytes))
        }
        return "\(path ?? "-")"
    }

    private func render(_ finding: Finding, depth: Int, into lines: inout [TerminalString]) {
        let indent = TerminalString(unescaped: String(repeating: "  ", count: depth))
        var head: TerminalString = "\(finding.type.uppercased()) at offset \(finding.offset), \(finding.length) bytes, in \(finding.region)"
        if let pieces = finding.fileRanges, let first = pieces.first {
            // The offset counts within the region's joined pieces, not in the file.
            head += " (joined data; file offset \(first.offset), \(pieces.count) piece\(pieces.count == 1 ? "" : "s"))"
        }
        if let machine = finding.metadata["machine"]?.stringValue { head += ", \(machine)" }
        if finding.truncated { head += ", \(paint("truncated", .yellow)) (declares \(finding.declaredLength ?? finding.length))" }
        head += ", confidence \(finding.confidence.rawValue)"
        lines.append(indent + paint(head, .bold))
        lines.append("\(indent)  sha256 \(finding.sha256)")
        lines.append("\(indent)  md5 \(finding.md5)  sha1 \(finding.sha1)  entropy \(format(finding.entropy))")
        lines.append("\(indent)  ssdeep \(finding.ssdeep ?? "-")  tlsh \(finding.tlsh ?? "-")")
        for label in finding.labels {
            lines.append("\(indent)  \(paint("\(label.name)", label.name == "cryptominer" ? .red : .cyan)): \(label.reason)")
        }
        let interesting = ["type", "entry", "interpreter", "linking", "stripped", "needed", "buildID", "timestampUTC", "imphash", "exportName"]
        let details = interesting.compactMap { key -> TerminalString? in
            guard let value = finding.metadata[key], value != .null else { return nil }
            return "\(key)=\(describe(value))"
        }
        if !details.isEmpty { lines.append("\(indent)  \(details.joined(separator: " "))") }
        for indicator in finding.indicators.prefix(Self.shownIndicators) {
            lines.append("\(indent)  \(indicator.kind.rawValue): \(indicator.value)")
        }
        if finding.indicators.count > Self.shownIndicators {
            lines.append("\(indent)  … \(finding.indicators.count - Self.shownIndicators) more indicators (--format jsonl lists all)")
        }
        if let path = finding.extractedPath { lines.append("\(indent)  extracted to \(path)") }
        for child in finding.children { render(child, depth: depth + 1, into: &lines) }
    }

    private func describe(_ value: MetadataValue) -> String {
        switch value {
        case .string(let text): return text
        case .integer(let number): return String(number)
        case .number(let number): return format(number)
        case .bool(let flag): return flag ? "yes" : "no"
        case .array(let values): return values.map(describe).joined(separator: ",")
        case .object: return "{…}"
        case .null: return "-"
        }
    }

    private func format(_ value: Double) -> String {
        let scaled = (value * 100).rounded() / 100
        return String(scaled)
    }

    private enum Style: String {
        case red = "31"
        case green = "32"
        case yellow = "33"
        case cyan = "36"
        case bold = "1"
    }

    /// `text` in a colour when colour is on; the only place escape sequences are written.
    private func paint(_ text: TerminalString, _ style: Style) -> TerminalString {
        colored ? TerminalString(unescaped: "\u{1B}[\(style.rawValue)m") + text + TerminalString(unescaped: "\u{1B}[0m") : text
    }
}
