import StegCarve

/// `--only-flagged`: passes on the records of suspicious and malicious files, errors and
/// skipped inputs, and renders nothing for clean and benign-extra files (the summary still
/// counts them). Clean reports are never handed to the wrapped renderer, so a STIX bundle
/// holds no reference to an object it did not write.
struct FlaggedOnlyRenderer: ReportRenderer {
    let base: any ReportRenderer

    func header() -> String { base.header() }

    func footer() -> String { base.footer() }

    func render(_ report: ScanReport) -> String {
        report.verdict >= .suspicious || !report.errors.isEmpty ? base.render(report) : ""
    }

    func render(_ error: ScanError) -> String { base.render(error) }

    func render(_ skipped: SkippedInput) -> String { base.render(skipped) }
}
