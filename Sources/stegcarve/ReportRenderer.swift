import Foundation
import StegCarve

/// Turns reports into the text `scan` prints, one file at a time.
protocol ReportRenderer: Sendable {
    /// Printed once before any report (a CSV header row).
    func header() -> String
    /// Printed once after every report (closing a STIX bundle).
    func footer() -> String
    func render(_ report: ScanReport) -> String
    func render(_ error: ScanError) -> String
}

extension ReportRenderer {
    func header() -> String { "" }
    func footer() -> String { "" }
}

/// `--format jsonl`: one JSON object per line per file, schema documented in the README.
struct JSONLinesRenderer: ReportRenderer {
    /// A fresh encoder per call: encoders are not thread-safe and reports render in workers.
    private var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    func render(_ report: ScanReport) -> String {
        guard let data = try? encoder.encode(report) else { return "" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    func render(_ error: ScanError) -> String {
        let record = ErrorRecord(schemaVersion: ScanReport.currentSchemaVersion, path: error.path, pathBase64: error.pathBase64, error: error.reason)
        guard let data = try? encoder.encode(record) else { return "" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// The line for a file that could not be scanned.
    private struct ErrorRecord: Encodable {
        var schemaVersion: Int
        var path: String
        var pathBase64: String?
        var error: String
    }
}
