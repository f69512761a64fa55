import ArgumentParser
import Foundation
import StegCarve
import StegCarveReports
import StegCarveSweep
import SystemPackage

/// `stegcarve report PATH... -o report.html`: scan files and write one self-contained offline
/// HTML page with, per file, a thumbnail, a byte map, an entropy plot and the findings.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Scan image files and write one self-contained HTML report.",
        discussion: """
            The page needs no network and loads nothing: styles, script, SVG plots and PNG \
            thumbnails are inline, and its Content-Security-Policy allows nothing else. The \
            output file is never overwritten without --force and never written through a \
            symbolic link; '-' (or /dev/stdout) writes the page to standard output. Exit status as \
            for scan.

            Examples:
              stegcarve report ~/Downloads -o downloads.html
              curl -s https://example.org/x.jpg | stegcarve report - -o - > x.html
              stegcarve report --include '*.png' --max-size 50M /srv/uploads -o uploads.html
            """
    )

    @Argument(help: "Files or directories to scan. Directories are walked recursively; symbolic links inside them are not followed. '-' reads standard input; a FIFO (/dev/stdin, <(...)) is read to its end.")
    var paths: [String] = []

    @Option(name: [.short, .customLong("output")], help: "The HTML file to write; '-' or /dev/stdout: standard output.")
    var output: String

    @Flag(help: "Replace the output file if it exists (a regular file only).")
    var force = false

    @Option(help: "The page title.")
    var title = "StegCarve report"

    @Flag(name: .customLong("only-flagged"), help: "Sections only for suspicious and malicious files (and errors); the other files are lines of the summary table.")
    var onlyFlagged = false

    @Flag(help: "Draw every file in full (thumbnail, byte map, entropy plot, findings). By default a clean or benign-extra file scanned whole gets a short section: its verdict and facts.")
    var full = false

    @OptionGroup(title: "Analysis (thumbnails are decoded whatever --pixels says)")
    var analysis: AnalysisOptions

    @OptionGroup(title: "Selection")
    var selection: SelectionOptions

    @Option(help: "Pictures with more pixels than this get no thumbnail (bounds decoding memory: up to 8 bytes a pixel per job).")
    var thumbnailMaxPixels: UInt64 = 50_000_000

    @Option(help: "Files scanned at once (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        if paths.isEmpty, selection.filesFrom == nil { throw ValidationError("Give at least one file or directory to scan.") }
        if selection.filesFrom == "-", paths.contains("-") { throw ValidationError("'-' and --files-from - both read standard input; give one.") }
        if output.isEmpty { throw ValidationError("--output needs a file name.") }
        if jobs < 1 || jobs > 1024 { throw ValidationError("--jobs takes a number from 1 to 1024.") }
        if thumbnailMaxPixels < 1 { throw ValidationError("--thumbnail-max-pixels must be positive.") }
    }

    /// What one file contributes: its section and its summary line.
    struct Outcome: Sendable {
        var section: String
        /// `nil` for a walked file left out by content sniffing (no section, no summary line).
        var entry: HTMLReport.Entry?
        var failed: Bool
    }

    func run() async throws {
        // A page is read by a person: `--pixels auto` analyses every file, as for named files.
        let scanner = StegCarve.Scanner(configuration: try analysis.configuration(sweeping: false))
        let file: ReportDestination
        do {
            file = try ReportDestination(path: output, replacing: force)
        } catch {
            printError("stegcarve: cannot write the report: \(error)")
            throw ExitCode(2)
        }
        var entries: [HTMLReport.Entry] = []
        var failures = 0
        var alarming = 0
        var inputs = try selection.makeInputs(paths: paths)
        let sniffsContent = !selection.allFiles
        do {
            try file.write(HTMLReport.prologue(title: title))
            // Sections are written in input order as they finish; at most `jobs` files are
            // scanned, and few sections wait, so memory stays bounded on large sweeps.
            var waiting: [Int: Outcome] = [:]
            var nextToWrite = 0
            var writeError: (any Error)?
            await withTaskGroup(of: (Int, Outcome).self) { group in
                var submitted = 0
                func submitNext() -> Bool {
                    // Files left out by the selection while walking are only counted.
                    var next = inputs.next()
                    while case .skipped = next { next = inputs.next() }
                    guard let input = next else { return false }
                    let index = submitted
                    submitted += 1
                    group.addTask { [scanner, thumbnailMaxPixels, full] in
                        (index, Self.render(input, index: index + 1, scanner: scanner, maxThumbnailPixels: thumbnailMaxPixels, sniffsContent: sniffsContent, full: full))
                    }
                    return true
                }
                var inFlight = 0
                while inFlight < jobs, submitNext() { inFlight += 1 }
                while let (index, outcome) = await group.next() {
                    inFlight -= 1
                    waiting[index] = outcome
                    while let ready = waiting.removeValue(forKey: nextToWrite) {
                        nextToWrite += 1
                        // A walked file that is not a picture (content sniffing) has no section.
                        guard var entry = ready.entry else { continue }
                        let flagged = entry.verdict == Verdict.suspicious.rawValue || entry.verdict == Verdict.malicious.rawValue
                        // --only-flagged: a quiet file is a line of the summary table, without a section.
                        entry.hasSection = !onlyFlagged || flagged || ready.failed
                        entries.append(entry)
                        if ready.failed { failures += 1 }
                        if flagged { alarming += 1 }
                        if writeError == nil, entry.hasSection {
                            do { try file.write(ready.section) } catch { writeError = error }
                        }
                    }
                    if writeError == nil, submitNext() { inFlight += 1 }
                }
            }
            if let writeError { throw writeError }
            let summary = HTMLReport.Summary(
                entries: entries, generated: STIX.Timestamp.string(STIX.Timestamp.runTime()),
                version: StegCarveCommand.configuration.version
            )
            try file.write(HTMLReport.epilogue(summary: summary))
            try file.commit()
        } catch {
            printError("stegcarve: cannot write the report: \(error)")
            // The page is lost, but a file already found flagged still makes the status 1.
            throw ExitCode.forRun(flagged: alarming, failed: 1) ?? ExitCode(2)
        }
        if let status = ExitCode.forRun(flagged: alarming, failed: failures) { throw status }
    }

    /// Scans one input and renders its section (in a worker).
    private static func render(_ input: ScanInput, index: Int, scanner: StegCarve.Scanner, maxThumbnailPixels: UInt64, sniffsContent: Bool, full: Bool) -> Outcome {
        switch input {
        case .file(let path, _, let explicit):
            if sniffsContent, !explicit, ContentSniffer.rejects(path) {
                return Outcome(section: "", entry: nil, failed: false)
            }
            let report: ScanReport
            let rendered: String?
            do {
                report = try scanner.scan(fileAt: path)
                // A quiet file is not read a second time: its short section needs no bytes.
                rendered = try drawsInFull(report, full: full) ? HTMLReport.section(
                    for: report, fileAt: path, index: index, maxThumbnailPixels: maxThumbnailPixels,
                    maximumSize: scanner.configuration.limits.maxFileSize
                ) : HTMLReport.compactSection(for: report, index: index)
            } catch {
                return unreadable(path.string, reason: "\(error)", index: index)
            }
            guard let section = rendered else {
                return unreadable(path.string, reason: "the file changed while it was scanned", index: index)
            }
            let entry = HTMLReport.Entry(index: index, path: report.path ?? path.string, verdict: report.verdict.rawValue, score: report.score, findings: report.findings.count)
            return Outcome(section: section, entry: entry, failed: !report.errors.isEmpty)
        case .stream(let path, let standardInput, let maximumSize):
            do {
                return try StreamInput.scan(path, standardInput: standardInput) { descriptor, name throws(ScanError) in
                    let (report, bytes) = try scanner.scanStream(descriptor, path: name, maximumSize: maximumSize, extractingTo: nil)
                    let section = drawsInFull(report, full: full)
                        ? HTMLReport.section(for: report, source: bytes, index: index, maxThumbnailPixels: maxThumbnailPixels)
                        : HTMLReport.compactSection(for: report, index: index)
                    let shown = standardInput ? "<stdin>" : name
                    let entry = HTMLReport.Entry(index: index, path: shown, verdict: report.verdict.rawValue, score: report.score, findings: report.findings.count)
                    return Outcome(section: section, entry: entry, failed: !report.errors.isEmpty)
                }
            } catch {
                if let skipped = StreamInput.skipped(error, path: path) { return refused(skipped, index: index) }
                return unreadable(error.path, reason: error.reason, index: index)
            }
        case .failure(let error):
            return unreadable(error.path, reason: error.reason, index: index)
        case .skipped(let reason):
            // Not submitted (see `submitNext`); kept exhaustive for new input kinds.
            return unreadable("", reason: "skipped: \(reason.rawValue)", index: index)
        case .refused(let skipped):
            return refused(skipped, index: index)
        }
    }

    /// Whether a file gets its full section (thumbnail, byte map, entropy plot, findings):
    /// with `--full`, or when it is flagged or its scan was incomplete.
    private static func drawsInFull(_ report: ScanReport, full: Bool) -> Bool {
        full || report.verdict >= .suspicious || !report.errors.isEmpty || !report.limits.isEmpty
    }

    /// The section of an input that was not scanned (an error).
    private static func refused(_ skipped: SkippedInput, index: Int) -> Outcome {
        var outcome = unreadable(skipped.path, reason: skipped.summary, index: index)
        outcome.entry?.verdict = "skipped"
        return outcome
    }

    private static func unreadable(_ path: String, reason: String, index: Int) -> Outcome {
        Outcome(
            section: HTMLReport.section(forUnreadable: path, reason: reason, index: index),
            entry: HTMLReport.Entry(index: index, path: path, verdict: "error", score: nil, findings: 0),
            failed: true
        )
    }
}
