import Foundation
import StegCarve
import StegCarveSync

/// Progress on standard error while a sweep runs, then a final summary.
///
/// On a terminal one status line is redrawn in place (`\r\e[K`) at most ten times a second,
/// and cleared before each result is printed (``clearBeforeOutput()``), so results never run
/// into it. When standard error is not a terminal (`--progress always 2>log`), plain status
/// lines are printed every ``plainInterval`` instead: no carriage returns, no escapes.
final class ProgressReporter {
    /// How the status line is shown.
    enum Mode {
        /// Redrawn in place: standard error is a terminal.
        case live
        /// A plain line now and then: a log file or a pipe.
        case plain
        /// Only the final summary (`watch`).
        case summaryOnly
    }

    /// Between two plain status lines.
    static let plainInterval: Duration = .seconds(5)

    private var lastDraw = ContinuousClock.now - .seconds(60)
    private let totals: TotalsCounter?
    private let mode: Mode
    /// A live line is on the screen (it must be cleared before a result is printed).
    private var drawn = false
    /// Results go to the same terminal as the status line.
    private let sharesTerminal: Bool

    init(totals: TotalsCounter? = nil, mode: Mode, sharesTerminal: Bool = false) {
        self.totals = totals
        self.mode = mode
        self.sharesTerminal = sharesTerminal
    }

    /// A reporter for standard error as it is: live on a terminal, plain otherwise.
    convenience init(totals: TotalsCounter? = nil) {
        let live = isatty(STDERR_FILENO) == 1
        self.init(totals: totals, mode: live ? .live : .plain, sharesTerminal: live && isatty(STDOUT_FILENO) == 1)
    }

    func update(_ summary: SweepSummary) {
        let now = ContinuousClock.now
        switch mode {
        case .live:
            // A cleared line comes back at once; otherwise at most ten redraws a second.
            guard !drawn || now - lastDraw >= .milliseconds(100) else { return }
            lastDraw = now
            drawn = true
            Self.writeError("\r\u{1B}[K" + line(summary))
        case .plain:
            guard now - lastDraw >= Self.plainInterval else { return }
            lastDraw = now
            Self.writeError(line(summary) + "\n")
        case .summaryOnly:
            return
        }
    }

    /// Clears a live status line before a result is written to the same terminal.
    func clearBeforeOutput() {
        guard drawn, sharesTerminal else { return }
        Self.writeError("\r\u{1B}[K")
        drawn = false
    }

    /// Leaves the last status line (with the totals) in place and prints the summary.
    func finish(_ summary: SweepSummary) {
        let last: String = switch mode {
        case .live: "\r\u{1B}[K" + line(summary, finished: true) + "\n"
        case .plain: line(summary, finished: true) + "\n"
        case .summaryOnly: ""
        }
        drawn = false
        Self.writeError(last + Self.summary(summary))
    }

    /// Standard error, unbuffered (ordered with standard output's writes).
    private static func writeError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
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
                format: "%d/%d files examined, %@/%@, %@/s, ETA %@", summary.filesDone, total.files,
                Self.megabytes(summary.bytesDone), Self.megabytes(total.bytes), Self.megabytes(Int(rate)), Self.duration(eta)
            )
        } else {
            text = String(format: "%d files examined, %@, %@/s (counting…)", summary.filesDone, Self.megabytes(summary.bytesDone), Self.megabytes(Int(rate)))
        }
        text += String(
            format: "; %d findings, %d malicious, %d suspicious, %d errors", summary.findings,
            summary.verdicts[.malicious] ?? 0, summary.verdicts[.suspicious] ?? 0, summary.errors
        )
        return text
    }

    /// The final summary: files examined and scanned, bytes, findings by verdict, errors,
    /// skipped, elapsed. Files examined and bytes are the status line's counts (files left out
    /// after reading their first bytes, `not pictures`, are examined but not scanned).
    static func summary(_ summary: SweepSummary) -> String {
        let seconds = max(summary.elapsedSeconds, 0.001)
        var lines = [
            String(
                format: "%d files examined, %d scanned, %@ in %.1f s (%.0f files/s, %@/s)", summary.filesDone, summary.files,
                megabytes(summary.bytesDone), seconds, Double(summary.filesDone) / seconds, megabytes(Int(Double(summary.bytesDone) / seconds))
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
