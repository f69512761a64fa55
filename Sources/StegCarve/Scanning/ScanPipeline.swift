import StegCarveBytes
import StegCarveCarving
import StegCarveImages
import StegCarveLabeling

/// One scan of one input: structure → decode check → carving → labeling → report.
struct ScanPipeline: ~Escapable {
    let bytes: Span<UInt8>
    let configuration: ScanConfiguration
    let carver: Carver
    let labeler: ArtifactLabeler
    private var limitHits: [LimitHit] = []
    private var errors: [String] = []

    @_lifetime(copy bytes)
    init(bytes: Span<UInt8>, configuration: ScanConfiguration, carver: Carver, labeler: ArtifactLabeler) {
        self.bytes = bytes
        self.configuration = configuration
        self.carver = carver
        self.labeler = labeler
    }

    mutating func run(path: String?, extractor: ArtifactExtractor?) -> ScanReport {
        let limits = configuration.limits
        let layout = ContainerRegistry.layout(
            of: bytes,
            limits: StructureLimits(maxRegions: limits.maxRegions, maxPictures: limits.maxPictures)
        )
        limitHits += layout.limitHits

        let decode = configuration.verifiesDecoding ? decodeStatus(of: layout) : nil

        let targets = layout.regions.map { CarveTarget(name: $0.name, range: $0.payload, kind: $0.kind) }
        let outcome = carver.carve(bytes, targets: targets, maxFindings: limits.maxFindings)
        if outcome.findingsLimitHit {
            limitHits.append(LimitHit(limit: "max-findings", value: limits.maxFindings, message: "carving stopped after \(limits.maxFindings) payloads"))
        }
        var findings: [Finding] = []
        for payload in outcome.payloads { findings.append(finding(for: payload)) }
        if let extractor {
            for index in findings.indices {
                extract(&findings[index], payload: outcome.payloads[index], with: extractor, sourcePath: path)
            }
        }

        return ScanReport(
            path: path,
            size: bytes.count,
            sha256: ArtifactDigests.sha256(of: bytes),
            format: layout.format.rawValue,
            header: layout.header,
            decode: decode,
            imageEnd: layout.imageEnd,
            pictures: layout.pictureCount,
            overlay: overlay(of: layout, findings: outcome.payloads),
            regions: layout.regions.map { region in
                Region(kind: region.kind, name: region.name, offset: region.range.lowerBound, length: region.range.count, scanned: true)
            },
            anomalies: layout.anomalies,
            findings: findings,
            limits: limitHits,
            errors: errors
        )
    }

    /// Decodes the (first) picture through libjpeg/libpng.
    private mutating func decodeStatus(of layout: ImageLayout) -> DecodeStatus? {
        let container: PixelContainer
        switch layout.format {
        case .jpeg: container = .jpeg
        case .png: container = .png
        case .unknown: return nil
        }
        // Decode only the picture, not the overlay, so appended data cannot mask the result.
        let pictureEnd = layout.regions.first { $0.name == "EOI" || $0.name == "chunk:IEND" }?.range.upperBound ?? bytes.count
        let decoder = PixelDecoder(limits: PixelLimits(maxPixels: UInt64(max(0, configuration.limits.maxPixels))))
        let check = decoder.verify(bytes.extracting(0..<pictureEnd), as: container)
        if check.failure?.kind == .limitExceeded {
            limitHits.append(LimitHit(limit: "max-pixels", value: configuration.limits.maxPixels, message: check.message ?? "picture not decoded: too many pixels"))
        }
        let description = check.description
        return DecodeStatus(
            decodes: check.decodes,
            width: description?.width,
            height: description?.height,
            colorModel: description?.colorModel.rawValue,
            bitsPerSample: description?.sourceBitsPerSample,
            progressive: description?.isProgressiveOrInterlaced,
            message: check.message,
            warnings: check.warningCount
        )
    }

    private func finding(for payload: CarvedPayload) -> Finding {
        let carved = bytes.extracting(payload.range)
        let profile = labeler.profile(carved, type: payload.type, truncated: payload.isTruncated)
        return Finding(
            type: payload.type,
            offset: payload.range.lowerBound,
            length: payload.range.count,
            region: payload.region,
            confidence: Finding.Confidence(rawValue: payload.confidence.rawValue) ?? .low,
            truncated: payload.isTruncated,
            declaredLength: payload.isTruncated ? payload.declaredLength : nil,
            md5: profile.digests.md5,
            sha1: profile.digests.sha1,
            sha256: profile.digests.sha256,
            entropy: profile.entropy,
            labels: profile.labels,
            metadata: profile.metadata,
            indicators: profile.indicators
        )
    }

    private mutating func extract(_ finding: inout Finding, payload: CarvedPayload, with extractor: ArtifactExtractor, sourcePath: String?) {
        do {
            finding.extractedPath = try extractor.write(bytes.extracting(payload.range), finding: finding, sourcePath: sourcePath)
        } catch {
            errors.append("extract \(finding.sha256).\(finding.type): \(error)")
        }
    }

    private func overlay(of layout: ImageLayout, findings: [CarvedPayload]) -> Overlay? {
        guard let region = layout.overlay, !region.range.isEmpty else { return nil }
        let range = region.range
        let head = bytes.bytes(in: range.lowerBound..<min(range.upperBound, range.lowerBound + 16))
        // Explained when carved payloads tile the overlay from its first to its last byte.
        var covered = range.lowerBound
        for payload in findings.sorted(by: { $0.range.lowerBound < $1.range.lowerBound })
        where payload.range.lowerBound == covered && payload.range.upperBound <= range.upperBound {
            covered = payload.range.upperBound
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
