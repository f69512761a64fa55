import StegCarveBytes
import StegCarveCarving
import StegCarveLabeling

/// Finds, labels and unpacks payloads in one stream and, recursively, in every stream they
/// unpack or decode into, within one file's shared budget of findings, depth and bytes.
struct PayloadSearch {
    let carver: Carver
    let transforms: [any StreamTransform]
    let labeler: ArtifactLabeler
    let limits: ScanLimits
    let extractor: ArtifactExtractor?
    let sourcePath: String?
    /// Payloads reported so far, nested ones included.
    private(set) var findingCount = 0
    /// Decoded and decompressed bytes still allowed for this file.
    private(set) var decodedBudget: Int
    /// Limits hit anywhere in the search, for the report's top level.
    private(set) var limitHits: [LimitHit] = []
    /// Failures that did not stop the scan (extraction, corrupt streams).
    private(set) var errors: [String] = []
    /// The scan's work meter: every loop below charges it, and all stop when the per-file
    /// time budget runs out or the scan is cancelled.
    let meter: WorkMeter

    init(carver: Carver, transforms: [any StreamTransform], labeler: ArtifactLabeler, limits: ScanLimits,
         extractor: ArtifactExtractor?, sourcePath: String?, meter: WorkMeter) {
        self.carver = carver
        self.transforms = transforms
        self.labeler = labeler
        self.limits = limits
        self.extractor = extractor
        self.sourcePath = sourcePath
        self.decodedBudget = limits.maxDecodedBytes
        self.meter = meter
    }

    /// Charges `work` units and tells whether the time budget is spent or the scan was
    /// cancelled (see ``ScanCancellation``); records the limit the first time.
    private mutating func outOfTime(charging work: Int = 1) -> Bool {
        guard !meter.charge(work) else { return false }
        switch meter.stop {
        case .cancelled:
            noteLimit("cancelled", 0, "the scan was cancelled; the search for payloads stopped")
        case .deadline, nil:
            noteLimit("max-seconds", Int(limits.maxSecondsPerFile), "the search for payloads stopped after \(limits.maxSecondsPerFile) s")
        }
        return true
    }

    /// Every payload in `targets` of `bytes`, in stream order, with nested findings as
    /// children; `via` names how this stream was reached (nil for the file itself).
    mutating func findings(in bytes: Span<UInt8>, targets: [CarveTarget], depth: Int, via: String?) -> [Finding] {
        // A region the container splits into pieces (GIF sub-blocks) is searched as its
        // joined stream; its findings count offsets there and list the file ranges they use.
        var joinedFindings: [Finding] = []
        for target in targets {
            guard let pieces = target.pieces?.map({ $0.clamped(to: 0..<bytes.count) }).filter({ !$0.isEmpty }), !pieces.isEmpty else { continue }
            let joined = bytes.joined(pieces)
            let whole = CarveTarget(name: target.name, range: 0..<joined.count, kind: target.kind, searchesEncodings: target.searchesEncodings)
            for var finding in findings(in: joined.span, targets: [whole], depth: depth, via: via) {
                finding.fileRanges = JoinedPieces.sourceRanges(of: finding.offset..<(finding.offset + finding.length), in: pieces)
                    .map { FileRange(offset: $0.lowerBound, length: $0.count) }
                // Inside one piece of separately searched regions, it was found already.
                if target.joinsSeparateRegions, (finding.fileRanges?.count ?? 0) <= 1 { continue }
                joinedFindings.append(finding)
            }
        }
        let targets = targets.filter { $0.pieces == nil }
        let outcome = carver.carve(bytes, targets: targets, maxFindings: max(0, limits.maxFindings - findingCount), meter: meter)
        if outcome.findingsLimitHit { noteLimit("max-findings", limits.maxFindings, "carving stopped after \(limits.maxFindings) payloads") }
        _ = outOfTime(charging: 0)  // records the limit when the meter stopped the carver
        var findings: [Finding] = []
        for payload in outcome.payloads {
            // Labelling hashes the payload: its bytes are the work.
            if outOfTime(charging: payload.range.count) { break }
            findingCount += 1
            var finding = describe(payload, in: bytes, via: via)
            if let limit = payload.limit {
                finding.limits.append(limit)
                noteLimit(limit.limit, limit.value, limit.message)
            }
            if let expanding = carver.handlers[payload.handlerIndex] as? any ExpandingPayloadHandler {
                unpack(&finding, payload: bytes.extracting(payload.range), with: expanding, depth: depth)
            }
            findings.append(finding)
        }
        findings += decodedFindings(in: bytes, targets: targets, claimed: outcome.payloads.map(\.range), depth: depth, via: via)
        // A payload split over pieces was also seen, cut short, in its first piece; the
        // joined finding replaces that truncated one.
        let spanningStarts = Set(joinedFindings.compactMap { $0.fileRanges?.first?.offset })
        findings.removeAll { $0.truncated && spanningStarts.contains($0.offset) }
        return (findings + joinedFindings).sorted { $0.offset < $1.offset }
    }

    /// Labels one carved payload and writes it out when extracting.
    private mutating func describe(_ payload: CarvedPayload, in bytes: Span<UInt8>, via: String?) -> Finding {
        let carved = bytes.extracting(payload.range)
        let profile = labeler.profile(carved, type: payload.type, truncated: payload.isTruncated)
        var finding = Finding(
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
            indicators: profile.indicators,
            via: via
        )
        (finding.ssdeep, finding.tlsh) = (profile.fuzzy.ssdeep, profile.fuzzy.tlsh)
        extract(&finding, carved)
        return finding
    }

