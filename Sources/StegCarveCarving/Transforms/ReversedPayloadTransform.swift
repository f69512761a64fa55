import StegCarveBytes
import StegCarveModel

/// Finds payloads stored byte-reversed: a registered handler's magic appears backwards at
/// the payload's end, and the bytes before it, read backwards, carve as that payload.
package struct ReversedPayloadTransform: StreamTransform {
    /// Longest reversed payload considered.
    package static let maximumLength = 64 << 20

    private let handlers: [any PayloadHandler]
    private let searcher: MultiPatternSearcher
    private let owners: [Int]

    package init(handlers: [any PayloadHandler] = PayloadRegistry.handlers) {
        self.handlers = handlers
        var patterns: [[UInt8]] = []
        var owners: [Int] = []
        for (index, handler) in handlers.enumerated() {
            // Only magics at the very start of a payload end a reversed payload exactly.
            for signature in handler.signatures where signature.offsetInHeader == 0 && signature.magic.count >= 4 {
                patterns.append(signature.magic.reversed())
                owners.append(index)
            }
        }
        self.searcher = MultiPatternSearcher(patterns: patterns)
        self.owners = owners
    }

    package var type: String { "reversed" }

    package var documentation: String { "payloads written byte-reversed (a registered magic read backwards)" }

    package func candidates(in bytes: Span<UInt8>, range: Range<Int>, depth: Int, budget: inout Int) -> [TransformCandidate] {
        candidates(in: bytes, range: range, depth: depth, budget: &budget, meter: .unbounded())
    }

    /// - Complexity: one pass over the range plus, per reversed magic, a copy of the bytes
    ///   before it (at most ``maximumLength``) and the handler's check; every copy is charged
    ///   to `meter`, so many hits in a long range stop at the scan's deadline.
    package func candidates(in bytes: Span<UInt8>, range: Range<Int>, depth: Int, budget: inout Int, meter: WorkMeter) -> [TransformCandidate] {
        var result: [TransformCandidate] = []
        var remaining = budget
        searcher.forEachMatch(in: bytes, range: range) { patternIndex, offset in
            let end = offset + searcher.patterns[patternIndex].count
            let start = max(range.lowerBound, end - min(Self.maximumLength, remaining))
            guard end <= range.upperBound, start < end else { return offset + 1 }
            guard meter.charge(end - start) else { return range.upperBound }
            // One copy, read backwards from the input.
            var window: [UInt8] = []
            window.reserveCapacity(end - start)
            for index in stride(from: end - 1, through: start, by: -1) { window.append(bytes[index]) }
            let handler = handlers[owners[patternIndex]]
            let carved = handler.carve(window.span, at: 0)
            guard let extent = carved, extent.range.lowerBound == 0, !extent.isTruncated else { return offset + 1 }
            let length = extent.range.count
            remaining -= length
            result.append(TransformCandidate(
                range: (end - length)..<end, via: "reversed", decoded: Array(window.prefix(length))
            ))
            return end
        }
        budget = max(0, remaining)
        return result
    }
}
