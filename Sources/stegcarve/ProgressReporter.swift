import Foundation
import StegCarve
import StegCarveSync

/// One status line on standard error, redrawn at most ten times a second: files and bytes
/// done out of the total (once counted), rate, ETA and findings so far; then a final summary.
final class ProgressReporter {
    private var lastDraw = ContinuousClock.now - .seconds(1)
    private let totals: TotalsCounter?
    /// Redraw the line in place (a terminal) rather than printing only the summary.
    private let live: Bool

    init(totals: TotalsCounter? = nil, live: Bool = true) {
        self.totals = totals
        self.live = live
    }

    func update(_ summary: SweepSummary) {
        guard live else { return }
        let now = ContinuousClock.now
        guard now - lastDraw >= .milliseconds(100) else { return }
        lastDraw = now
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line(summary)).utf8))
    }

    /// Leaves the last status line (with the totals) in place and prints the summary.
    func finish(_ summary: SweepSummary) {
        let last = live ? "\r\u{1B}[K" + line(summary, finished: true) + "\n" : ""
        FileHandle.standardError.write(Data((last + Self.summary(summary)).utf8))
    }

    /// The status line; once `finished`, what was done is the total even if the counting walk
    /// (a second pass over the same tree, on a busy machine sometimes slower) has not ended.
    private func line(_ summary: SweepSummary, finished: Bool = false) -> String {
        let seconds = max(summary.elapsedSeconds, 0.001)
        let rate = Double(summary.bytesDone) / seconds
        var text: String
        if let total = finished ? (files: summary.filesDone, bytes: summary.bytesDone) : totals?.total {
            let remaining = max(total.bytes - summary.bytesDone, 0)
            let eta = rate > 0 ? Double(remaining) / rate : 0
            text = String(
                format: "%d/%d files, %@/%@, %@/s, ETA %@", summary.filesDone, total.files,
                Self.megabytes(summary.bytesDone), Self.megabytes(total.bytes), Self.megabytes(Int(rate)), Self.duration(eta)
            )
        } else {
            text = String(format: "%d files, %@, %@/s (counting…)", summary.filesDone, Self.megabytes(summary.bytesDone), Self.megabytes(Int(rate)))
        }
        text += String(
            format: "; %d findings, %d malicious, %d suspicious, %d errors", summary.findings,
            summary.verdicts[.malicious] ?? 0, summary.verdicts[.suspicious] ?? 0, summary.errors
        )
        return text
    }

    /// The final summary: files, bytes, findings by verdict, errors, skipped, elapsed.
    static func summary(_ summary: SweepSummary) -> String {
        let seconds = max(summary.elapsedSeconds, 0.001)
        var lines = [
            String(
                format: "%d files, %@ in %.1f s (%.0f files/s, %@/s)", summary.files, megabytes(summary.bytes), seconds,
                Double(summary.files) / seconds, megabytes(Int(Double(summary.bytes) / seconds))
            ),
            String(
                format: "verdicts: %d malicious, %d suspicious, %d benign-extra, %d clean; %d findings in %d files; %d errors",
                summary.verdicts[.malicious] ?? 0, summary.verdicts[.suspicious] ?? 0, summary.verdicts[.benignExtra] ?? 0,
                summary.verdicts[.clean] ?? 0, summary.findings, summary.filesWithPayloads, summary.errors
            ),
        ]
        if let signal = summary.stoppedBySignal {
            lines.append("stopped by signal \(signal): files still being scanned are not reported")
        }
        let skipped = SkipReason.allCases.compactMap { reason in summary.skipped[reason].map { "\($0) \(reason.rawValue)" } }
        lines.append("skipped: " + (skipped.isEmpty ? "none" : skipped.joined(separator: ", ")))
        if summary.unchanged + summary.sameContent > 0 || summary.stateErrors > 0 {
            lines.append("state: \(summary.unchanged) unchanged (stored report re-emitted), \(summary.sameContent) identical content re-used, \(summary.files - summary.unchanged - summary.sameContent) scanned; \(summary.stateErrors) database errors")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func megabytes(_ bytes: Int) -> String {
        String(format: "%.1f MB", Double(bytes) / 1_000_000)
    }

    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds < 1e7 else { return "?" }
        let whole = Int(seconds.rounded(.up))
        return whole >= 3600 ? String(format: "%d:%02d:%02d", whole / 3600, whole / 60 % 60, whole % 60) : String(format: "%d:%02d", whole / 60, whole % 60)
    }
}

/// Counts what a selection yields on a background thread (a second walk of the same
/// operands; not possible for `--files-from -`), so progress can show totals and an ETA
/// while the sweep runs.
final class TotalsCounter: Sendable {
    private let counted = Locked<(files: Int, bytes: Int)?>(nil)

    /// The totals once the walk finished.
    var total: (files: Int, bytes: Int)? { counted.withLock { $0 } }

    /// Starts counting; `makeInputs` builds a fresh enumerator on the counting thread.
    func start(_ makeInputs: @escaping @Sendable () -> InputEnumerator?) {
        let thread = Thread { [self] in
            guard var inputs = makeInputs() else { return }
            var files = 0
            var bytes = 0
            while let input = inputs.next() {
                if case .file(_, let status, _) = input {
                    files += 1
                    bytes += status.size
                }
            }
            counted.withLock { $0 = (files, bytes) }
        }
        thread.stackSize = 1 << 20
        thread.start()
    }
}
