import StegCarveBytes
import StegCarveModel

/// A byte range to search, with the name findings in it are reported under.
package struct CarveTarget: Sendable, Equatable {
    /// Region name, e.g. `overlay`, `segment:COM`.
    package var name: String
    /// The bytes that may hold payloads; a payload is never carved past this range.
    package var range: Range<Int>
    /// When set, the payload stream is the concatenation of these file ranges in order (GIF
    /// sub-block contents without their length bytes) and `range` is not searched: the
    /// carver joins the pieces and searches the joined stream.
    package var pieces: [Range<Int>]?
    /// Whether encoded and obfuscated streams (base64, hex, XOR, reversal) are looked for
    /// too; off for compressed picture data, where they only cost time.
    package var searchesEncodings: Bool
    /// The region's role; decides which handlers search it (see ``PayloadScope``).
    /// Unpacked streams and unparsed input are `.raw`.
    package var kind: Region.Kind
    /// The pieces are regions that are also searched one by one (consecutive segments or
    /// chunks of one kind): only payloads that span pieces are new in the joined stream.
    package var joinsSeparateRegions = false

    package init(
        name: String, range: Range<Int>, kind: Region.Kind = .raw, pieces: [Range<Int>]? = nil,
        searchesEncodings: Bool = true
    ) {
        self.name = name
        self.range = range
        self.kind = kind
        self.pieces = pieces
        self.searchesEncodings = searchesEncodings
    }
}

/// One payload the carver found.
package struct CarvedPayload: Sendable, Equatable {
    /// The handler's type name.
    package var type: String
    /// Index of the handler in the carver's handler list.
    package var handlerIndex: Int
    /// Range of the carved bytes: absolute in the input, or within the joined stream when
    /// ``sourceRanges`` is set.
    package var range: Range<Int>
    /// For a payload carved from a joined stream: the file ranges, in order, whose
    /// concatenation is the carved bytes. `nil` when `range` is a file range.
    package var sourceRanges: [Range<Int>]?
    /// Length the payload's headers declare.
    package var declaredLength: Int
    /// How sure the handler is.
    package var confidence: CarveConfidence
    /// Name of the region it was found in.
    package var region: String
    /// A limit that cut the handler's walk short (see ``CarvedExtent/limit``).
    package var limit: LimitHit? = nil

    /// The stream ends before the declared end.
    package var isTruncated: Bool { declaredLength > range.count }
}

/// The result of carving one input.
package struct CarveOutcome: Sendable, Equatable {
    /// Payloads in the order found.
    package var payloads: [CarvedPayload]
    /// Set when the findings limit stopped the search.
    package var findingsLimitHit: Bool
}

