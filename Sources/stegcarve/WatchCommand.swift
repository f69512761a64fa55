import ArgumentParser
import Dispatch
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
            scan for those). Stops cleanly on SIGINT or SIGTERM, printing the summary with --progress.
            """
    )

    @Argument(help: "Directories to watch, with every directory below them.")
    var directories: [String]

    @Option(help: "Output format: text, jsonl or csv.")
    var format: OutputFormat = .text

    @Option(help: "Write every carved artifact to this directory as <sha256>.<type> with a JSON sidecar.")
    var extract: String?

    @OptionGroup(title: "Analysis")
    var analysis: AnalysisOptions

    @Option(help: "Colour in text output: auto, always or never.")
    var color: ColorMode = .auto

    @Option(help: "A summary on standard error when stopped: auto (only on a terminal), always or never.")
    var progress: ColorMode = .auto

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
        let renderer: any ReportRenderer
        if format == .jsonl {
            renderer = JSONLinesRenderer()
        } else if format == .csv {
            renderer = CSVRenderer()
        } else {
            renderer = TextReportRenderer(colored: color.isEnabled(forDescriptor: STDOUT_FILENO))
        }
        let watcher: DirectoryWatcher
        do {
            watcher = try DirectoryWatcher(roots: directories.map { FilePath($0) }, settle: .milliseconds(settle))
        } catch {
            printError("stegcarve: cannot watch \(directories.joined(separator: " ")): \(error)")
            throw ExitCode(2)
        }
        let stop = StopFlag()
        let sources = [SIGINT, SIGTERM].map { number -> any DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { stop.set() }
            source.resume()
            return source
        }
        defer { sources.forEach { $0.cancel() } }
        let selection = InputSelection(
            includes: include.map(GlobPattern.init), excludes: exclude.map(GlobPattern.init),
            maxSize: maxSize.flatMap(SelectionOptions.parseSize), sniffsContent: !allFiles
        )
        var output = StandardOutput()
        output.write(renderer.header())
        var summary = SweepSummary()
        let workers = ProcessInfo.processInfo.activeProcessorCount
        while !stop.isSet {
            let ready = watcher.poll(timeout: .milliseconds(100))
            guard !ready.isEmpty else { continue }
            var inputs: [ScanInput] = []
            for path in ready {
                // Each ready path is listed like a file found in a directory: links, special
                // files, globs and sizes are checked now, when it is complete.
                var enumerator = InputEnumerator(paths: [], list: nil, selection: selection)
                let input = enumerator.single(path)
                // Gone already (a temporary file renamed or deleted after writing): its new name
                // has its own event.
                if case .failure(let error) = input, error.code == ENOENT { continue }
                inputs.append(input)
            }
            let outcomes = Locked([Sweep.Outcome?](repeating: nil, count: inputs.count))
            let batch = inputs
            let artifacts = extractor
            DispatchQueue.concurrentPerform(iterations: min(workers, inputs.count)) { worker in
                for index in stride(from: worker, to: batch.count, by: workers) {
                    let outcome = Sweep.scan(batch[index], scanner: scanner, extractor: artifacts, renderer: renderer, state: nil, sniffsContent: !allFiles)
                    outcomes.withLock { $0[index] = outcome }
                }
            }
            for outcome in outcomes.withLock({ $0 }) {
                guard let outcome else { continue }
                summary.add(outcome)
                output.write(outcome.text)
            }
        }
        if progress.isEnabled(forDescriptor: STDERR_FILENO) {
            FileHandle.standardError.write(Data(ProgressReporter.summary(summary).utf8))
        }
    }
}

/// Set once by a signal handler, read by the watch loop.
final class StopFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    var isSet: Bool { flag.load(ordering: .acquiring) }
    func set() { flag.store(true, ordering: .releasing) }
}
