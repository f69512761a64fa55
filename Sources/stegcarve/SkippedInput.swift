import StegCarve
import SystemPackage

/// An input that was not scanned, with a record of its own that counts as an error for the
/// exit status, so nothing named is left out in silence: a path named on the command line
/// that is over `--max-size` (or a stream over the size limit), a device or a socket, or a
/// directory loop met by following links. Files that directory walks leave out by the
/// selection rules are only counted (``SkipReason``).
struct SkippedInput: Sendable {
    /// Why, as a stable code (the JSON Lines `skipped.reason`).
    enum Reason: String, Sendable, CaseIterable {
        case tooLarge = "too-large"
        case device
        case socket
        case directoryLoop = "directory-loop"
    }

    /// The path as reported (with its exact bytes in base64 when they are not UTF-8).
    let location: ScanError
    let reason: Reason
    /// One line for people, e.g. `52428800 bytes, over --max-size 1048576`.
    let detail: String
    init(path: FilePath, reason: Reason, detail: String) {
        self.location = ScanError(path: path, reason: detail)
        self.reason = reason
        self.detail = detail
    }

    var path: String { location.path }
    var pathBase64: String? { location.pathBase64 }

    /// `skipped (device): character device, not read`.
    var summary: String { "skipped (\(reason.rawValue)): \(detail)" }
}