    /// Scans every stream an archive or compressed payload unpacks into.
    private mutating func unpack(_ finding: inout Finding, payload: Span<UInt8>, with handler: any ExpandingPayloadHandler, depth: Int) {
        guard depth < limits.maxDepth else {
            finding.limits.append(LimitHit(limit: "max-depth", value: limits.maxDepth, message: "not unpacked: nested \(depth) deep"))
            noteLimit("max-depth", limits.maxDepth, "payloads nested deeper than \(limits.maxDepth) were not unpacked")
            return
        }
        guard decodedBudget > 0 else {
            finding.limits.append(LimitHit(limit: "max-decoded-bytes", value: limits.maxDecodedBytes, message: "not unpacked: the file's decoding budget is spent"))
            noteLimit("max-decoded-bytes", limits.maxDecodedBytes, "the file's decoding budget was spent")
            return
        }
        let expansion = handler.expand(payload, limits: ExpansionLimits(
            maxOutputBytes: decodedBudget, maxRatio: limits.maxExpansionRatio, maxStreams: max(1, limits.maxFindings)
        ))
        finding.limits += expansion.limitHits
        for hit in expansion.limitHits { noteLimit(hit.limit, hit.value, hit.message) }
        finding.problems += expansion.errors
        for stream in expansion.streams {
            decodedBudget -= stream.bytes.count
            let target = CarveTarget(name: stream.via, range: 0..<stream.bytes.count)
            finding.children += findings(in: stream.bytes.span, targets: [target], depth: depth + 1, via: stream.via)
        }
    }

    /// Payloads inside encoded or obfuscated streams (base64, hex, XOR, reversal) in the
    /// parts of `targets` no carved payload claimed; a candidate is reported only when its
    /// decoded bytes hold a payload.
    private mutating func decodedFindings(
        in bytes: Span<UInt8>, targets: [CarveTarget], claimed: [Range<Int>], depth: Int, via: String?
    ) -> [Finding] {
        var claimed = claimed
        var wrappers: [Finding] = []
        for target in targets where target.searchesEncodings {
            for transform in transforms {
                for free in Self.unclaimed(target.range, claimed) {
                    guard decodedBudget > 0, findingCount < limits.maxFindings, !outOfTime(charging: 1) else { break }
                    let candidates = transform.candidates(in: bytes, range: free, depth: depth, budget: &decodedBudget, meter: meter)
                    if decodedBudget <= 0 {
                        noteLimit("max-decoded-bytes", limits.maxDecodedBytes, "decoding stopped: \(limits.maxDecodedBytes) decoded bytes per file")
                    }
                    for candidate in candidates where !claimed.contains(where: { $0.overlaps(candidate.range) }) {
                        guard !outOfTime(charging: candidate.decoded.count) else { break }
                        guard depth < limits.maxDepth else {
                            noteLimit("max-depth", limits.maxDepth, "encoded streams nested deeper than \(limits.maxDepth) were not decoded")
                            break
                        }
                        let whole = CarveTarget(name: candidate.via, range: 0..<candidate.decoded.count)
                        let children = self.findings(in: candidate.decoded.span, targets: [whole], depth: depth + 1, via: candidate.via)
                        guard !children.isEmpty else { continue }
                        findingCount += 1
                        claimed.append(candidate.range)
                        wrappers.append(wrapper(for: candidate, transform: transform, region: target.name, children: children, in: bytes, via: via))
                    }
                }
            }
        }
        return wrappers
    }

    /// The finding for encoded bytes that decode into payloads.
    private mutating func wrapper(
        for candidate: TransformCandidate, transform: any StreamTransform, region: String, children: [Finding],
        in bytes: Span<UInt8>, via: String?
    ) -> Finding {
        let encoded = bytes.extracting(candidate.range)
        let digests = ArtifactDigests(of: encoded)
        let inner = children.map(\.type).joined(separator: ", ")
        var finding = Finding(
            type: transform.type,
            offset: candidate.range.lowerBound,
            length: candidate.range.count,
            region: region,
            confidence: .high,
            truncated: false,
            md5: digests.md5,
            sha1: digests.sha1,
            sha256: digests.sha256,
            entropy: ByteHistogram(encoded).entropy,
            labels: [Label(name: "encoded", reason: "\(candidate.via) decodes to \(inner)")],
            metadata: candidate.metadata,
            via: via,
            children: children
        )
        let fuzzy = FuzzyDigests(of: encoded)
        (finding.ssdeep, finding.tlsh) = (fuzzy.ssdeep, fuzzy.tlsh)
        finding.labels += labeler.ruleLabels(encoded)
        extract(&finding, encoded)
        return finding
    }

    private mutating func extract(_ finding: inout Finding, _ bytes: Span<UInt8>) {
        extractor?.write(bytes, into: &finding, sourcePath: sourcePath, errors: &errors)
    }

    private mutating func noteLimit(_ limit: String, _ value: Int, _ message: String) {
        guard !limitHits.contains(where: { $0.limit == limit }) else { return }
        limitHits.append(LimitHit(limit: limit, value: value, message: message))
    }

    /// The parts of `range` outside every claimed range.
    static func unclaimed(_ range: Range<Int>, _ claimed: [Range<Int>]) -> [Range<Int>] {
        var pieces: [Range<Int>] = []
        var cursor = range.lowerBound
        for taken in claimed.sorted(by: { $0.lowerBound < $1.lowerBound }) where taken.overlaps(range) {
            if taken.lowerBound > cursor { pieces.append(cursor..<taken.lowerBound) }
            cursor = max(cursor, taken.upperBound)
        }
        if cursor < range.upperBound { pieces.append(cursor..<range.upperBound) }
        return pieces
    }
}
