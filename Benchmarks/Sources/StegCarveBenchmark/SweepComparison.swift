import Crypto
import Dispatch
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// `StegCarveBenchmark sweep [small-files] [rounds]`: the CLI's directory sweep next to the
/// reference tools, over the same files, in one run.
///
/// Two sets: the generated photo-sized pictures (``PhotoSet``) and `small-files` copies of the
/// clean corpus pictures (default 3,000). For each set, every row is one shell command run in
/// the set's directory with its output discarded, best of `rounds` (binwalk: one round), page
/// cache warm:
/// - `cat * > /dev/null` and `sha256sum * > /dev/null` (one process, one core);
/// - `stegcarve scan $STEGCARVE_SWEEP_ARGS . > /dev/null` (default `--format jsonl`: the
///   CLI's default sweep of a directory, structure, carving, encodings and SHA-256, pixels
///   left alone by `--pixels auto`), the release CLI at `$STEGCARVE_CLI` or
///   `../.build/release/stegcarve`, and the same with `--format csv`; with
///   `$STEGCARVE_BASELINE_CLI` set, that binary too with `$STEGCARVE_BASELINE_ARGS` (default
///   `--no-decode --format jsonl`, the same work for builds before `--pixels`);
/// - `binwalk * > /dev/null` and `foremost -Q -w -o DIR *` where installed.
/// CPU seconds are the children's user + system time (`getrusage`): on a machine shared with
/// other work, MB per CPU second compares the tools where wall time cannot. The last lines give the
/// physical bound: swift-crypto's SHA-256 on one core (64 MiB buffer) × cores, as a fraction of
/// `cat`: the default sweep hashes every byte, so it cannot go faster than that.
func measureSweep(smallFiles: Int, rounds: Int) throws {
    guard let cli = releaseCLI else {
        print("no release CLI: swift build -c release --product stegcarve (or set STEGCARVE_CLI)")
        return
    }
    let arguments = ProcessInfo.processInfo.environment["STEGCARVE_SWEEP_ARGS"] ?? "--format jsonl"
    let baselineArguments = ProcessInfo.processInfo.environment["STEGCARVE_BASELINE_ARGS"] ?? "--no-decode --format jsonl"
    let baseline = ProcessInfo.processInfo.environment["STEGCARVE_BASELINE_CLI"].flatMap {
        FileManager.default.isExecutableFile(atPath: $0) ? $0 : nil
    }
    let cores = ProcessInfo.processInfo.activeProcessorCount
    print("machine: \(cores) cores, load average at start \(loadAverage())")
    print("stegcarve: \(cli)\(baseline.map { "; baseline: \($0)" } ?? "")")

    let photos = try PhotoSet.directory()
    let small = try makeDataset(count: smallFiles, folders: ["clean"])
    defer { try? FileManager.default.removeItem(atPath: small.directory) }

    // The commands print as run, with `stegcarve` and `baseline` shell functions for the binaries.
    var prelude = "stegcarve() { '\(cli)' \"$@\"; }; "
    if let baseline { prelude += "baseline() { '\(baseline)' \"$@\"; }; " }
    var catRate = 0.0
    for (title, directory, files, bytes) in [
        ("photo-sized pictures (\(PhotoSet.pictures.count) files: 16 JPEG, 8 PNG)", photos.path, photos.files.count, photos.bytes),
        ("small pictures (\(smallFiles) copies of the clean corpus pictures)", small.directory, small.files.count, small.bytes),
    ] {
        let megabytes = Double(bytes) / 1_000_000
        print("\n### \(title): \(String(format: "%.1f", megabytes)) MB, best of \(rounds), page cache warm")
        try shell("cat * > /dev/null", in: directory)
        var rows: [(command: String, seconds: Double, cpu: Double)] = []
        func run(_ command: String, rounds: Int) throws {
            var fastest = Double.infinity
            var cpu = 0.0
            for _ in 0..<max(1, rounds) {
                let before = childrenCPUSeconds()
                let start = DispatchTime.now().uptimeNanoseconds
                try shell(prelude + command, in: directory)
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                if seconds < fastest { (fastest, cpu) = (seconds, childrenCPUSeconds() - before) }
            }
            rows.append((command, fastest, cpu))
        }
        try run("cat * > /dev/null", rounds: rounds)
        try run("sha256sum * > /dev/null", rounds: rounds)
        try run("stegcarve scan \(arguments) . > /dev/null", rounds: rounds)
        let ours = rows.count - 1
        try run("stegcarve scan \(arguments.replacingOccurrences(of: "--format jsonl", with: "--format csv")) . > /dev/null", rounds: rounds)
        if baseline != nil { try run("baseline scan \(baselineArguments) . > /dev/null", rounds: rounds) }
        if installed("binwalk") { try run("binwalk * > /dev/null 2>&1", rounds: 1) }
        if installed("foremost") {
            // foremost refuses an output directory that is not empty: a fresh one every round.
            let output = directory + ".foremost"
            try run("rm -rf '\(output)'; foremost -Q -w -o '\(output)' * > /dev/null 2>&1", rounds: min(rounds, 2))
            try? FileManager.default.removeItem(atPath: output)
        }
        let (cat, sha256sum) = (rows[0].seconds, rows[1].seconds)
        let binwalk = rows.first { $0.command.hasPrefix("binwalk") }?.seconds
        print("| command | s | MB/s | files/s | CPU s | MB per CPU s | vs cat | vs sha256sum | vs binwalk |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        for (index, row) in rows.enumerated() {
            let name = index == ours ? "**`\(row.command)`**" : "`\(row.command)`"
            let perCPU = row.cpu > 0.005 ? format(megabytes / row.cpu, 0) : "–"
            print("| \(name) | \(format(row.seconds, 3)) | \(format(megabytes / row.seconds, 0)) | \(format(Double(files) / row.seconds, 0)) | \(format(row.cpu, 2)) | \(perCPU) | \(format(cat / row.seconds, 2))× | \(format(sha256sum / row.seconds, 2))× | \(binwalk.map { format($0 / row.seconds, 1) + "×" } ?? "–") |")
        }
        if catRate == 0 { catRate = megabytes / cat }
    }

    let perCore = sha256Throughput()
    print("\nSHA-256 (swift-crypto) on one core: \(format(perCore, 0)) MB/s; × \(cores) cores = \(format(perCore * Double(cores), 0)) MB/s = \(format(perCore * Double(cores) / catRate * 100, 0))% of `cat` on the photo set (\(format(catRate, 0)) MB/s)")
    print("load average at end \(loadAverage())")

}

/// Best of three: SHA-256 of a 64 MiB buffer on this thread, MB/s.
func sha256Throughput() -> Double {
    var generator = SplitMix64(state: 1)
    let buffer = (0..<(64 << 20) / 8).flatMap { _ in withUnsafeBytes(of: generator.next()) { Array($0) } }
    var fastest = Double.infinity
    for _ in 0..<3 {
        let start = DispatchTime.now().uptimeNanoseconds
        let digest = SHA256.hash(data: buffer)
        fastest = min(fastest, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        precondition(digest.description.count > 0)
    }
    return Double(buffer.count) / 1e6 / fastest
}

/// User + system seconds of the waited-for children so far.
func childrenCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_CHILDREN.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
}

func loadAverage() -> String {
    (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "?"
}

func format(_ value: Double, _ digits: Int) -> String {
    String(format: "%.\(digits)f", value)
}
