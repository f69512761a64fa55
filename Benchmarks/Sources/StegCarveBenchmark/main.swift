import Dispatch
import Foundation
import StegCarve
import Synchronization

// Scan throughput over a generated directory of images, with and without payloads, next to
// reference tools measured on the same files in the same run (page-cache `cat`, coreutils
// `sha256sum`, and the peers Debian packages where installed: `binwalk` (signature scan) and
// `foremost` (audit only, `-w`)). Figures are quoted as ratios to those references. When a
// release build of the CLI exists (`swift build -c release` in the main package, or a path in
// `STEGCARVE_CLI`), the
// `stegcarve scan` sweep itself is measured too, also with `--state` (first run, re-run).
//
// Usage: swift run -c release --package-path Benchmarks StegCarveBenchmark [files] [rounds]
//        swift run -c release --package-path Benchmarks StegCarveBenchmark stego [directory] [rounds]
//        (pixel steganalysis on one core, next to plain decoding of the same pictures; the
//        directory's PNG and JPEG files, default Corpus/stego)
//        swift run -c release --package-path Benchmarks StegCarveBenchmark stego-photos [rounds]
//        (the default stego sweep over generated photo-sized PNGs on one core, next to plain
//        libpng decoding of the same pictures; see StegoPhotos.swift)
//        swift run -c release --package-path Benchmarks StegCarveBenchmark photos (only generate the photo set)
//        swift run -c release --package-path Benchmarks StegCarveBenchmark sweep [small-files] [rounds]
//        (the CLI's directory sweep over generated photo-sized pictures and small pictures next
//        to cat, sha256sum, binwalk and foremost, in one run; see SweepComparison.swift)

let arguments = CommandLine.arguments
let fileCount = arguments.count > 1 ? Int(arguments[1]) ?? 3000 : 3000
let rounds = arguments.count > 2 ? Int(arguments[2]) ?? 3 : 3

let corpus = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Corpus")

/// Copies the corpus pictures (clean and with payloads) round-robin into a fresh directory.
func makeDataset(count: Int, folders: [String]) throws -> (directory: String, files: [String], bytes: Int) {
    let fileManager = FileManager.default
    var sources: [URL] = []
    for folder in folders {
        let names = try fileManager.contentsOfDirectory(atPath: corpus.appendingPathComponent(folder).path).sorted()
        sources += names.map { corpus.appendingPathComponent(folder).appendingPathComponent($0) }
    }
    let contents = try sources.map { try Data(contentsOf: $0) }
    let directory = NSTemporaryDirectory() + "stegcarve-bench-\(getpid())-\(folders.joined(separator: "-"))"
    try? fileManager.removeItem(atPath: directory)
    try fileManager.createDirectory(atPath: directory, withIntermediateDirectories: true)
    var files: [String] = []
    var total = 0
    for index in 0..<count {
        let data = contents[index % contents.count]
        let path = directory + "/img\(index)" + (data.starts(with: [0x89, 0x50]) ? ".png" : ".jpg")
        try data.write(to: URL(fileURLWithPath: path))
        files.append(path)
        total += data.count
    }
    return (directory, files, total)
}

