import StegCarveBytes
import StegCarveCarving
import StegCarveImages
import StegCarveLabeling

/// One scan of one input: structure → decode check → carving → labeling → report.
struct ScanPipeline: ~Escapable {
    let bytes: Span<UInt8>
    let configuration: ScanConfiguration
    let carver: Carver
    let transforms: [any StreamTransform]
    let labeler: ArtifactLabeler
    private var limitHits: [LimitHit] = []
    private var errors: [String] = []

    @_lifetime(copy bytes)
    init(bytes: Span<UInt8>, configuration: ScanConfiguration, carver: Carver, transforms: [any StreamTransform], labeler: ArtifactLabeler) {
        self.bytes = bytes
        self.configuration = configuration
        self.carver = carver
        self.transforms = transforms
        self.labeler = labeler
    }

    /// Scans the input; `path` is reported as given and names extracted artifacts' source.
    /// The search for payloads stops at the file's deadline or when `cancellation` is set.
    mutating func run(path: String?, extractor: ArtifactExtractor?, cancellation: ScanCancellation?) -> ScanReport {
        let started = ContinuousClock.now
        let limits = configuration.limits
        let meter = WorkMeter(
            deadline: started.advanced(by: .milliseconds(Int64(max(0, min(limits.maxSecondsPerFile, 1e9)) * 1000))),
            isCancelled: { cancellation?.isCancelled ?? false || Task.isCancelled }
        )
        let layout = ContainerRegistry.layout(
            of: bytes,
            limits: StructureLimits(maxRegions: limits.maxRegions, maxPictures: limits.maxPictures, maxInflatedBytes: limits.maxDecodedBytes,
                                   inflatesImageData: configuration.verifiesDecoding)
        )
        limitHits += layout.limitHits

        let (decode, decodedImage) = configuration.verifiesDecoding ? decodePicture(of: layout) : (nil, nil)

        // Every region is carved. Encodings are looked for only where free-form bytes live
        // (metadata, gaps, the overlay, unparsed input): compressed picture data and coding
        // tables are most of the file, hold no text, and an XOR or base64 hit there is noise.
        let encodable: Set<Region.Kind> = [.metadata, .gap, .overlay, .raw]
        var targets = layout.regions.map { region in
            CarveTarget(
                name: region.name, range: region.payload, kind: region.kind, pieces: region.payloadPieces,
                searchesEncodings: encodable.contains(region.kind)
            )
        }
        targets += Self.joinedRuns(of: layout.regions)
        targets += layout.joinedStreams.map { CarveTarget(name: $0.name, range: $0.payload, kind: $0.kind, pieces: $0.payloadPieces) }
        var search = PayloadSearch(
            carver: carver, transforms: transforms, labeler: labeler, limits: limits, extractor: extractor, sourcePath: path,
            meter: meter
        )
        let fileFindings = search.findings(in: bytes, targets: targets, depth: 0, via: nil)
        var derivedFindings: [Finding] = []
        // Payloads written into the picture's own decoded data (PNG scanlines); their offsets
        // count within that stream, which `via` names.
        var derived = layout.derivedStreams
        if let decodedImage { derived.append(DerivedStream(name: "pixels", via: "decode:\(layout.format.rawValue)", bytes: decodedImage.pixels)) }
        // Unfiltered scanlines (filter type 0) hold the same bytes as the decoded pixels; a
        // payload is reported from the first stream it shows in.
        var seen: Set<String> = []
        for stream in derived {
            let target = CarveTarget(name: stream.name, range: 0..<stream.bytes.count, kind: .imageData, searchesEncodings: false)
            for finding in search.findings(in: stream.bytes.span, targets: [target], depth: 1, via: stream.via)
            where seen.insert(finding.type + ":" + finding.sha256).inserted {
                derivedFindings.append(finding)
            }
        }
        limitHits += search.limitHits
        errors += search.errors
        // Payloads in the pixels count offsets within their extracted stream, not the file.
        // Steganalysis decodes pixels, so it runs only with decoding on; it reuses the
        // decoded PNG, and a payload the pixel search already reported is not repeated.
        var stego = configuration.verifiesDecoding ? StegoStage(
            configuration: configuration, carver: carver, transforms: transforms, labeler: labeler, extractor: extractor,
            sourcePath: path, started: started, meter: meter
        ).run(bytes, layout: layout, findingsSoFar: search.findingCount, decoded: decodedImage) : StegoStage.Outcome()
        stego.findings.removeAll { seen.contains($0.type + ":" + $0.sha256) }
        var findings = fileFindings + derivedFindings + stego.findings
        limitHits += stego.limitHits
        errors += stego.errors
        let known = configuration.knownHashes
        if known.count > 0 { Self.labelKnown(&findings, known) }
        let fileDigests = known.listsWeakHashes || configuration.computesWeakFileDigests ? ArtifactDigests(of: bytes) : nil
        let sha256 = fileDigests?.sha256 ?? ArtifactDigests.sha256(of: bytes)

        var report = ScanReport(
            path: path,
            size: bytes.count,
            sha256: sha256,
            format: layout.format.rawValue,
            header: layout.header,
            decode: decode,
            imageEnd: layout.imageEnd,
            pictures: layout.pictureCount,
            overlay: overlay(of: layout, findings: fileFindings),
            regions: layout.regions.map { region in
                Region(kind: region.kind, name: region.name, offset: region.range.lowerBound, length: region.range.count, scanned: true)
            },
            anomalies: layout.anomalies,
            findings: findings,
            limits: limitHits,
            errors: errors
        )
        report.stego = stego.section
        report.stages = Self.stages(decoded: decode != nil, stego: stego.section != nil, rules: !(configuration.rules?.contentRules.isEmpty ?? true))
        (report.md5, report.sha1) = (fileDigests?.md5, fileDigests?.sha1)
        if let entry = known.match(md5: fileDigests?.md5, sha1: fileDigests?.sha1, sha256: sha256) {
            report.labels.append(Label(name: entry.kind.rawValue, reason: "listed as \(entry.kind.rawValue) (\(entry.name))"))
        }
        report.labels += labeler.ruleLabels(bytes)
        report.assessVerdict()
        // The digests do not weigh in the verdict; the verdict decides who gets them.
        if configuration.fuzzyHashes.includes(report.verdict) {
            let fuzzy = FuzzyDigests(of: bytes)
            (report.ssdeep, report.tlsh) = (fuzzy.ssdeep, fuzzy.tlsh)
        }
        return report
    }

