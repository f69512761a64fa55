import Dispatch

import StegCarvePlatform

/// SIGINT and SIGTERM delivered to a handler instead of ending the process at once, so `scan`
/// and `watch` can print what finished before they exit. Cancel to stop listening (the
/// signals stay ignored until the process exits).
final class StopSignals {
    /// The signals that stop a sweep or a watch.
    static let numbers: [Int32] = [SIGINT, SIGTERM]

    private let sources: [any DispatchSourceSignal]

    /// Calls `handler` with the signal's number (on a Dispatch queue, once per delivery).
    init(_ handler: @escaping @Sendable (Int32) -> Void) {
        sources = Self.numbers.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { handler(number) }
            source.resume()
            return source
        }
    }

    func cancel() {
        sources.forEach { $0.cancel() }
    }

    /// The exit status of a run stopped by `signal`: 128 + its number, as a shell reports a
    /// process the signal killed (130 for SIGINT, 143 for SIGTERM).
    static func exitStatus(_ signal: Int32) -> Int32 {
        128 + signal
    }
}
