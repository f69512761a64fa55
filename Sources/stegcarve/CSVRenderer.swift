import Foundation
import StegCarve

/// `--format csv`: one row per finding (nested findings too, numbered `1`, `1.1`, …) and one
/// row with empty finding columns for a file without findings. Columns are stable (new ones
/// are added at the end).
///
/// Every field passes ``field(_:)``: controls escaped as on a terminal (``TerminalText``), a
/// leading formula character neutralised, RFC 4180 quoting.
struct CSVRenderer: ReportRenderer {
    /// The column names, in order.
    static let columns = [
        "path", "file_sha256", "format", "verdict", "score", "finding", "type", "offset", "length",
        "region", "via", "sha256", "md5", "sha1", "truncated", "labels", "machine", "error",
        "reasons", "file_labels",
    ]

    func header() -> String { row(Self.columns) }

    func render(_ report: ScanReport) -> String {
        let path = Self.path(report.path ?? "", base64: report.pathBase64)
        let file = [path, report.sha256, report.format, report.verdict.rawValue, String(report.score)]
        // The file's reasons and labels (YARA rules, known-bad lists) on every row of the file.
        let why = [report.reasons.joined(separator: "; "), report.labels.map(\.name).joined(separator: ";")]
        var rows: [String] = []
        func visit(_ findings: [Finding], prefix: String) {
            for (index, finding) in findings.enumerated() {
                let number = prefix.isEmpty ? "\(index + 1)" : "\(prefix).\(index + 1)"
                rows.append(row(file + [
                    number, finding.type, String(finding.offset), String(finding.length), finding.region,
                    finding.via ?? "", finding.sha256, finding.md5, finding.sha1, finding.truncated ? "true" : "false",
                    finding.labels.map(\.name).joined(separator: ";"), finding.metadata["machine"]?.stringValue ?? "", "",
                ] + why))
                visit(finding.children, prefix: number)
            }
        }
        visit(report.findings, prefix: "")
        if rows.isEmpty { rows.append(row(file + Array(repeating: "", count: Self.columns.count - file.count - why.count) + why)) }
        return rows.joined()
    }

    func render(_ error: ScanError) -> String {
        var fields = Array(repeating: "", count: Self.columns.count)
        fields[0] = Self.path(error.path, base64: error.pathBase64)
        if let column = Self.columns.firstIndex(of: "error") { fields[column] = error.reason }
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
        fields.map(Self.field).joined(separator: ",") + "\r\n"
    }

    /// A path with its exact bytes when they are not UTF-8 (`\xNN` for the invalid ones).
    private static func path(_ path: String, base64: String?) -> String {
        guard let base64, let bytes = Data(base64Encoded: base64) else { return path }
        return TerminalText.escaping(bytes: bytes)
    }

    /// One field as written: controls escaped (a CSV file is read on terminals and by line
    /// tools too), then ``neutralisingFormula(_:)``, then ``quote(_:)``.
    static func field(_ value: String) -> String {
        quote(neutralisingFormula(TerminalText.escaping(value)))
    }

    /// A field that a spreadsheet would evaluate (leading `=`, `+`, `-`, `@`, tab or carriage
    /// return; OWASP's CSV injection advice) gets a leading `'`, which spreadsheets show as
    /// text. No field StegCarve writes itself starts with one of these, so only values from
    /// the input (paths, metadata, reasons quoting payload strings) are changed.
    static func neutralisingFormula(_ value: String) -> String {
        guard let first = value.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) else { return value }
        return "'" + value
    }

    /// RFC 4180: quote fields holding a comma, quote or line break; double inner quotes.
    static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
