import ArgumentParser
import StegCarve

/// What `scan` and `watch` look at in each file: pixel-level work, hash lists, YARA rules,
/// fuzzy hashes. One option group, so both commands accept the same spellings.
struct AnalysisOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Pixel-level analysis (the libjpeg/libpng decode check, IDAT inflation, pixel and DCT search, steganalysis): auto, always or never. auto: in scan, for files named on the command line, not for files found by walking directories or --files-from; in report and watch, for every file. Each record lists the stages that ran.",
        valueName: "WHEN"))
    var pixels: PixelAnalysis = .auto

    @Flag(help: "Same as --pixels never.")
    var noDecode = false

    @Option(help: "Steganography when pixels are analysed: off, default (bits 0-3 of the usual channel sets, detectors, JPEG JSteg stream) or all (bits 0-7, every pixel order). Giving default or all turns pixel-level analysis on for every file, unless --pixels never.")
    var stego: StegoMode?

    @Option(name: .customLong("known-bad"), help: "A list of known-bad hashes (MD5, SHA-1 or SHA-256; one per line, or CSV hash,name). Repeatable.")
    var knownBad: [String] = []

    @Option(name: .customLong("known-good"), help: "A list of known-good hashes, same format. Repeatable.")
    var knownGood: [String] = []

    @Option(name: .customLong("rules"), help: "YARA rules to match against every file and artifact: a rule file, or a directory of *.yar/*.yara files. Repeatable. Needs a build with the YARA trait.")
    var rulePaths: [String] = []

    @Flag(name: .customLong("no-bundled-rules"), help: "Do not match StegCarve's bundled YARA rules.")
    var noBundledRules = false

    @Option(name: .customLong("fuzzy"), help: "Which whole files get ssdeep and TLSH: all, flagged (suspicious or malicious), none. Artifacts always do.")
    var fuzzy: FuzzyHashScope = .flagged

    func validate() throws {
        if noDecode, pixels == .always { throw ValidationError("--no-decode contradicts --pixels always.") }
    }

    /// Whether pixels are analysed in this run.
    ///
    /// - Parameter sweeping: the run walks directories or reads a list: `auto` then skips pixel
    ///   work, which costs 30 times the structural scan on photographs (README "Performance").
    func analysesPixels(sweeping: Bool) -> Bool {
        if noDecode { return false }
        switch pixels {
        case .always: return true
        case .never: return false
        case .auto: return !sweeping || (stego.map { $0 != .off } ?? false)
        }
    }

    /// The scanner configuration these options ask for; hash lists and rules are read here.
    /// - Throws: `ExitCode(2)` after printing why a list or rule file cannot be used.
    func configuration(sweeping: Bool) throws -> ScanConfiguration {
        let knownHashes = try KnownHashLists.load(bad: knownBad, good: knownGood)
        var rules = noBundledRules ? nil : YARARules.bundled
        if !rulePaths.isEmpty {
            do {
                rules = try YARARules(paths: rulePaths, includingBundled: !noBundledRules)
            } catch {
                printError("stegcarve: \(error)")
                throw ExitCode(2)
            }
        }
        let pixels = analysesPixels(sweeping: sweeping)
        return ScanConfiguration(
            verifiesDecoding: pixels, knownHashes: knownHashes, fuzzyHashes: fuzzy, rules: rules,
            stego: pixels ? (stego ?? .standard) : .off
        )
    }
}

/// When `--pixels` analyses a file's pixels.
enum PixelAnalysis: String, ExpressibleByArgument, CaseIterable {
    case auto
    case always
    case never
}

extension StegoMode: ExpressibleByArgument {}

extension FuzzyHashScope: ExpressibleByArgument {}