/// Searches regions for every registered payload signature in one pass and asks the
/// matching handler for the exact extent.
///
/// Carved payloads do not overlap: the search resumes after the end of each payload, so
/// payloads placed back to back are each carved whole.
package struct Carver: Sendable {
    /// The handlers this carver runs.
    package let handlers: [any PayloadHandler]
    /// Searches every handler's signatures (for undeclared regions).
    private let searcher: MultiPatternSearcher
    /// For each searcher pattern: which handler and which of its signatures.
    private let patternOwners: [(handler: Int, signature: PayloadSignature)]
    /// Searches only the signatures of ``PayloadScope/everywhere`` handlers (for declared
    /// regions), so declared image data pays nothing for image and zlib magic.
    private let declaredSearcher: MultiPatternSearcher
    private let declaredOwners: [(handler: Int, signature: PayloadSignature)]

    package init(handlers: [any PayloadHandler] = PayloadRegistry.handlers) {
        self.handlers = handlers
        var patterns: [[UInt8]] = []
        var owners: [(handler: Int, signature: PayloadSignature)] = []
        var declaredPatterns: [[UInt8]] = []
        var declaredOwners: [(handler: Int, signature: PayloadSignature)] = []
        for (index, handler) in handlers.enumerated() {
            for signature in handler.signatures {
                patterns.append(signature.magic)
                owners.append((index, signature))
                if handler.scope == .everywhere {
                    declaredPatterns.append(signature.magic)
                    declaredOwners.append((index, signature))
                }
            }
        }
        self.searcher = MultiPatternSearcher(patterns: patterns)
        self.patternOwners = owners
        self.declaredSearcher = MultiPatternSearcher(patterns: declaredPatterns)
        self.declaredOwners = declaredOwners
    }

    /// Carves every payload in `targets`, stopping after `maxFindings` or when `meter` stops
    /// (the payloads found until then are returned).
    ///
    /// A target with ``CarveTarget/pieces`` is searched as the joined stream of its pieces;
    /// its payloads report offsets within that stream and the file ranges they came from.
    /// - Complexity: one vectorised pass over the targets plus, per signature hit, one unit
    ///   and the handler's own work. Handlers walk or decode at most to the end of what they
    ///   claim, and a hit inside a claimed payload, or on a path a handler already followed to
    ///   a failure (``CarveContext``), costs no handler work, so chains of hits stay linear.
    ///   Pieced targets are copied once into a buffer of their joined size.
    package func carve(
        _ bytes: Span<UInt8>, targets: [CarveTarget], maxFindings: Int, meter: WorkMeter = .unbounded()
    ) -> CarveOutcome {
        var outcome = CarveOutcome(payloads: [], findingsLimitHit: false)
        for target in targets where !outcome.findingsLimitHit && meter.charge(1) {
            if let pieces = target.pieces {
                let clamped = pieces.map { $0.clamped(to: 0..<bytes.count) }.filter { !$0.isEmpty }
                guard !clamped.isEmpty else { continue }
                let joined = bytes.joined(clamped)
                search(joined.span, target: target, maxFindings: maxFindings, meter: meter, into: &outcome) { range in
                    (range, JoinedPieces.sourceRanges(of: range, in: clamped))
                }
            } else {
                let range = target.range.clamped(to: 0..<bytes.count)
                guard !range.isEmpty else { continue }
                search(bytes.extracting(range), target: target, maxFindings: maxFindings, meter: meter, into: &outcome) { found in
                    ((range.lowerBound + found.lowerBound)..<(range.lowerBound + found.upperBound), nil)
                }
            }
        }
        return outcome
    }

    /// Searches one stream; `locate` turns a range in `window` into the reported range and
    /// source ranges.
    private func search(
        _ window: Span<UInt8>, target: CarveTarget, maxFindings: Int, meter: WorkMeter, into outcome: inout CarveOutcome,
        locate: (Range<Int>) -> (Range<Int>, [Range<Int>]?)
    ) {
        let context = CarveContext(meter: meter, streamLength: window.count)
        let undeclared = PayloadScope.undeclaredOnly.includes(target.kind)
        let owners = undeclared ? patternOwners : declaredOwners
        (undeclared ? searcher : declaredSearcher).forEachMatch(in: window, range: 0..<window.count) { patternIndex, offset in
            guard !outcome.findingsLimitHit, meter.charge(1) else { return window.count }
            let owner = owners[patternIndex]
            let start = offset - owner.signature.offsetInHeader
            guard start >= 0, let extent = handlers[owner.handler].carve(window, at: start, context: context),
                  extent.range.lowerBound == start, extent.range.upperBound <= window.count,
                  !extent.range.isEmpty else { return offset + 1 }
            guard outcome.payloads.count < maxFindings else {
                outcome.findingsLimitHit = true
                return window.count
            }
            let (range, sources) = locate(extent.range)
            outcome.payloads.append(CarvedPayload(
                type: handlers[owner.handler].type,
                handlerIndex: owner.handler,
                range: range,
                sourceRanges: sources,
                declaredLength: extent.declaredLength,
                confidence: extent.confidence,
                region: target.name,
                limit: extent.limit
            ))
            return max(extent.range.upperBound, offset + 1)
        }
    }
}