    /// The stages that ran, in pipeline order (``ScanReport/stages``).
    static func stages(decoded: Bool, stego: Bool, rules: Bool) -> [ScanStage] {
        var stages: [ScanStage] = [.structure]
        if decoded { stages.append(.decode) }
        stages.append(.carve)
        if stego { stages.append(.stego) }
        if rules { stages.append(.yara) }
        return stages
    }

    /// Consecutive metadata regions of one name (APPn or COM segments, ancillary chunks of
    /// one type), joined, so a payload split over them is carved whole.
    static func joinedRuns(of regions: [ImageRegion]) -> [CarveTarget] {
        var targets: [CarveTarget] = []
        var index = 0
        while index < regions.count {
            var end = index + 1
            while end < regions.count, regions[end].name == regions[index].name, regions[end].kind == .metadata,
                  regions[end].payloadPieces == nil {
                end += 1
            }
            if end - index >= 2, regions[index].kind == .metadata, regions[index].payloadPieces == nil {
                var target = CarveTarget(
                    name: "joined:" + regions[index].name, range: regions[index].range.lowerBound..<regions[end - 1].range.upperBound,
                    kind: .metadata, pieces: regions[index..<end].map(\.payload), searchesEncodings: true
                )
                target.joinsSeparateRegions = true
                targets.append(target)
            }
            index = end
        }
        return targets
    }

