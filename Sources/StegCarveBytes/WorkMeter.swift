/// Counts the work one scan does and tells every input-driven loop when to stop: when the
/// scan's deadline has passed or its caller cancelled it.
///
/// A loop whose trip count the input decides calls ``charge(_:)`` with the units of work it
/// just did (a unit is about one byte examined or decoded, or one record or candidate
/// tried) and stops when it returns `false`. The clock is read once every
/// ``clockInterval`` units, so a check is a subtraction; a unit costs at most a few
/// nanoseconds, so the scan notices its deadline within milliseconds of it. Once stopped, a
/// meter stays stopped: every later loop returns at its first check.
///
/// ``units`` is the total charged, a machine-independent measure of the work a search did:
/// tests compare it between an input and one four times its size to prove a search linear.
/// One meter belongs to one scan on one thread; it is not shared across threads (the
/// cancellation closure is the only part read from elsewhere).
package final class WorkMeter {
    /// Why the meter stopped.
    package enum Stop: Sendable, Equatable {
        /// The scan's time budget (`max-seconds`) is spent.
        case deadline
        /// The scan's caller cancelled it.
        case cancelled
    }

    /// Units charged between two reads of the clock and of the cancellation flag.
    package static let clockInterval = 1 << 16

    /// Work charged so far.
    package private(set) var units = 0
    /// Why the meter stopped, or `nil` while work may go on.
    package private(set) var stop: Stop?
    private let deadline: ContinuousClock.Instant?
    private let isCancelled: () -> Bool
    private var untilCheck = 0

    /// A meter that stops at `deadline` (never when `nil`) or as soon as `isCancelled`
    /// returns `true`.
    package init(deadline: ContinuousClock.Instant? = nil, isCancelled: @escaping () -> Bool = { false }) {
        self.deadline = deadline
        self.isCancelled = isCancelled
    }

    /// A meter that never stops and only counts (tests, and handlers called on their own).
    package static func unbounded() -> WorkMeter { WorkMeter() }

    /// Whether the meter has stopped (no clock read).
    package var isStopped: Bool { stop != nil }

    /// Whether a deadline bounds the work (long searches may then rely on it).
    package var hasDeadline: Bool { deadline != nil }

    /// Charges `amount` units of work; `false` when the work must stop.
    /// - Complexity: O(1); reads the clock once every ``clockInterval`` units.
    @discardableResult
    package func charge(_ amount: Int = 1) -> Bool {
        units &+= max(0, amount)
        untilCheck &-= max(0, amount)
        guard stop == nil else { return false }
        guard untilCheck <= 0 else { return true }
        return check()
    }

    /// Reads the clock and the cancellation flag now; `false` when the work must stop.
    @discardableResult
    package func check() -> Bool {
        guard stop == nil else { return false }
        untilCheck = Self.clockInterval
        if isCancelled() {
            stop = .cancelled
        } else if let deadline, ContinuousClock.now >= deadline {
            stop = .deadline
        }
        return stop == nil
    }
}
