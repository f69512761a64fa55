/// A file could not be scanned at all (it could not be opened, was not a regular file, or was
/// larger than the size limit). Problems inside a readable file are reported in the
/// ``ScanReport`` instead.
public struct ScanError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The path that failed.
    public var path: String
    /// Why, in one line (e.g. `open: Permission denied`).
    public var reason: String
    /// The system error number, when one applies.
    public var code: Int32?

    public init(path: String, reason: String, code: Int32? = nil) {
        self.path = path
        self.reason = reason
        self.code = code
    }

    public var description: String { "\(path): \(reason)" }
}