    /// Labels every finding, nested ones too, whose hash a known-hash list names.
    private static func labelKnown(_ findings: inout [Finding], _ known: KnownHashes) {
        for index in findings.indices {
            if let entry = known.match(md5: findings[index].md5, sha1: findings[index].sha1, sha256: findings[index].sha256) {
                findings[index].labels.append(Label(name: entry.kind.rawValue, reason: "listed as \(entry.kind.rawValue) (\(entry.name))"))
            }
            labelKnown(&findings[index].children, known)
        }
    }

    /// Decodes the (first) picture through libjpeg, libpng, libtiff or libwebp. A lossless
    /// picture's decoded samples are kept (within the decoded-bytes budget) so payloads
    /// written into pixel values are searched; a lossy one is only verified. A picture the
    /// shim does not decode (a TIFF codec outside its set, an animated WebP) has no status.
    private mutating func decodePicture(of layout: ImageLayout) -> (status: DecodeStatus?, image: DecodedImage?) {
        guard let container = PixelContainer(layout.format) else { return (nil, nil) }
        // Decode only the picture, not the overlay, so appended data cannot mask the result.
        let picture = bytes.extracting(0..<layout.pictureEnd(in: bytes.count))
        let decoder = PixelDecoder(limits: PixelLimits(maxPixels: UInt64(max(0, configuration.limits.maxPixels))))
        if let header = try? decoder.describe(picture, as: container), !header.isLossy {
            let size = header.rowBytes.multipliedReportingOverflow(by: header.height)
            if !size.overflow, size.partialValue <= configuration.limits.maxDecodedBytes / 2,
               let decoded = try? decoder.decode(picture, as: container) {
                let description = decoded.description
                let status = DecodeStatus(
                    decodes: true, width: description.width, height: description.height,
                    colorModel: description.colorModel.rawValue, bitsPerSample: description.sourceBitsPerSample,
                    progressive: description.isProgressiveOrInterlaced, message: decoded.firstWarning,
                    warnings: decoded.warningCount
                )
                return (status, decoded)
            }
            if !size.overflow, size.partialValue > configuration.limits.maxDecodedBytes / 2 {
                limitHits.append(LimitHit(limit: "max-decoded-bytes", value: configuration.limits.maxDecodedBytes, message: "decoded pixels (\(size.partialValue) bytes) were verified but not searched"))
            }
        }
        // A failed decode is verified again for the library's own account of what failed.
        let check = decoder.verify(picture, as: container)
        if check.failure?.kind == .unsupported { return (nil, nil) }
        if check.failure?.kind == .limitExceeded {
            limitHits.append(LimitHit(limit: "max-pixels", value: configuration.limits.maxPixels, message: check.message ?? "picture not decoded: too many pixels"))
        }
        let description = check.description
        let status = DecodeStatus(
            decodes: check.decodes,
            width: description?.width,
            height: description?.height,
            colorModel: description?.colorModel.rawValue,
            bitsPerSample: description?.sourceBitsPerSample,
            progressive: description?.isProgressiveOrInterlaced,
            message: check.message,
            warnings: check.warningCount
        )
        return (status, nil)
    }

    private func overlay(of layout: ImageLayout, findings: [Finding]) -> Overlay? {
        guard let range = layout.overlayRange else { return nil }
        let head = bytes.bytes(in: range.lowerBound..<min(range.upperBound, range.lowerBound + 16))
        // Explained when declared content, trailing padding and carved payloads tile the
        // overlay from its first to its last byte.
        let pieces = layout.regions.filter { $0.kind == .declared || $0.kind == .padding }.map(\.range)
            + findings.filter { $0.fileRanges == nil }.map { $0.offset..<($0.offset + $0.length) }
        var covered = range.lowerBound
        for piece in pieces.sorted(by: { $0.lowerBound < $1.lowerBound })
        where piece.lowerBound <= covered && piece.upperBound > covered && piece.upperBound <= range.upperBound {
            covered = piece.upperBound
        }
        return Overlay(
            offset: range.lowerBound,
            length: range.count,
            entropy: ByteHistogram(bytes.extracting(range)).entropy,
            firstBytes: ArtifactDigests.hex(head),
            explained: covered == range.upperBound
        )
    }
}
