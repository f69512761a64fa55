import ArgumentParser
import Foundation
import StegCarve

import StegCarvePlatform

/// `stegcarve scan PATH...`: scan files and directories, print a report, optionally extract.
struct ScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Scan image files (and directories, recursively) for hidden payloads.",
        discussion: """
            Examples:
              stegcarve scan photo.jpg
              curl -s https://example.org/x.jpg | stegcarve scan -
              stegcarve scan --format jsonl --only-flagged ~/Pictures > flagged.jsonl
            """
    )

    @Argument(help: "Files or directories to scan. Directories are walked recursively; symbolic links inside them are not followed. '-' reads standard input; a FIFO (/dev/stdin, <(...)) is read to its end.")
    var paths: [String] = []

    @Option(help: "Output format: text (readable), jsonl (one JSON object per file), csv (one row per finding) or stix (one STIX 2.1 bundle).")
    var format: OutputFormat = .text

    @Option(help: "Write every carved artifact to this directory as <sha256>.<type> with a JSON sidecar.")
    var extract: String?

    @Option(help: "Colour in text output: auto (only on a terminal), always or never.")
    var color: ColorMode = .auto

    @Option(help: "Files scanned at once (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "Print reports in the order the files were listed, not as they finish.")
    var ordered = false

    @Flag(name: .customLong("only-flagged"), help: "Print records only for suspicious and malicious files (and errors and skipped inputs); the summary and the exit status still count every file.")
    var onlyFlagged = false

    @Option(help: "Progress and a final summary on standard error: auto (only on a terminal), always or never.")
    var progress: ColorMode = .auto

    @OptionGroup(title: "Analysis")
    var analysis: AnalysisOptions

    @OptionGroup(title: "Selection")
    var selection: SelectionOptions

    @Option(help: ArgumentHelp("Keep what was scanned in this SQLite database: a re-run skips unchanged files (re-emitting their stored report), re-uses reports of identical content, and resumes an interrupted sweep.", valueName: "FILE"))
    var state: String?

    func validate() throws {
        if paths.isEmpty, selection.filesFrom == nil { throw ValidationError("Give at least one file or directory to scan.") }
        if let extract, extract.isEmpty { throw ValidationError("--extract needs a directory.") }
        if let state, state.isEmpty { throw ValidationError("--state needs a file name.") }
        if jobs < 1 || jobs > 1024 { throw ValidationError("--jobs takes a number from 1 to 1024.") }
        if selection.filesFrom == "-", paths.contains("-") { throw ValidationError("'-' and --files-from - both read standard input; give one.") }
    }

    /// Whether this run walks directories or reads a list (`--pixels auto` then skips pixel work).
    var isSweep: Bool {
        selection.filesFrom != nil || paths.contains { path in
            (try? URL(fileURLWithPath: path).resourceValues(forKeys: [.isDirectoryKey]))?.isDirectory == true
        }
    }

    func run() async throws {
        let sweeping = isSweep
        var configuration = try analysis.configuration(sweeping: sweeping)
        if sweeping, analysis.pixels == .auto, !configuration.verifiesDecoding, isatty(STDERR_FILENO) == 1 {
            printError("stegcarve: sweeping directories: structure and payloads only; --pixels always adds decoding and steganalysis (about 30 times the time)")
        }
        // STIX lists MD5 and SHA-1 beside SHA-256: hashed in the same read as the scan.
        configuration.computesWeakFileDigests = format == .stix
        let scanner = StegCarve.Scanner(configuration: configuration)
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
        case .stix: formatRenderer = STIXRenderer()
        }
        let renderer: any ReportRenderer = onlyFlagged ? FlaggedOnlyRenderer(base: formatRenderer) : formatRenderer
        var sweep = Sweep(
            scanner: scanner, extractor: extractor, renderer: renderer, jobs: jobs, ordered: ordered,
            progress: progress.isEnabled(forDescriptor: STDERR_FILENO) ? makeProgressReporter() : nil
        )
        sweep.sniffsContent = !selection.allFiles
        sweep.state = try openState(configuration: scanner.configuration)
        let summary = await sweep.run(try makeInputs())
        var output = StandardOutput()
        output.write(renderer.footer())
        // A detection outranks the stop (README "Exit status"): 1, else 128 + signal, else 2.
        if summary.suspiciousOrWorse == 0, let signal = summary.stoppedBySignal { throw ExitCode(StopSignals.exitStatus(signal)) }
        if let status = summary.exitStatus { throw status }
    }
}

/// Output formats of `scan` (`watch` writes all but STIX, see ``WatchCommand/Format``).
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case jsonl
    case csv
    case stix
}

/// When text output is coloured.
enum ColorMode: String, ExpressibleByArgument, CaseIterable {
    case auto
    case always
    case never

    func isEnabled(forDescriptor descriptor: Int32) -> Bool {
        switch self {
        case .always: return true
        case .never: return false
        case .auto: return isatty(descriptor) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        }
    }
}

