import StegCarveBytes
import StegCarveModel

/// A byte range to search, with the name findings in it are reported under.
package struct CarveTarget: Sendable, Equatable {
    /// Region name, e.g. `overlay`, `segment:COM`.
    package var name: String
    /// The bytes that may hold payloads; a payload is never carved past this range.
    package var range: Range<Int>
    /// The region's role; decides which handlers search it (see ``PayloadScope``).
    /// Unpacked streams and unparsed input are `.raw`.
    package var kind: Region.Kind

    package init(name: String, range: Range<Int>, kind: Region.Kind = .raw) {
        self.name = name
        self.range = range
        self.kind = kind
    }
}

/// One payload the carver found.
package struct CarvedPayload: Sendable, Equatable {
    /// The handler's type name.
    package var type: String
    /// Index of the handler in the carver's handler list.
    package var handlerIndex: Int
    /// Absolute range of the carved bytes in the input.
    package var range: Range<Int>
    /// Length the payload's headers declare.
    package var declaredLength: Int
    /// How sure the handler is.
    package var confidence: CarveConfidence
    /// Name of the region it was found in.
    package var region: String

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

    /// Carves every payload in `targets`, stopping after `maxFindings`.
    /// - Complexity: one vectorised pass over the targets plus the handlers' header checks.
    package func carve(_ bytes: Span<UInt8>, targets: [CarveTarget], maxFindings: Int) -> CarveOutcome {
        var outcome = CarveOutcome(payloads: [], findingsLimitHit: false)
        for target in targets {
            let range = target.range.clamped(to: 0..<bytes.count)
            guard !range.isEmpty else { continue }
            let window = bytes.extracting(range)
            let undeclared = PayloadScope.undeclaredOnly.includes(target.kind)
            let owners = undeclared ? patternOwners : declaredOwners
            (undeclared ? searcher : declaredSearcher).forEachMatch(in: window, range: 0..<window.count) { patternIndex, offset in
                guard !outcome.findingsLimitHit else { return window.count }
                let owner = owners[patternIndex]
                let start = offset - owner.signature.offsetInHeader
                guard start >= 0, let extent = handlers[owner.handler].carve(window, at: start),
                      extent.range.lowerBound == start, extent.range.upperBound <= window.count,
                      !extent.range.isEmpty else { return offset + 1 }
                guard outcome.payloads.count < maxFindings else {
                    outcome.findingsLimitHit = true
                    return window.count
                }
                outcome.payloads.append(CarvedPayload(
                    type: handlers[owner.handler].type,
                    handlerIndex: owner.handler,
                    range: (range.lowerBound + extent.range.lowerBound)..<(range.lowerBound + extent.range.upperBound),
                    declaredLength: extent.declaredLength,
                    confidence: extent.confidence,
                    region: target.name
                ))
                return max(extent.range.upperBound, offset + 1)
            }
        }
        return outcome
    }
}
