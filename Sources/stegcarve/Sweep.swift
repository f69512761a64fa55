import Foundation
import StegCarve
import StegCarveSweep
import SystemPackage

/// Scans many files on all cores with a bounded number in flight, printing each report as
/// its file finishes (or in input order with `ordered`).
struct Sweep {
    let scanner: StegCarve.Scanner
    let extractor: ArtifactExtractor?
    let renderer: any ReportRenderer
    let jobs: Int
    let ordered: Bool
    let progress: ProgressReporter?
    /// `--state`: skip unchanged files, re-use reports of identical content, resume.
    var state: SweepState? = nil
    /// `!--all-files`: files found in directories or lists must start like a picture.
    var sniffsContent = false

    /// How a file's report was obtained.
    enum Source: Sendable {
        case scanned
        /// `--state`: the file is unchanged since it was stored.
        case unchanged
        /// `--state`: another file with the same SHA-256 was scanned before.
        case sameContent
    }

    /// What one file's scan produced, rendered in the worker.
    struct Outcome: Sendable {
        var text: String
        /// The file's size (from the listing), for progress.
        var listedBytes: Int = 0
        var bytes: Int
        var topLevelFindings: Int
        var verdict: Verdict?
        var failed: Bool
        var source: Source = .scanned
        var skipped: SkipReason?
        /// To store in the state database.
        var record: StateStore.Record?
    }

    /// Scans every input; returns the totals.
    func run(_ inputs: InputEnumerator) async -> SweepSummary {
        var inputs = inputs
        var summary = SweepSummary()
        var output = StandardOutput()
        output.write(renderer.header())
        var waiting: [Int: Outcome] = [:]
        var nextToPrint = 0
        var batch = StateBatch(state: state)
        await withTaskGroup(of: (Int, Outcome).self) { group in
            var submitted = 0
            func submitNext() -> Bool {
                while let input = inputs.next() {
                    if case .skipped(let reason) = input {
                        summary.skip(reason)
                        continue
                    }
                    let index = submitted
                    submitted += 1
                    group.addTask { [scanner, extractor, renderer, state, sniffsContent] in
                        (index, Self.scan(input, scanner: scanner, extractor: extractor, renderer: renderer, state: state, sniffsContent: sniffsContent))
                    }
                    return true
                }
                return false
            }
            var inFlight = 0
            // With `ordered`, reports waiting for a slow file are capped: no new file starts
            // while the cap is reached (the slow file is in flight, so the loop goes on).
            let waitingCap = jobs * 64
            func fill() {
                while inFlight < jobs, !(ordered && waiting.count >= waitingCap), submitNext() { inFlight += 1 }
            }
            fill()
            while let (index, outcome) = await group.next() {
                inFlight -= 1
                summary.add(outcome)
                if let record = outcome.record { batch.append(record, summary: &summary) }
                if ordered {
                    waiting[index] = outcome
                    while let ready = waiting.removeValue(forKey: nextToPrint) {
                        if !ready.text.isEmpty { progress?.clearBeforeOutput() }
                        output.write(ready.text)
                        nextToPrint += 1
                    }
                } else {
                    if !outcome.text.isEmpty { progress?.clearBeforeOutput() }
                    output.write(outcome.text)
                }
                progress?.update(summary)
                fill()
            }
        }
        batch.flush(summary: &summary)
        progress?.finish(summary)
        return summary
    }

    /// Scans one input (in a worker task).
    static func scan(_ input: ScanInput, scanner: StegCarve.Scanner, extractor: ArtifactExtractor?, renderer: any ReportRenderer, state: SweepState?, sniffsContent: Bool) -> Outcome {
        switch input {
        case .file(let path, let status, let explicit):
            var outcome = scanFile(path, status: status, explicit: explicit, scanner: scanner, extractor: extractor, renderer: renderer, state: state, sniffsContent: sniffsContent)
            outcome.listedBytes = status.size
            return outcome
        case .failure(let error):
            return Outcome(text: renderer.render(error), bytes: 0, topLevelFindings: 0, verdict: nil, failed: true)
        case .skipped(let reason):
            return Outcome(text: "", bytes: 0, topLevelFindings: 0, verdict: nil, failed: false, skipped: reason)
        }
    }

