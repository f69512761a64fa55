import StegCarveBytes
import StegCarveDecompression

/// What handlers share while the carver searches one stream: the scan's ``WorkMeter`` and
/// what earlier candidates taught them.
///
/// A handler that walked or decoded from one signature hit and gave up learnt the answer
/// for every later hit on the same path: a ZIP local-header walk visits the headers that
/// follow, and a deflate decode passes the block boundaries that follow, so a candidate
/// starting there would repeat the same work to the same failure. The handler records
/// those positions with ``decline(_:for:)`` and answers them with ``isDeclined(_:for:)``,
/// which keeps chains of hits linear instead of quadratic. Positions count within the
/// stream being searched; one context lives for one stream.
///
/// Decoding to find where a stream ends draws on one allowance per stream
/// (``locatingBudget``, ``spendLocating(_:)``): one bomb's worth plus 1,024 output bytes per
/// byte of the stream, so a stream of back-to-back bombs costs work in proportion to its
/// length; a bomb past the allowance is claimed as far as it was decoded.
package final class CarveContext {
    /// The scan's work meter; handlers charge their work to it and stop when it stops.
    package let meter: WorkMeter
    private var declined: [String: Set<Int>] = [:]
    private var locatingLeft: Int

    /// A context charging `meter`, for a stream of `streamLength` bytes.
    package init(meter: WorkMeter, streamLength: Int = 0) {
        self.meter = meter
        let perByte = max(0, streamLength).multipliedReportingOverflow(by: Self.locatingBytesPerInputByte)
        locatingLeft = DecodeBudget.locating(within: meter).limit.addingReportingOverflow(perByte.overflow ? Int.max / 2 : perByte.partialValue).partialValue
    }

    /// Decoded bytes each byte of the stream adds to the locating allowance (deflate's
    /// largest ratio is about 1,032:1).
    package static let locatingBytesPerInputByte = 1_024

    /// The budget for decoding one candidate to find its end: ``DecodeBudget/locating(within:)``,
    /// cut to what is left of the stream's allowance.
    package var locatingBudget: DecodeBudget {
        DecodeBudget(keep: 0, limit: min(DecodeBudget.locating(within: meter).limit, max(0, locatingLeft)))
    }

    /// Takes a locating decode's output from the allowance.
    package func spendLocating(_ run: DecodeRun) {
        locatingLeft -= min(locatingLeft, run.produced)
    }

    /// A context with an unbounded meter (a handler called on its own).
    package static func unbounded() -> CarveContext { CarveContext(meter: .unbounded()) }

    /// Records that a `type` candidate starting at any of `starts` is already known not to
    /// be a payload.
    package func decline(_ starts: some Sequence<Int>, for type: String) {
        declined[type, default: []].formUnion(starts)
    }

    /// Whether a `type` candidate at `start` is already known not to be a payload.
    package func isDeclined(_ start: Int, for type: String) -> Bool {
        declined[type]?.contains(start) ?? false
    }
}
