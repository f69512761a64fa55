import ArgumentParser
import Foundation
import StegCarve
import StegCarveReports
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
            symbolic link. Exit status as for scan.
            """
    )

    @Argument(help: "Files or directories to scan. Directories are walked recursively; symbolic links inside them are not followed.")
    var paths: [String]

    @Option(name: [.short, .customLong("output")], help: "The HTML file to write.")
    var output: String

    @Flag(help: "Replace the output file if it exists (a regular file only).")
    var force = false

    @Option(help: "The page title.")
    var title = "StegCarve report"

    @OptionGroup(title: "Analysis (thumbnails are decoded whatever --pixels says)")
    var analysis: AnalysisOptions

    @Option(help: "Pictures with more pixels than this get no thumbnail (bounds decoding memory: up to 8 bytes a pixel per job).")
    var thumbnailMaxPixels: UInt64 = 50_000_000

    @Option(help: "Files scanned at once (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        if paths.isEmpty { throw ValidationError("Give at least one file or directory to scan.") }
        if output.isEmpty { throw ValidationError("--output needs a file name.") }
        if jobs < 1 || jobs > 1024 { throw ValidationError("--jobs takes a number from 1 to 1024.") }
        if thumbnailMaxPixels < 1 { throw ValidationError("--thumbnail-max-pixels must be positive.") }
    }

    /// What one file contributes: its section and its summary line.
    struct Outcome: Sendable {
        var section: String
        var entry: HTMLReport.Entry
        var failed: Bool
    }

    func run() async throws {
        // A page is read by a person: `--pixels auto` analyses every file, as for named files.
        let scanner = StegCarve.Scanner(configuration: try analysis.configuration(sweeping: false))
        let file: ReportFile
        do {
            file = try ReportFile(path: output, replacing: force)
        } catch {
            printError("stegcarve: cannot write the report: \(error)")
            throw ExitCode(2)
        }
        var entries: [HTMLReport.Entry] = []
        var failures = 0
        var alarming = 0
        do {
            try file.write(HTMLReport.prologue(title: title))
            var inputs = InputEnumerator(paths: paths)
            // Sections are written in input order as they finish; at most `jobs` files are
            // scanned, and few sections wait, so memory stays bounded on large sweeps.
            var waiting: [Int: Outcome] = [:]
            var nextToWrite = 0
            var writeError: (any Error)?
            await withTaskGroup(of: (Int, Outcome).self) { group in
                var submitted = 0
                func submitNext() -> Bool {
                    // Symbolic links and special files found in directories are left out.
                    var next = inputs.next()
                    while case .skipped = next { next = inputs.next() }
                    guard let input = next else { return false }
                    let index = submitted
                    submitted += 1
                    group.addTask { [scanner, thumbnailMaxPixels] in
                        (index, Self.render(input, index: index + 1, scanner: scanner, maxThumbnailPixels: thumbnailMaxPixels))
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
                        entries.append(ready.entry)
                        if ready.failed { failures += 1 }
                        if ready.entry.verdict == Verdict.suspicious.rawValue || ready.entry.verdict == Verdict.malicious.rawValue { alarming += 1 }
                        if writeError == nil {
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
            throw ExitCode(2)
        }
        if failures > 0 { throw ExitCode(2) }
        if alarming > 0 { throw ExitCode(1) }
    }

    /// Scans one input and renders its section (in a worker).
    private static func render(_ input: ScanInput, index: Int, scanner: StegCarve.Scanner, maxThumbnailPixels: UInt64) -> Outcome {
        switch input {
        case .file(let path, _, _):
            let report: ScanReport
            let rendered: String?
            do {
                report = try scanner.scan(fileAt: path)
                rendered = try HTMLReport.section(
                    for: report, fileAt: path, index: index, maxThumbnailPixels: maxThumbnailPixels,
                    maximumSize: scanner.configuration.limits.maxFileSize
                )
            } catch {
                return unreadable(path.string, reason: "\(error)", index: index)
            }
            guard let section = rendered else {
                return unreadable(path.string, reason: "the file changed while it was scanned", index: index)
            }
            let entry = HTMLReport.Entry(index: index, path: report.path ?? path.string, verdict: report.verdict.rawValue, score: report.score, findings: report.findings.count)
            return Outcome(section: section, entry: entry, failed: !report.errors.isEmpty)
        case .failure(let error):
            return unreadable(error.path, reason: error.reason, index: index)
        case .skipped(let reason):
            // Not submitted (see `submitNext`); kept exhaustive for new input kinds.
            return unreadable("", reason: "skipped: \(reason.rawValue)", index: index)
        }
    }

    private static func unreadable(_ path: String, reason: String, index: Int) -> Outcome {
        Outcome(
            section: HTMLReport.section(forUnreadable: path, reason: reason, index: index),
            entry: HTMLReport.Entry(index: index, path: path, verdict: "error", score: nil, findings: 0),
            failed: true
        )
    }
}
