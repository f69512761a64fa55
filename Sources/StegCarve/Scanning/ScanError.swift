import SystemPackage

/// A file could not be scanned at all (it could not be opened, was not a regular file, or was
/// larger than the size limit). Problems inside a readable file are reported in the
/// ``ScanReport`` instead.
public struct ScanError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The path that failed (invalid UTF-8 replaced by U+FFFD; see ``pathBase64``).
    public var path: String
    /// The path's exact bytes in base64, present only when they are not valid UTF-8.
    public var pathBase64: String?
    /// Why, in one line (e.g. `open: Permission denied`).
    public var reason: String
    /// The system error number, when one applies.
    public var code: Int32?

    public init(path: String, reason: String, code: Int32? = nil) {
        self.path = path
        self.pathBase64 = nil
        self.reason = reason
        self.code = code
    }

    /// An error for a path that may not be valid UTF-8.
    public init(path: FilePath, reason: String, code: Int32? = nil) {
        self.init(path: path.string, reason: reason, code: code)
        self.pathBase64 = PathEncoding.base64IfNotUTF8(path)
    }

    /// Whether the input was refused because it is larger than the size limit
    /// (``ScanLimits/maxFileSize``, or the stream limit of ``Scanner/scan(stream:path:maximumSize:extractingTo:cancellation:)``).
    public var isOverSizeLimit: Bool { code == Errno.fileTooLarge.rawValue }

    public var description: String { "\(path): \(reason)" }
}
