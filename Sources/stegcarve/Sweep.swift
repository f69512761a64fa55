import Foundation
import StegCarve

/// Scans many files on all cores with a bounded number in flight, printing each report as
/// its file finishes (or in input order with `ordered`).
struct Sweep {
    let scanner: StegCarve.Scanner
    let extractor: ArtifactExtractor?
    let renderer: any ReportRenderer
    let jobs: Int
    let ordered: Bool
    let progress: ProgressReporter?

    /// What one file's scan produced, rendered in the worker.
    struct Outcome: Sendable {
        var text: String
        var bytes: Int
        var topLevelFindings: Int
        var verdict: Verdict?
        var failed: Bool
    }

    /// Scans every input; returns the totals.
    func run(_ inputs: InputEnumerator) async -> SweepSummary {
        var inputs = inputs
        var summary = SweepSummary()
        var output = StandardOutput()
        output.write(renderer.header())
        var waiting: [Int: Outcome] = [:]
        var nextToPrint = 0
        await withTaskGroup(of: (Int, Outcome).self) { group in
            var submitted = 0
            func submitNext() -> Bool {
                guard let input = inputs.next() else { return false }
                let index = submitted
                submitted += 1
                group.addTask { [scanner, extractor, renderer] in
                    (index, Self.scan(input, scanner: scanner, extractor: extractor, renderer: renderer))
                }
                return true
            }
            var inFlight = 0
            while inFlight < jobs, submitNext() { inFlight += 1 }
            while let (index, outcome) = await group.next() {
                inFlight -= 1
                summary.add(outcome)
                if ordered {
                    waiting[index] = outcome
                    while let ready = waiting.removeValue(forKey: nextToPrint) {
                        output.write(ready.text)
                        nextToPrint += 1
                    }
                } else {
                    output.write(outcome.text)
                }
                progress?.update(summary)
                if submitNext() { inFlight += 1 }
            }
        }
        progress?.finish(summary)
        return summary
    }

    private static func scan(_ input: ScanInput, scanner: StegCarve.Scanner, extractor: ArtifactExtractor?, renderer: any ReportRenderer) -> Outcome {
        switch input {
        case .file(let path):
            do {
                let report = try scanner.scan(fileAt: path, extractingTo: extractor)
                return Outcome(
                    text: renderer.render(report), bytes: report.size, topLevelFindings: report.findings.count,
                    verdict: report.verdict, failed: !report.errors.isEmpty
                )
            } catch {
                return Outcome(text: renderer.render(error), bytes: 0, topLevelFindings: 0, verdict: nil, failed: true)
            }
        case .failure(let error):
            return Outcome(text: renderer.render(error), bytes: 0, topLevelFindings: 0, verdict: nil, failed: true)
        }
    }
}

/// Totals of a sweep.
struct SweepSummary: Sendable {
    var files = 0
    var bytes = 0
    var filesWithPayloads = 0
    var findings = 0
    var errors = 0
    var verdicts: [Verdict: Int] = [:]
    let started = ContinuousClock.now

    /// Files judged suspicious or malicious.
    var suspiciousOrWorse: Int { (verdicts[.suspicious] ?? 0) + (verdicts[.malicious] ?? 0) }

    mutating func add(_ outcome: Sweep.Outcome) {
        files += 1
        bytes += outcome.bytes
        findings += outcome.topLevelFindings
        if outcome.topLevelFindings > 0 { filesWithPayloads += 1 }
        if outcome.failed { errors += 1 }
        if let verdict = outcome.verdict { verdicts[verdict, default: 0] += 1 }
    }

    var elapsedSeconds: Double {
        let elapsed = ContinuousClock.now - started
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}

/// One status line on standard error, redrawn at most ten times a second, and a summary.
final class ProgressReporter {
    private var lastDraw = ContinuousClock.now - .seconds(1)

    func update(_ summary: SweepSummary) {
        let now = ContinuousClock.now
        guard now - lastDraw >= .milliseconds(100) else { return }
        lastDraw = now
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line(summary)).utf8))
    }

    func finish(_ summary: SweepSummary) {
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line(summary) + "\n").utf8))
    }

    private func line(_ summary: SweepSummary) -> String {
        let seconds = max(summary.elapsedSeconds, 0.001)
        let megabytes = Double(summary.bytes) / 1_000_000
        return String(
            format: "%d files, %.1f MB in %.1f s (%.0f files/s, %.1f MB/s); %d malicious, %d suspicious, %d benign-extra, %d clean; %d findings, %d errors",
            summary.files, megabytes, seconds, Double(summary.files) / seconds, megabytes / seconds,
            summary.verdicts[.malicious] ?? 0, summary.verdicts[.suspicious] ?? 0, summary.verdicts[.benignExtra] ?? 0,
            summary.verdicts[.clean] ?? 0, summary.findings, summary.errors
        )
    }
}
