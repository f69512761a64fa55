import StegCarve

/// `--format jsonl`: one JSON object per line per file, schema documented in the README.
///
/// Written by ``StegCarve/ScanReport/jsonLine`` (the same text `JSONEncoder` gives with sorted
/// keys, without its cost); a report holding a non-finite number, which JSON cannot carry,
/// prints nothing, as before.
struct JSONLinesRenderer: ReportRenderer {
    func render(_ report: ScanReport) -> String {
        report.jsonLine ?? ""
    }

    func render(_ error: ScanError) -> String {
        error.jsonLine
    }

    /// `{"path":…,"pathBase64":…,"schemaVersion":1,"skipped":{"detail":…,"reason":…}}`.
    func render(_ skipped: SkippedInput) -> String {
        skipped.location.skippedJSONLine(code: skipped.reason.rawValue)
    }
}
