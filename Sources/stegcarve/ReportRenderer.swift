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
    /// The record of an input that was not scanned (a device, a socket, over the size limit).
    func render(_ skipped: SkippedInput) -> String
}

extension ReportRenderer {
    func header() -> String { "" }
    func footer() -> String { "" }
}
