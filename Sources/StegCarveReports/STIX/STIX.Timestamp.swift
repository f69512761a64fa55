import Foundation

extension STIX {
    /// STIX timestamps (§3.2): RFC 3339 in UTC with a `Z`, here always to the millisecond
    /// as `created` and `modified` require.
    package enum Timestamp {
        /// `2026-11-27T02:30:00.123Z`.
        package static func string(_ date: Date) -> String {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = .gmt
            let whole = Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
            let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: whole)
            let milliseconds = Int(((date.timeIntervalSince1970 - whole.timeIntervalSince1970) * 1000).rounded(.down))
            return String(
                format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1,
                parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0, min(max(milliseconds, 0), 999)
            )
        }

        /// The time a run's objects are stamped with: `SOURCE_DATE_EPOCH` (seconds since
        /// 1970, the reproducible-builds convention) when set, else now.
        package static func runTime(environment: [String: String] = ProcessInfo.processInfo.environment) -> Date {
            if let text = environment["SOURCE_DATE_EPOCH"], let seconds = Int64(text), seconds >= 0, seconds < 253_402_300_800 {
                return Date(timeIntervalSince1970: TimeInterval(seconds))
            }
            return Date()
        }
    }
}
