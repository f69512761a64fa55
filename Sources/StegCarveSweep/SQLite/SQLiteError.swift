/// A SQLite call failed: which step, SQLite's result code and its message.
package struct SQLiteError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The step that failed.
    package enum Step: String, Sendable, Hashable {
        case open, prepare, bind, step, execute, schema
    }

    package var step: Step
    /// SQLite's extended result code (`SQLITE_BUSY`, `SQLITE_CORRUPT`, …), 0 when none applies.
    package var code: Int32
    package var message: String

    package init(_ step: Step, code: Int32, message: String) {
        self.step = step
        self.code = code
        self.message = message
    }

    package var description: String { "\(step.rawValue): \(message) (SQLite result \(code))" }
}
