import StegCarveBytes
import StegCarveCarving
import StegCarveImages
import StegCarveLabeling
import StegCarveStego

/// The pixel-level steganography stage of a scan: decodes the picture (PNG pixels, JPEG
/// quantised coefficients), sweeps the un-keyed bit layouts, hands every stream that passes
/// triage to the normal payload search (region `pixels:<layout>` or `dct:<layout>`, offsets
/// within the extracted stream, `via` the layout) and runs the statistical detectors.
///
/// Runs within the file's limits: `maxPixels` (a picture over it is not decoded, reported as
/// `max-pixels`), the remaining share of `maxSecondsPerFile` (`max-seconds`) and of
/// `maxFindings`.
struct StegoStage {
    let configuration: ScanConfiguration
    let carver: Carver
    let transforms: [any StreamTransform]
    let labeler: ArtifactLabeler
    let extractor: ArtifactExtractor?
    let sourcePath: String?
    /// When the file's scan started (the time budget is per file).
    let started: ContinuousClock.Instant
    /// The scan's work meter (deadline and cancellation), shared with the payload search.
    let meter: WorkMeter

    /// What the stage adds to the report.
    struct Outcome {
        var findings: [Finding] = []
        var section: StegoSection?
        var limitHits: [LimitHit] = []
        var errors: [String] = []
    }

    /// A printable run shorter than this in an extracted stream is not reported as text.
    static let minimumTextLength = StreamTriage.minimumTextRun

    /// Analyses the picture's pixels (`decoded`, when the decode check already decoded the
    /// PNG, is analysed as it is instead of decoding again).
    func run(_ bytes: Span<UInt8>, layout: ImageLayout, findingsSoFar: Int, decoded: DecodedImage? = nil) -> Outcome {
        var outcome = Outcome()
        guard configuration.stego != .off else { return outcome }
        let limits = configuration.limits
        let elapsed = ContinuousClock.now - started
        let budget = max(0, min(limits.maxSecondsPerFile, 1e9))
        let deadline = started.advanced(by: .milliseconds(Int64(budget * 1000)))
        let stegoLimits = StegoLimits(
            maxStreamBytes: max(0, min(64 << 20, limits.maxDecodedBytes)),
            maxFindings: max(1, min(64, limits.maxFindings - findingsSoFar)),
            maxPixels: UInt64(max(0, limits.maxPixels)),
            deadline: deadline)
        let sweep: StegoAnalyzer.Sweep = configuration.stego == .all ? .full : .standard
        let analyzer = StegoAnalyzer(limits: stegoLimits, carver: carver, sweep: sweep, carves: false)

        var analysis: StegoAnalysis
        // The decode check's pixels when it kept them, else a decode of the picture alone.
        func libraryPixels(_ container: PixelContainer) -> StegoAnalysis {
            decoded.map { StegoAnalysis.decoded(analyzer, $0) }
                ?? StegoAnalysis.pixels(analyzer, bytes.extracting(0..<layout.pictureEnd(in: bytes.count)), container: container)
        }
        switch layout.format {
        case .png:
            analysis = libraryPixels(.png)
            if analysis.failure == nil { analysis.addPaletteIndices(analyzer, bytes, layout: layout) }
        case .tiff:
            analysis = libraryPixels(.tiff)
        case .webp:
            analysis = libraryPixels(.webp)
        case .jpeg:
            analysis = StegoAnalysis.coefficients(analyzer, bytes.extracting(0..<layout.pictureEnd(in: bytes.count)))
        case .bmp:
            analysis = StegoAnalysis.bitmap(analyzer, bytes)
            if case .undecodable = analysis.failure { analysis = StegoAnalysis.paletteBitmap(analyzer, bytes) }
        case .gif:
            analysis = StegoAnalysis.gif(analyzer, bytes)
        case .ico, .cur, .unknown:
            return outcome
        }
        switch analysis.failure {
        case .limit(let message):
            outcome.limitHits.append(LimitHit(limit: "max-pixels", value: limits.maxPixels, message: "steganalysis skipped: \(message)"))
            return outcome
        case .undecodable:
            // The decode check reports why; a picture that does not decode has no pixels to analyse.
            return outcome
        case nil:
            break
        }
        if let hit = analysis.limitHit {
            let name = hit.hasPrefix("max-seconds") ? "max-seconds" : "max-findings"
            let value = name == "max-seconds" ? Int(limits.maxSecondsPerFile) : stegoLimits.maxFindings
            outcome.limitHits.append(LimitHit(limit: name, value: value, message: "steganalysis stopped: \(hit)"))
        }
        var search = PayloadSearch(
            carver: carver, transforms: transforms, labeler: labeler,
            limits: remaining(limits, findingsSoFar: findingsSoFar, elapsed: elapsed),
            extractor: extractor, sourcePath: sourcePath, meter: meter)
        for stream in analysis.streams {
            let region = "\(analysis.domain):\(stream.layout)"
            if stream.hit == .wbStego {
                if let finding = wbStegoFinding(stream, region: region, search: &search, errors: &outcome.errors) { outcome.findings.append(finding) }
                continue
            }
            let isText = stream.hit == .text
            let length = isText ? StreamTriage.printableRun(stream.bytes) : stream.bytes.count
            let target = CarveTarget(name: region, range: 0..<length, searchesEncodings: isText)
            var found = search.findings(in: stream.bytes.span, targets: [target], depth: 0, via: stream.layout)
            if found.isEmpty, isText, length >= Self.minimumTextLength {
                found = [textFinding(stream.bytes.span.extracting(0..<length), region: region, via: stream.layout, errors: &outcome.errors)]
            }
            outcome.findings += found
        }
        // A tool header in the pixels is evidence of steganography whatever the statistics say.
        if let stream = analysis.streams.first(where: { $0.hit == .openStego }), let header = OpenStegoHeader(stream.bytes) {
            analysis.fingerprints.append("openstego-header")
            analysis.signal = CombinedSignal(level: .detected, rate: analysis.signal.rate, meaning: "\(header.summary) in \(stream.layout)")
        }
        if let stream = analysis.streams.first(where: { $0.hit == .wbStego }),
           let header = WbStegoHeader(stream.bytes, capacity: stream.bytes.count) {
            analysis.fingerprints.append("wbstego-header")
            analysis.signal = CombinedSignal(level: .detected, rate: analysis.signal.rate, meaning: "\(header.summary) in \(stream.layout)")
        }
        // Camouflage appends its block after the picture's end: its trailer names the host's length.
        if let (finding, trailer) = camouflageFinding(bytes, layout: layout, errors: &outcome.errors) {
            outcome.findings.append(finding)
            analysis.fingerprints.append("camouflage-trailer")
            analysis.signal = CombinedSignal(level: .detected, rate: analysis.signal.rate, meaning: trailer.summary)
        }
        outcome.limitHits += search.limitHits
        outcome.errors += search.errors
        outcome.section = StegoSection(
            mode: configuration.stego.rawValue, domain: analysis.domain, image: analysis.image,
            layoutsTried: analysis.layoutsTried, channels: analysis.channels,
            signal: analysis.signal.level.rawValue, rate: analysis.signal.rate, meaning: analysis.signal.meaning,
            fingerprints: analysis.fingerprints)
        return outcome
    }

