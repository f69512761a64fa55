import Crypto
import Foundation
import StegCarve
import StegCarveSweep
import SystemPackage

/// `--state FILE` for the CLI: reports in and out of the ``StateStore`` as JSON, with the
/// stored path replaced by the path being reported.
struct SweepState: Sendable {
    let store: StateStore

    /// Opens the database; reports are re-used only under the same scanner version, report
    /// schema, scan configuration (decode check, limits, hash lists) and extraction directory.
    /// - Throws: ``SQLiteError``.
    init(path: String, configuration: ScanConfiguration, extractDirectory: String?, version: String) throws(SQLiteError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let settings = (try? encoder.encode(configuration)) ?? Data()
        let digest = SHA256.hash(data: settings).map { String(format: "%02x", $0) }.joined()
        let fingerprint = "stegcarve \(version); schema \(ScanReport.currentSchemaVersion); configuration sha256 \(digest); extract \(extractDirectory ?? "-")"
        store = try StateStore(path: path, configuration: fingerprint)
    }

    /// The stored report of an unchanged file, as stored (its path is the same).
    func unchangedReport(bytes: [UInt8], status: FileStatus) -> StateStore.StoredReport? {
        (try? store.unchangedReport(path: bytes, identity: status.identity)) ?? nil
    }

    /// A stored report's JSON as a report for `path`.
    func report(json: String, path: FilePath) -> ScanReport? {
        decode(json, path: path)
    }

    func report(forContent sha256: [UInt8], path: FilePath) -> ScanReport? {
        guard let json = try? store.report(forContent: sha256) else { return nil }
        return decode(json, path: path)
    }

    /// - Parameter json: the report already encoded as `JSONLinesRenderer` does (without the
    ///   newline), to avoid encoding it twice.
    func record(_ report: ScanReport, path: [UInt8], status: FileStatus, sha256: [UInt8], json: String? = nil) -> StateStore.Record? {
        guard let text = json ?? report.jsonLine.map({ String($0.dropLast()) }) else { return nil }
        return StateStore.Record(
            path: path, identity: status.identity, sha256: sha256, verdict: report.verdict.rawValue,
            findings: report.findings.count, reportJSON: text
        )
    }

    /// Commits one batch; returns the error, if any.
    func commit(_ records: [StateStore.Record]) -> SQLiteError? {
        do {
            try store.record(records)
            return nil
        } catch {
            return error
        }
    }

    private func decode(_ json: String?, path: FilePath) -> ScanReport? {
        guard let json, var report = try? JSONDecoder().decode(ScanReport.self, from: Data(json.utf8)) else { return nil }
        report.path = path.string
        report.pathBase64 = String(validating: path.rawBytes, as: UTF8.self) == nil ? Data(path.rawBytes).base64EncodedString() : nil
        return report
    }
}
