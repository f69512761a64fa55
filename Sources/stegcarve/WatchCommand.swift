import ArgumentParser
import Foundation
import StegCarve
import StegCarveSweep
import StegCarveSync
import Synchronization
import SystemPackage

import StegCarvePlatform

/// `stegcarve watch DIR...`: scans files in the directories (and directories created below
/// them) as they finish being written, until SIGINT or SIGTERM.
struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Scan files as they finish being written into directories (a downloads folder, an upload directory).",
        discussion: """
            Linux: inotify (a file is scanned after it is closed for writing or moved in, and has been \
            quiet for --settle milliseconds). Files present when the watch starts are not scanned (use \
            scan for those). Stops within a poll (0.1 s) of SIGINT or SIGTERM, printing the reports that \
            finished and the summary with --progress; the exit status then counts every file seen, as for scan.

            Examples:
              stegcarve watch ~/Downloads
              stegcarve watch --format jsonl --only-flagged /srv/uploads >> flagged.jsonl
            """
    )

    @Argument(help: "Directories to watch, with every directory below them.")
    var directories: [String]

    @Option(help: "Output format: text, jsonl or csv (a STIX bundle needs an end, which a watch has not).")
    var format: Format = .text

    /// The formats a watch writes: one record per file as it is scanned.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text
        case jsonl
        case csv
    }

    @Flag(name: .customLong("only-flagged"), help: "Print records only for suspicious and malicious files (and errors); the summary and the exit status still count every file.")
    var onlyFlagged = false

    @Option(help: "Write every carved artifact to this directory as <sha256>.<type> with a JSON sidecar.")
    var extract: String?

    @OptionGroup(title: "Analysis")
    var analysis: AnalysisOptions

    @Option(help: "Colour in text output: auto, always or never.")
    var color: ColorMode = .auto

    @Option(help: "A summary on standard error when stopped: auto (only on a terminal), always or never.")
    var progress: ColorMode = .auto

    @Option(help: "Files scanned at once (default: twice the number of cores, at least 4, so that a few slow uploads cannot hold every thread).")
    var jobs: Int = max(4, 2 * ProcessInfo.processInfo.activeProcessorCount)

    @Option(help: "Milliseconds a file must stay quiet after its last write before it is scanned.")
    var settle: Int = 300

    @Flag(name: .customLong("all-files"), help: "Scan every file, not only those whose first bytes are a picture's.")
    var allFiles = false

    @Option(help: ArgumentHelp("Scan only files matching this glob (repeatable; see scan).", valueName: "GLOB"))
    var include: [String] = []

    @Option(help: ArgumentHelp("Skip files matching this glob (repeatable; see scan).", valueName: "GLOB"))
    var exclude: [String] = []

    @Option(name: .customLong("max-size"), help: ArgumentHelp("Skip files larger than this (suffixes K, M, G, T).", valueName: "SIZE"))
    var maxSize: String?

    func validate() throws {
        if directories.isEmpty { throw ValidationError("Give at least one directory to watch.") }
        if jobs < 1 || jobs > 1024 { throw ValidationError("--jobs takes a number from 1 to 1024.") }
        if settle < 0 || settle > 600_000 { throw ValidationError("--settle takes 0 to 600000 milliseconds.") }
        if let maxSize, SelectionOptions.parseSize(maxSize) == nil { throw ValidationError("--max-size takes a byte count with an optional K, M, G or T suffix.") }
    }

    func run() throws {
        // Files arrive one at a time: `--pixels auto` analyses every one.
        let scanner = StegCarve.Scanner(configuration: try analysis.configuration(sweeping: false))
        var extractor: ArtifactExtractor?
        if let extract {
            do {
                extractor = try ArtifactExtractor(directory: extract)
            } catch {
                printError("stegcarve: cannot use \(extract) for extraction: \(error)")
                throw ExitCode(2)
            }
        }
        let formatRenderer: any ReportRenderer
        switch format {
        case .text: formatRenderer = TextReportRenderer(colored: color.isEnabled(forDescriptor: STDOUT_FILENO))
        case .jsonl: formatRenderer = JSONLinesRenderer()
        case .csv: formatRenderer = CSVRenderer()
        }
        let renderer: any ReportRenderer = onlyFlagged ? FlaggedOnlyRenderer(base: formatRenderer) : formatRenderer
        let watcher: DirectoryWatcher
        do {
            watcher = try DirectoryWatcher(roots: directories.map { FilePath($0) }, settle: .milliseconds(settle))
        } catch {
            printError("stegcarve: cannot watch \(directories.joined(separator: " ")): \(error)")
            throw ExitCode(2)
        }
        let stop = StopFlag()
        let signals = StopSignals { _ in stop.set() }
        defer { signals.cancel() }
        let selection = InputSelection(
            includes: include.map(GlobPattern.init), excludes: exclude.map(GlobPattern.init),
            maxSize: maxSize.flatMap(SelectionOptions.parseSize), sniffsContent: !allFiles
        )
        var output = StandardOutput()
        output.write(renderer.header())
        var summary = SweepSummary()
        // Each file is scanned on a thread of its own as soon as it is ready, so a slow upload
        // holds one thread while later ones are reported, and a signal is seen within one poll.
        let threads = WorkerThreads(count: jobs, name: "stegcarve watch")
        defer { threads.stop() }
        let finished = Locked<[Sweep.Outcome]>([])
        let sniffsContent = !allFiles
        while true {
            let ready = stop.isSet ? [] : watcher.poll(timeout: .milliseconds(100))
            for path in ready {
                // Each ready path is listed like a file found in a directory: links, special
                // files, globs and sizes are checked now, when it is complete.
                var enumerator = InputEnumerator(paths: [], list: nil, selection: selection)
                let input = enumerator.single(path)
                // Gone already (a temporary file renamed or deleted after writing): its new name
                // has its own event.
                if case .failure(let error) = input, error.code == ENOENT { continue }
                threads.submit { [scanner, extractor, renderer] in
                    let outcome = Sweep.scan(input, scanner: scanner, extractor: extractor, renderer: renderer, state: nil, sniffsContent: sniffsContent)
                    finished.withLock { $0.append(outcome) }
                }
            }
            let done = finished.withLock { outcomes in
                defer { outcomes.removeAll() }
                return outcomes
            }
            for outcome in done {
                summary.add(outcome)
                output.write(outcome.text)
            }
            // Stopped: what finished is printed; scans still running are abandoned.
            if stop.isSet { break }
        }
        if progress.isEnabled(forDescriptor: STDERR_FILENO) {
            FileHandle.standardError.write(Data(ProgressReporter.summary(summary).utf8))
        }
        if let status = summary.exitStatus { throw status }
    }
}

/// Set once by a signal handler, read by the watch loop.
final class StopFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    var isSet: Bool { flag.load(ordering: .acquiring) }
    func set() { flag.store(true, ordering: .releasing) }
}
