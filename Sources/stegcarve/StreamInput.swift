import StegCarve
import SystemPackage

/// Standard input and named FIFOs as inputs (`scan -`, `/dev/stdin`, `<(…)`): opened, read
/// by the scanner to their end, and reported under a name the user recognises.
enum StreamInput {
    /// Opens the stream (standard input is used as it is, never closed) and hands it to
    /// `body` with the path to report: `-` for standard input, else the path as named.
    /// - Throws: ``ScanError`` when the FIFO cannot be opened, or `body`'s error.
    static func scan<Result>(
        _ path: FilePath, standardInput: Bool,
        _ body: (FileDescriptor, String) throws(ScanError) -> Result
    ) throws(ScanError) -> Result {
        if standardInput { return try body(.standardInput, "-") }
        let descriptor: FileDescriptor
        do {
            descriptor = try FileDescriptor.open(path, .readOnly, options: [.closeOnExec])
        } catch {
            throw ScanError(path: path, reason: "open: \(error)", code: (error as? Errno)?.rawValue)
        }
        defer { try? descriptor.close() }
        return try body(descriptor, path.string)
    }

    /// The record for a stream refused because it is longer than the size limit; `nil`
    /// for other errors.
    static func skipped(_ error: ScanError, path: FilePath) -> SkippedInput? {
        guard error.isOverSizeLimit else { return nil }
        return SkippedInput(path: path, reason: .tooLarge, detail: error.reason)
    }
}