    /// The file's limits less what the earlier stages used.
    private func remaining(_ limits: ScanLimits, findingsSoFar: Int, elapsed: Duration) -> ScanLimits {
        var limits = limits
        limits.maxFindings = max(0, limits.maxFindings - findingsSoFar)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        limits.maxSecondsPerFile = max(0, limits.maxSecondsPerFile - seconds)
        return limits
    }

    /// A printable message in the pixels that no handler claims.
    private func textFinding(_ text: Span<UInt8>, region: String, via: String, errors: inout [String]) -> Finding {
        let digests = ArtifactDigests(of: text)
        var finding = Finding(
            type: "text", offset: 0, length: text.count, region: region, confidence: .low, truncated: false,
            md5: digests.md5, sha1: digests.sha1, sha256: digests.sha256, entropy: ByteHistogram(text).entropy,
            labels: [Label(name: "hidden-text", reason: "\(text.count) printable bytes from the start of \(region)")],
            via: via)
        extractor?.write(text, into: &finding, sourcePath: sourcePath, errors: &errors)
        return finding
    }
}

/// The stego module's results for one picture, in the report's vocabulary.
struct StegoAnalysis {
    enum Failure {
        case limit(String)
        case undecodable
    }

    var domain: String
    var image = ""
    var streams: [ExtractedStream] = []
    var layoutsTried = 0
    var channels: [StegoChannel] = []
    var signal = CombinedSignal(level: .noEstimate, rate: nil, meaning: "not analysed")
    var fingerprints: [String] = []
    var limitHit: String?
    var failure: Failure?

    /// Bit-plane sweep over decoded pixels, and detectors when the coding is lossless.
    static func pixels(_ analyzer: StegoAnalyzer, _ bytes: Span<UInt8>, container: PixelContainer) -> StegoAnalysis {
        var analysis = StegoAnalysis(domain: "pixels")
        let report: StegoReport
        do {
            report = try analyzer.analyze(bytes: bytes, container: container)
        } catch {
            analysis.failure = error.kind == .limitExceeded ? .limit(error.description) : .undecodable
            return analysis
        }
        analysis.adopt(report)
        return analysis
    }

    /// Bit-plane sweep (and detectors, when lossless) over a picture decoded already.
    static func decoded(_ analyzer: StegoAnalyzer, _ image: DecodedImage) -> StegoAnalysis {
        var analysis = StegoAnalysis(domain: "pixels")
        guard let grid = SampleGrid(image) else {
            analysis.failure = .undecodable
            return analysis
        }
        analysis.adopt(analyzer.analyze(grid, lossless: !image.description.isLossy))
        return analysis
    }

    /// Bit-plane sweep and detectors over an uncompressed BMP's pixels; other BMPs are not analysed.
    static func bitmap(_ analyzer: StegoAnalyzer, _ bytes: Span<UInt8>) -> StegoAnalysis {
        read { () throws(PixelReadError) in try analyzer.analyze(bmp: bytes) }
    }

    /// The analysis of a picture one of the stage's own readers (BMP, palette BMP, GIF) reads.
    static func read(_ analyze: () throws(PixelReadError) -> StegoReport) -> StegoAnalysis {
        var analysis = StegoAnalysis(domain: "pixels")
        do {
            analysis.adopt(try analyze())
        } catch {
            switch error {
            case .overLimit(let pixels, let limit): analysis.failure = .limit("image is \(pixels) pixels, limit is \(limit) pixels")
            case .unsupported: analysis.failure = .undecodable
            }
        }
        return analysis
    }

    mutating func adopt(_ report: StegoReport) {
        image = report.image
        streams = report.streams
        layoutsTried = report.layoutsTried
        channels = report.channelEstimates.map { channel in
            StegoChannel(channel: PixelLayout.reportName(channel.channel), estimates: channel.estimates.map(Self.estimate))
        }
        signal = report.signal
        limitHit = report.limitHit
    }

    static func estimate(_ estimate: DetectorEstimate) -> StegoEstimate {
        StegoEstimate(detector: estimate.detector.rawValue, rate: estimate.rate, detail: estimate.detail)
    }
}