/// Seconds taken by `body`, best of `rounds`.
func best(_ rounds: Int, _ body: () throws -> Void) rethrows -> Double {
    var fastest = Double.infinity
    for _ in 0..<rounds {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        fastest = min(fastest, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return fastest
}

/// Runs a shell pipeline over the dataset directory, discarding its output.
func shell(_ command: String, in directory: String) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", command]
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    try process.run()
    process.waitUntilExit()
}

/// Whether `tool` is on PATH.
func installed(_ tool: String) -> Bool {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", "command -v \(tool) > /dev/null"]
    guard (try? process.run()) != nil else { return false }
    process.waitUntilExit()
    return process.terminationStatus == 0
}

/// The release CLI of the main package, when built: `$STEGCARVE_CLI`, else `.build/release/stegcarve`.
let releaseCLI: String? = {
    let path = ProcessInfo.processInfo.environment["STEGCARVE_CLI"]
        ?? corpus.deletingLastPathComponent().appendingPathComponent(".build/release/stegcarve").path
    return FileManager.default.isExecutableFile(atPath: path) ? path : nil
}()

/// Scans every file with one shared Scanner on all cores; returns the number of findings.
func sweep(_ files: [String], scanner: StegCarve.Scanner) -> Int {
    let findings = Mutex(0)
    DispatchQueue.concurrentPerform(iterations: files.count) { index in
        let count = (try? scanner.scan(fileAt: files[index]).findings.count) ?? 0
        findings.withLock { $0 += count }
    }
    return findings.withLock { $0 }
}

/// Measures one dataset and prints its table.
func measure(folders: [String]) throws {
    let dataset = try makeDataset(count: fileCount, folders: folders)
    defer { try? FileManager.default.removeItem(atPath: dataset.directory) }
    let megabytes = Double(dataset.bytes) / 1_000_000
    print("\ndataset \(folders.joined(separator: "+")): \(fileCount) files, \(String(format: "%.1f", megabytes)) MB, \(ProcessInfo.processInfo.activeProcessorCount) cores, best of \(rounds)")

    // Warm the page cache so every measurement reads from memory.
    try shell("cat * > /dev/null", in: dataset.directory)

    var rows: [(name: String, seconds: Double)] = []
    rows.append(("cat (page cache)", try best(rounds) { try shell("cat * > /dev/null", in: dataset.directory) }))
    rows.append(("sha256sum", try best(rounds) { try shell("sha256sum * > /dev/null", in: dataset.directory) }))
    let structural = StegCarve.Scanner(configuration: ScanConfiguration(verifiesDecoding: false, stego: .off))
    let full = StegCarve.Scanner(configuration: ScanConfiguration(verifiesDecoding: true, stego: .off))
    let withStego = StegCarve.Scanner(configuration: ScanConfiguration(verifiesDecoding: true, stego: .standard))
    var found = 0
    rows.append(("stegcarve (structure+carve+SHA-256)", best(rounds) { found = sweep(dataset.files, scanner: structural) }))
    rows.append(("stegcarve (+ libjpeg/libpng decode)", best(rounds) { found = sweep(dataset.files, scanner: full) }))
    rows.append(("stegcarve (+ decode + stego default, the CLI default)", best(rounds) { found = sweep(dataset.files, scanner: withStego) }))
    if let cli = releaseCLI {
        rows.append(("`stegcarve scan --no-decode --format jsonl` (CLI sweep)", try best(rounds) { try shell("'\(cli)' scan --no-decode --format jsonl . > /dev/null", in: dataset.directory) }))
        let state = dataset.directory + ".state.db"
        rows.append(("CLI sweep with `--state`, first run", try best(rounds) {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: state + suffix) }
            try shell("'\(cli)' scan --no-decode --format jsonl --state '\(state)' . > /dev/null", in: dataset.directory)
        }))
        rows.append(("CLI sweep with `--state`, re-run (nothing changed)", try best(rounds) { try shell("'\(cli)' scan --no-decode --format jsonl --state '\(state)' . > /dev/null", in: dataset.directory) }))
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: state + suffix) }
    }
    // Peers: one process over all files, output discarded (binwalk 2.x is single-threaded).
    if installed("binwalk") {
        rows.append(("binwalk (signature scan)", try best(min(rounds, 1)) { try shell("binwalk * > /dev/null 2>&1", in: dataset.directory) }))
    }
    if installed("foremost") {
        let output = dataset.directory + ".foremost"
        rows.append(("foremost (-w, audit only)", try best(rounds) {
            try? FileManager.default.removeItem(atPath: output)
            try shell("foremost -Q -w -o '\(output)' * > /dev/null 2>&1", in: dataset.directory)
        }))
        try? FileManager.default.removeItem(atPath: output)
    }

    let reference = rows[0].seconds
    print("top-level findings per sweep: \(found)")
    let sha256sum = rows[1].seconds
    let binwalk = rows.first { $0.name.hasPrefix("binwalk") }?.seconds
    print("| run | MB/s | files/s | vs cat | vs sha256sum | vs binwalk |")
    print("|---|---:|---:|---:|---:|---:|")
    for row in rows {
        let rate = megabytes / row.seconds
        let filesPerSecond = Double(fileCount) / row.seconds
        let versusBinwalk = binwalk.map { String(format: "%.1f×", $0 / row.seconds) } ?? "–"
        print("| \(row.name) | \(String(format: "%.1f", rate)) | \(String(format: "%.0f", filesPerSecond)) | \(String(format: "%.2f", reference / row.seconds))× | \(String(format: "%.2f", sha256sum / row.seconds))× | \(versusBinwalk) |")
    }
}

if arguments.count > 1, arguments[1] == "stego-photos" {
    measureStegoPhotos(rounds: arguments.count > 2 ? Int(arguments[2]) ?? 3 : 3)
} else if arguments.count > 1, arguments[1] == "photos" {
    let photos = try PhotoSet.directory()
    print("\(photos.path): \(photos.files.count) files, \(photos.bytes) bytes")
} else if arguments.count > 1, arguments[1] == "sweep" {
    try measureSweep(smallFiles: arguments.count > 2 ? Int(arguments[2]) ?? 3000 : 3000, rounds: arguments.count > 3 ? Int(arguments[3]) ?? 3 : 3)
} else if arguments.count > 1, arguments[1] == "stego" {
    try measureStego(directory: arguments.count > 2 ? arguments[2] : nil, rounds: arguments.count > 3 ? Int(arguments[3]) ?? 3 : 3)
} else {
    try measure(folders: ["clean", "payload"])
    try measure(folders: ["clean"])
}
