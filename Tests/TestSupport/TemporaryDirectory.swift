import Foundation

/// A fresh directory under the system temporary directory, removed on deinit.
public final class TemporaryDirectory {
    public let path: String

    public init() throws {
        let base = NSTemporaryDirectory() + "stegcarve-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        path = base
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes `bytes` to `name` inside the directory and returns the full path.
    @discardableResult
    public func write(_ bytes: [UInt8], to name: String) throws -> String {
        let full = path + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: full))
        return full
    }
}
