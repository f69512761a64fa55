import Synchronization

/// Stops scans from another thread: a signal handler, a user interface, a sweep shutting
/// down.
///
/// Pass one to ``Scanner/scan(fileAt:extractingTo:cancellation:)-(String,_,_)`` (or the
/// other `scan` methods) and call ``cancel()`` from anywhere; every scan given it stops its
/// search for payloads at its next check (the same countdown of work units that enforces
/// ``ScanLimits/maxSecondsPerFile``, so within milliseconds) and returns the report of what
/// it found so far, with a `cancelled` entry in ``ScanReport/limits``. One token may serve
/// many scans; it cannot be reset. Cancelling the Swift task that runs a scan has the same
/// effect.
public final class ScanCancellation: Sendable {
    private let flag = Atomic<Bool>(false)

    /// A token that has not been cancelled.
    public init() {}

    /// Asks every scan given this token to stop. Safe to call from any thread, any number
    /// of times (an atomic store).
    public func cancel() {
        flag.store(true, ordering: .relaxed)
    }

    /// Whether ``cancel()`` has been called.
    public var isCancelled: Bool {
        flag.load(ordering: .relaxed)
    }
}
