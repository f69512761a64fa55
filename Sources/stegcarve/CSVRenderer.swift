import Foundation
import StegCarve

/// `--format csv`: one row per finding (nested findings too, numbered `1`, `1.1`, …) and one
/// row with empty finding columns for a file without findings. Columns are stable; quoting
/// follows RFC 4180.
struct CSVRenderer: ReportRenderer {
    /// The column names, in order.
    static let columns = [
        "path", "file_sha256", "format", "verdict", "score", "finding", "type", "offset", "length",
        "region", "via", "sha256", "md5", "sha1", "truncated", "labels", "machine", "error",
    ]

    func header() -> String { row(Self.columns) }

    func render(_ report: ScanReport) -> String {
        let file = [report.path ?? "", report.sha256, report.format, report.verdict.rawValue, String(report.score)]
        var rows: [String] = []
        func visit(_ findings: [Finding], prefix: String) {
            for (index, finding) in findings.enumerated() {
                let number = prefix.isEmpty ? "\(index + 1)" : "\(prefix).\(index + 1)"
                rows.append(row(file + [
                    number, finding.type, String(finding.offset), String(finding.length), finding.region,
                    finding.via ?? "", finding.sha256, finding.md5, finding.sha1, finding.truncated ? "true" : "false",
                    finding.labels.map(\.name).joined(separator: ";"), finding.metadata["machine"]?.stringValue ?? "", "",
                ]))
                visit(finding.children, prefix: number)
            }
        }
        visit(report.findings, prefix: "")
        if rows.isEmpty { rows.append(row(file + Array(repeating: "", count: Self.columns.count - file.count))) }
        return rows.joined()
    }

    func render(_ error: ScanError) -> String {
        var fields = Array(repeating: "", count: Self.columns.count)
        fields[0] = error.path
        fields[Self.columns.count - 1] = error.reason
        return row(fields)
    }

    /// A row with verdict `skipped` and the reason in the `error` column.
    func render(_ skipped: SkippedInput) -> String {
        var fields = Array(repeating: "", count: Self.columns.count)
        fields[0] = skipped.path
        if let column = Self.columns.firstIndex(of: "verdict") { fields[column] = "skipped" }
        if let column = Self.columns.firstIndex(of: "error") { fields[column] = skipped.summary }
        return row(fields)
    }

    private func row(_ fields: [String]) -> String {
        fields.map(Self.quote).joined(separator: ",") + "\r\n"
    }

    /// RFC 4180: quote fields holding a comma, quote or line break; double inner quotes.
    static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
