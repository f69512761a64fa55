import StegCarveBytes
import StegCarveModel

/// Collects the streams of one payload's expansion within its ``ExpansionLimits``: one
/// output budget shared by every stream, a stream count cap, and a ``LimitHit`` for every
/// limit that cut something.
package struct ExpansionBuilder {
    /// The limits in force.
    package let limits: ExpansionLimits
    /// Output bytes allowed for the whole payload (absolute cap or ratio cap, the smaller).
    package let budget: Int
    /// Which limit the budget comes from: `max-output-bytes` or `max-ratio`.
    private let budgetLimitName: String
    private var produced = 0
    private var expansion = Expansion()

    /// A builder for a payload of `inputLength` carved bytes.
    package init(limits: ExpansionLimits, inputLength: Int) {
        self.limits = limits
        self.budget = limits.outputBudget(forInputLength: inputLength)
        self.budgetLimitName = budget < limits.maxOutputBytes ? "max-ratio" : "max-output-bytes"
    }

    /// Output bytes still allowed.
    package var remaining: Int { max(0, budget - produced) }

    /// The decode budget for the next stream: keep and decode at most what remains.
    package var decodeBudget: DecodeBudget { DecodeBudget(keep: remaining, limit: remaining) }

    /// Whether another stream may be added; records the `max-streams` hit once when not.
    package mutating func admitStream(_ via: String) -> Bool {
        guard expansion.streams.count < limits.maxStreams else {
            noteLimit("max-streams", limits.maxStreams, "stopped before \(via): more than \(limits.maxStreams) streams")
            return false
        }
        return true
    }

    /// Adds the stream a decoder produced, noting a cut by the output budget and any
    /// corruption or truncation of the compressed data.
    package mutating func add(via: String, run: DecodeRun) {
        switch run.ending {
        case .streamEnd:
            break
        case .outputLimit:
            noteLimit(budgetLimitName, budgetLimitName == "max-ratio" ? limits.maxRatio : limits.maxOutputBytes,
                      "\(via) cut after \(run.output.count) bytes: the output budget of \(budget) bytes is spent")
        case .inputExhausted:
            error("\(via): compressed data ends before the end of the stream; kept \(run.output.count) bytes")
        case .corrupt(let reason):
            error("\(via): \(reason) after \(run.output.count) bytes")
        case .interrupted:
            error("\(via): decoding stopped when the scan's time ran out; kept \(run.output.count) bytes")
        }
        add(via: via, bytes: run.output)
    }

    /// Adds stored (uncompressed) bytes, cut to the remaining budget.
    package mutating func add(via: String, stored bytes: Span<UInt8>) {
        if bytes.count > remaining {
            noteLimit(budgetLimitName, budgetLimitName == "max-ratio" ? limits.maxRatio : limits.maxOutputBytes,
                      "\(via) cut after \(remaining) of \(bytes.count) bytes: the output budget of \(budget) bytes is spent")
        }
        add(via: via, bytes: bytes.bytes(in: 0..<min(bytes.count, remaining)))
    }

    /// Records a problem that stopped unpacking part of the payload.
    package mutating func error(_ message: String) {
        expansion.errors.append(message)
    }

    /// The expansion so far.
    package func finish() -> Expansion { expansion }

    private mutating func add(via: String, bytes: [UInt8]) {
        produced += bytes.count
        expansion.streams.append(ExpandedStream(via: via, bytes: bytes))
    }

    private mutating func noteLimit(_ name: String, _ value: Int, _ message: String) {
        guard !expansion.limitHits.contains(where: { $0.limit == name }) else { return }
        expansion.limitHits.append(LimitHit(limit: name, value: value, message: message))
    }
}
