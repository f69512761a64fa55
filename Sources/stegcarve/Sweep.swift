import ArgumentParser
import Foundation
import StegCarve
import StegCarveSweep
import StegCarveSync
import SystemPackage

/// Scans many files on threads of their own with a bounded number in flight, printing each report as
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

    /// What the sweep's loop waits for.
    private enum Event: Sendable {
        case finished(index: Int, Outcome)
        case skipped(SkipReason)
        /// Every input is listed: `count` files were handed to the threads.
        case listed(count: Int)
        case stopped(signal: Int32)
    }

    /// Scans every input, `jobs` files at once on threads of their own (``WorkerThreads``), so
    /// a slow file holds one thread until its deadline while the others go on; returns the
    /// totals. The inputs are listed on a thread of their own too, so a directory that is slow
    /// to list or a `--files-from -` pipe that is slow to write never holds back the reports
    /// of files already scanned. SIGINT or SIGTERM stops the sweep at once: no further file
    /// starts, the reports that finished are printed (with `ordered`, those waiting for an
    /// earlier file too, in order), state is committed, and ``SweepSummary/stoppedBySignal``
    /// says which signal. Scans still running are abandoned: their threads do not keep the
    /// process alive.
    func run(_ inputs: InputEnumerator) async -> SweepSummary {
        var summary = SweepSummary()
        var output = StandardOutput()
        output.write(renderer.header())
        var waiting: [Int: Outcome] = [:]
        var nextToPrint = 0
        var batch = StateBatch(state: state)
        let (events, continuation) = AsyncStream.makeStream(of: Event.self)
        let signals = StopSignals { continuation.yield(.stopped(signal: $0)) }
        defer { signals.cancel() }
        let threads = WorkerThreads(count: jobs, name: "stegcarve scan")
        // One permit per file that may start: `jobs` at first, one more per report received.
        let permits = BlockingQueue<Bool>()
        for _ in 0..<jobs { permits.push(true) }
        // Stopped or done: the lister and the threads start nothing more, and scans still
        // running are abandoned. (A scanner cancellation hook would be called here too.)
        defer {
            permits.close()
            threads.stop()
        }
        let listing = Handover(inputs)
        let lister = Thread { [scanner, extractor, renderer, state, sniffsContent] in
            var inputs = listing.value
            var submitted = 0
            while let input = inputs.next() {
                if case .skipped(let reason) = input {
                    continuation.yield(.skipped(reason))
                    continue
                }
                guard permits.pop() != nil else { return }
                let index = submitted
                submitted += 1
                threads.submit {
                    let outcome = Self.scan(input, scanner: scanner, extractor: extractor, renderer: renderer, state: state, sniffsContent: sniffsContent)
                    continuation.yield(.finished(index: index, outcome))
                }
            }
            continuation.yield(.listed(count: submitted))
        }
        lister.start()
        var listed: Int?
        var received = 0
        // Permits not yet given back: with `ordered`, reports waiting for a slow file are
        // capped, and no new file starts while the cap is reached (the slow file is in flight,
        // so the loop goes on).
        var owed = 0
        let waitingCap = jobs * 64
        for await event in events {
            switch event {
            case .skipped(let reason):
                summary.skip(reason)
            case .listed(let count):
                listed = count
            case .stopped(let signal):
                summary.stoppedBySignal = signal
            case .finished(let index, let outcome):
                received += 1
                owed += 1
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
            }
            if summary.stoppedBySignal != nil || received == listed { break }
            while owed > 0, !(ordered && waiting.count >= waitingCap) {
                permits.push(true)
                owed -= 1
            }
        }
        // Stopped: what finished after a file still running is printed now, in input order.
        for index in waiting.keys.sorted() {
            if let ready = waiting[index] { output.write(ready.text) }
        }
        batch.flush(summary: &summary)
        progress?.finish(summary)
        return summary
    }

    /// Scans one input (on a worker thread).
    static func scan(_ input: ScanInput, scanner: StegCarve.Scanner, extractor: ArtifactExtractor?, renderer: any ReportRenderer, state: SweepState?, sniffsContent: Bool) -> Outcome {
        switch input {
        case .file(let path, let status, let explicit):
            var outcome = scanFile(path, status: status, explicit: explicit, scanner: scanner, extractor: extractor, renderer: renderer, state: state, sniffsContent: sniffsContent)
            outcome.listedBytes = status.size
            return outcome
        case .stream(let path, let standardInput, let maximumSize):
            return scanStream(path, standardInput: standardInput, maximumSize: maximumSize, scanner: scanner, extractor: extractor, renderer: renderer)
        case .failure(let error):
            return Outcome(text: renderer.render(error), bytes: 0, topLevelFindings: 0, verdict: nil, failed: true)
        case .skipped(let reason):
            return Outcome(text: "", bytes: 0, topLevelFindings: 0, verdict: nil, failed: false, skipped: reason)
        case .refused(let skipped):
            return refused(skipped, renderer: renderer)
        }
    }

    /// A record for an input that was not scanned, counted as an error.
    static func refused(_ skipped: SkippedInput, renderer: any ReportRenderer) -> Outcome {
        Outcome(text: renderer.render(skipped), bytes: 0, topLevelFindings: 0, verdict: nil, failed: true)
    }

    /// Reads standard input or a named FIFO to its end and scans the bytes; a stream over the
    /// limit gets a `too-large` record, never a report of its first bytes.
    private static func scanStream(_ path: FilePath, standardInput: Bool, maximumSize: Int?, scanner: StegCarve.Scanner, extractor: ArtifactExtractor?, renderer: any ReportRenderer) -> Outcome {
        do {
            let report = try StreamInput.scan(path, standardInput: standardInput) { descriptor, name throws(ScanError) in
                try scanner.scan(stream: descriptor, path: name, maximumSize: maximumSize, extractingTo: extractor)
            }
            return outcome(report, renderer: renderer, source: .scanned)
        } catch {
            if let skipped = StreamInput.skipped(error, path: path) { return refused(skipped, renderer: renderer) }
            return Outcome(text: renderer.render(error), bytes: 0, topLevelFindings: 0, verdict: nil, failed: true)
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
        if sniffsContent, !explicit, ContentSniffer.rejects(path) {
            return Outcome(text: "", bytes: 0, topLevelFindings: 0, verdict: nil, failed: false, skipped: .notPicture)
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

/// A value handed from the task that made it to the one thread that uses it from then on
/// (the sweep's lister takes the input enumerator, which holds a list reader and directory
/// state and is not `Sendable`).
private final class Handover<Value>: @unchecked Sendable {
    // @unchecked: written once before the thread starts (Thread.start orders it), then read
    // by that thread only.
    let value: Value

    init(_ value: Value) {
        self.value = value
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
    /// The signal (SIGINT, SIGTERM) that stopped the sweep before every file was scanned.
    var stoppedBySignal: Int32?
    /// Files and bytes the selection will yield, once counted (progress totals).
    var total: (files: Int, bytes: Int)?
    let started = ContinuousClock.now

    /// Files judged suspicious or malicious.
    var suspiciousOrWorse: Int { (verdicts[.suspicious] ?? 0) + (verdicts[.malicious] ?? 0) }

    /// The exit status (README "Exit status"): 1 when any file is suspicious or malicious,
    /// whatever else failed, so an error never hides a detection; else 2 when a file, a
    /// named input or the state database failed; `nil` (0) when all is clean.
    var exitStatus: ExitCode? {
        ExitCode.forRun(flagged: suspiciousOrWorse, failed: errors + stateErrors)
    }

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
