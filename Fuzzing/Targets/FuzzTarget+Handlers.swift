import StegCarveBytes
import StegCarveCarving

extension FuzzTargets {
    /// `handler-<type>`: `carve` at the start of the input and wherever one of the handler's
    /// signatures matches, checking the extent stays inside the input and starts where it
    /// was asked to; an expanding handler then unpacks what it carved within small limits.
    static let handlerTargets: [FuzzTarget] = PayloadRegistry.handlers.map { handler in
        let name = "handler-\(handler.type)"
        return FuzzTarget(name: name) { bytes in
            for start in candidateStarts(of: handler, in: bytes) {
                guard let extent = handler.carve(bytes, at: start) else { continue }
                FuzzInvariant.check(
                    extent.range.lowerBound == start && extent.range.upperBound <= bytes.count && !extent.range.isEmpty,
                    "extent \(extent.range) for a start at \(start) in \(bytes.count) bytes", target: name
                )
                FuzzInvariant.check(extent.declaredLength >= 0, "declared length \(extent.declaredLength)", target: name)
                guard let expanding = handler as? any ExpandingPayloadHandler else { continue }
                let limits = ExpansionLimits(maxOutputBytes: 4 << 20, maxRatio: 1_000, maxStreams: 64)
                let expansion = expanding.expand(bytes.extracting(extent.range), limits: limits)
                FuzzInvariant.check(expansion.streams.count <= limits.maxStreams, "\(expansion.streams.count) streams", target: name)
                let total = expansion.streams.reduce(0) { $0 + $1.bytes.count }
                // One decoder buffer of slack past the output limit.
                FuzzInvariant.check(total <= limits.maxOutputBytes + (1 << 20), "\(total) bytes unpacked over a \(limits.maxOutputBytes) limit", target: name)
            }
        }
    }

    /// Offset 0 and the first 8 offsets where a signature's magic sits at its place in the header.
    static func candidateStarts(of handler: any PayloadHandler, in bytes: Span<UInt8>) -> [Int] {
        var starts = [0]
        for signature in handler.signatures {
            guard let first = signature.magic.first else { continue }
            var position = signature.offsetInHeader
            while starts.count < 9, let hit = bytes.firstIndex(of: first, from: position) {
                if hit - signature.offsetInHeader > 0, bytes.matches(signature.magic, at: hit) {
                    starts.append(hit - signature.offsetInHeader)
                }
                position = hit + 1
            }
        }
        return starts
    }
}
