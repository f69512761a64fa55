import ArgumentParser
import StegCarveSweep

/// Which files a sweep (`scan`, `report`) looks at. Shared by the subcommands.
struct SelectionOptions: ParsableArguments {
    @Option(name: .customLong("files-from"), help: ArgumentHelp("Also scan the paths listed in FILE ('-': standard input), one per line (or NUL-separated with -0).", valueName: "FILE"))
    var filesFrom: String?

    @Flag(name: .customShort("0"), help: "Paths in --files-from are separated by NUL bytes, not newlines.")
    var nullSeparated = false

    @Option(help: ArgumentHelp("Scan only files matching this fnmatch(3) glob (repeatable): without '/' against the base name, with '/' against the whole path.", valueName: "GLOB"))
    var include: [String] = []

    @Option(help: ArgumentHelp("Skip files and directories matching this glob (repeatable), same matching as --include.", valueName: "GLOB"))
    var exclude: [String] = []

    @Option(name: .customLong("max-size"), help: ArgumentHelp("Skip files larger than this many bytes (suffixes K, M, G, T: powers of 1024).", valueName: "SIZE"))
    var maxSize: String?

    @Flag(name: .customLong("all-files"), help: "Scan every regular file, not only those whose first bytes are a picture's.")
    var allFiles = false

    @Flag(name: .customLong("follow-symlinks"), help: "Follow symbolic links found inside directories (each directory is walked once, so loops end).")
    var followSymlinks = false

    @Flag(name: .customLong("one-file-system"), help: "Do not descend into directories on other file systems than the path they were found under.")
    var oneFileSystem = false

    @Option(help: ArgumentHelp("Scan only shard K of N (0 <= K < N): files are assigned by a hash of their path bytes (README, \"Sweeps at scale\").", valueName: "K/N"))
    var shard: String?

    func validate() throws {
        if let maxSize, Self.parseSize(maxSize) == nil {
            throw ValidationError("--max-size takes a byte count with an optional K, M, G or T suffix, e.g. 50M.")
        }
        if let shard, ShardAssignment(parsing: shard) == nil {
            throw ValidationError("--shard takes K/N with 0 <= K < N, e.g. 0/4.")
        }
        if nullSeparated, filesFrom == nil { throw ValidationError("-0 applies to --files-from.") }
    }

    /// The operands and the `--files-from` list under these rules (`scan` and `report`).
    /// - Throws: `ExitCode(2)` after printing why the list cannot be read.
    func makeInputs(paths: [String]) throws -> InputEnumerator {
        var list: PathListReader?
        if let filesFrom {
            do {
                list = try PathListReader(path: filesFrom, nullSeparated: nullSeparated)
            } catch {
                printError("stegcarve: cannot read --files-from \(filesFrom): \(error)")
                throw ExitCode(2)
            }
        }
        return InputEnumerator(paths: paths, list: list, selection: selection)
    }

    /// The selection these options describe.
    var selection: InputSelection {
        InputSelection(
            includes: include.map(GlobPattern.init), excludes: exclude.map(GlobPattern.init),
            maxSize: maxSize.flatMap(Self.parseSize), sniffsContent: !allFiles, followsSymlinks: followSymlinks,
            staysOnFileSystem: oneFileSystem, shard: shard.flatMap(ShardAssignment.init(parsing:))
        )
    }

    /// `123`, `64K`, `50M`, `2G`, `1T` (powers of 1024), or `nil`.
    static func parseSize(_ text: String) -> Int? {
        var digits = Substring(text)
        var multiplier = 1
        if let last = digits.last, let power = ["K": 1, "M": 2, "G": 3, "T": 4][last.uppercased()] {
            multiplier = 1 << (10 * power)
            digits = digits.dropLast()
        }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let value = Int(digits), value >= 0 else { return nil }
        let (product, overflow) = value.multipliedReportingOverflow(by: multiplier)
        return overflow ? nil : product
    }
}

/// The selection rules an ``InputEnumerator`` applies.
struct InputSelection: Sendable {
    var includes: [GlobPattern] = []
    var excludes: [GlobPattern] = []
    var maxSize: Int?
    var sniffsContent = false
    var followsSymlinks = false
    var staysOnFileSystem = false
    var shard: ShardAssignment?
}
