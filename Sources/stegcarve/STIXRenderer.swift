import StegCarve
import StegCarveReports

/// `--format stix`: one STIX 2.1 bundle for the whole run, streamed a file at a time (the
/// bundle opens in ``header()``, each file adds its objects as it finishes, ``footer()``
/// closes it). See ``STIXBundleWriter`` for the objects.
struct STIXRenderer: ReportRenderer {
    let writer = STIXBundleWriter()

    func header() -> String { writer.prologue() }

    func footer() -> String { writer.epilogue() }

    func render(_ report: ScanReport) -> String {
        writer.fragment(for: report, hashes: FileDigests.stixHashes(for: report))
    }

    func render(_ error: ScanError) -> String {
        writer.fragment(forUnreadable: error.path, pathBase64: error.pathBase64, reason: error.reason)
    }

    func render(_ skipped: SkippedInput) -> String {
        writer.fragment(forUnreadable: skipped.path, pathBase64: skipped.pathBase64, reason: skipped.summary)
    }
}