    private static func scanFile(_ path: FilePath, status: FileStatus, explicit: Bool, scanner: StegCarve.Scanner, extractor: ArtifactExtractor?, renderer: any ReportRenderer, state: SweepState?, sniffsContent: Bool) -> Outcome {
        let pathBytes = path.rawBytes
        if let state, let stored = state.unchangedReport(bytes: pathBytes, status: status) {
            // JSON Lines of a report naming this path are printed as stored (same encoder
            // settings), without parsing; a report shared with a copy is re-rendered for this path.
            if stored.namesPath, renderer is JSONLinesRenderer, let verdict = Verdict(rawValue: stored.verdict) {
                return Outcome(
                    text: stored.reportJSON + "\n", bytes: status.size, topLevelFindings: stored.findings,
                    verdict: verdict, failed: false, source: .unchanged
                )
            }
            if let report = state.report(json: stored.reportJSON, path: path) {
                return outcome(report, renderer: renderer, source: .unchanged)
            }
        }
        if sniffsContent, !explicit {
            guard let header = try? FileDigest.prefix(of: path, count: ContentSniffer.headerLength) else {
                return scanned(path, scanner: scanner, extractor: extractor, renderer: renderer)
            }
            if !ContentSniffer.isPicture(header) {
                return Outcome(text: "", bytes: 0, topLevelFindings: 0, verdict: nil, failed: false, skipped: .notPicture)
            }
        }
        guard let state else { return scanned(path, scanner: scanner, extractor: extractor, renderer: renderer) }
        // With a state database the content is hashed first so identical content is scanned once.
        guard let digest = try? FileDigest.sha256(of: path) else {
            return scanned(path, scanner: scanner, extractor: extractor, renderer: renderer)
        }
        if let report = state.report(forContent: digest, path: path) {
            var result = outcome(report, renderer: renderer, source: .sameContent)
            let rendered = renderer is JSONLinesRenderer && result.text.hasSuffix("\n") ? String(result.text.dropLast()) : nil
            result.record = state.record(report, path: pathBytes, status: status, sha256: digest, json: rendered)
            return result
        }
        do {
            let report = try scanner.scan(fileAt: path, extractingTo: extractor)
            var result = outcome(report, renderer: renderer, source: .scanned)
            // Store only complete reports of the content that was hashed (the file did not change meanwhile).
            if report.errors.isEmpty, report.sha256 == hex(digest), Int64(report.size) == status.identity.size {
                let rendered = renderer is JSONLinesRenderer && result.text.hasSuffix("\n") ? String(result.text.dropLast()) : nil
                result.record = state.record(report, path: pathBytes, status: status, sha256: digest, json: rendered)
            }
            return result
        } catch {
            return Outcome(text: renderer.render(error), bytes: 0, topLevelFindings: 0, verdict: nil, failed: true)
        }
    }

    private static func scanned(_ path: FilePath, scanner: StegCarve.Scanner, extractor: ArtifactExtractor?, renderer: any ReportRenderer) -> Outcome {
        do {
            let report = try scanner.scan(fileAt: path, extractingTo: extractor)
            return outcome(report, renderer: renderer, source: .scanned)
        } catch {
            return Outcome(text: renderer.render(error), bytes: 0, topLevelFindings: 0, verdict: nil, failed: true)
        }
    }

    private static func outcome(_ report: ScanReport, renderer: any ReportRenderer, source: Source) -> Outcome {
        Outcome(
            text: renderer.render(report), bytes: report.size, topLevelFindings: report.findings.count,
            verdict: report.verdict, failed: !report.errors.isEmpty, source: source
        )
    }

    private static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            result.append(digits[Int(byte >> 4)])
            result.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: result, as: UTF8.self)
    }
}

/// Records waiting to be committed: one transaction per 64 files or per second, so a kill
/// loses at most that many files' work (they are scanned again on resume).
struct StateBatch {
    let state: SweepState?
    private var records: [StateStore.Record] = []
    private var lastCommit = ContinuousClock.now

    init(state: SweepState?) {
        self.state = state
    }

    mutating func append(_ record: StateStore.Record, summary: inout SweepSummary) {
        records.append(record)
        if records.count >= 64 || ContinuousClock.now - lastCommit >= .seconds(1) { flush(summary: &summary) }
    }

    mutating func flush(summary: inout SweepSummary) {
        guard let state, !records.isEmpty else { return }
        if let error = state.commit(records) {
            summary.stateErrors += 1
            printError("stegcarve: state database: \(error)")
        }
        records.removeAll(keepingCapacity: true)
        lastCommit = ContinuousClock.now
    }
}

/// Totals of a sweep.
struct SweepSummary: Sendable {
    /// Files handled (scanned, re-used or skipped after sniffing) and their listed sizes.
    var filesDone = 0
    var bytesDone = 0
    /// Files reported (scanned or re-used) and their sizes.
    var files = 0
    var bytes = 0
    var filesWithPayloads = 0
    var findings = 0
    var errors = 0
    var stateErrors = 0
    var verdicts: [Verdict: Int] = [:]
    var skipped: [SkipReason: Int] = [:]
    var unchanged = 0
    var sameContent = 0
    /// Files and bytes the selection will yield, once counted (progress totals).
    var total: (files: Int, bytes: Int)?
    let started = ContinuousClock.now

    /// Files judged suspicious or malicious.
    var suspiciousOrWorse: Int { (verdicts[.suspicious] ?? 0) + (verdicts[.malicious] ?? 0) }

    mutating func skip(_ reason: SkipReason) {
        skipped[reason, default: 0] += 1
    }

    mutating func add(_ outcome: Sweep.Outcome) {
        if let reason = outcome.skipped {
            skip(reason)
            if reason == .notPicture {
                filesDone += 1
                bytesDone += outcome.listedBytes
            }
            return
        }
        filesDone += 1
        bytesDone += outcome.listedBytes
        files += 1
        bytes += outcome.bytes
        findings += outcome.topLevelFindings
        if outcome.topLevelFindings > 0 { filesWithPayloads += 1 }
        if outcome.failed { errors += 1 }
        if let verdict = outcome.verdict { verdicts[verdict, default: 0] += 1 }
        switch outcome.source {
        case .scanned: break
        case .unchanged: unchanged += 1
        case .sameContent: sameContent += 1
        }
    }

    var elapsedSeconds: Double {
        let elapsed = ContinuousClock.now - started
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}
