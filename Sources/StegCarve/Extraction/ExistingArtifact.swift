import StegCarvePlatform

/// Decides whether a file already at an artifact's name may be reported as the artifact: only
/// a regular file (opened with `O_NOFOLLOW`, so never through a symbolic link) with no execute
/// bit whose bytes are exactly the artifact's. Anyone who can write into the extraction
/// directory could have planted something there; the report must not vouch for it.
enum ExistingArtifact {
    /// `false` when nothing is at `name`; `true` when what is there is acceptable.
    /// - Parameter expected: the artifact's bytes, or `nil` to accept any content (a sidecar).
    /// - Throws: ``ExtractionError`` with operation `existing` when something else is there.
    static func accept(_ name: String, in directory: Int32, expected: Span<UInt8>?) throws(ExtractionError) -> Bool {
        // O_NONBLOCK: a FIFO planted at the name must not block the open.
        let descriptor = unsafe openat(directory, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT { return false }
            let detail = code == ELOOP ? "exists and is a symbolic link" : nil
            throw ExtractionError(operation: "existing", name: name, code: code, detail: detail)
        }
        defer { _ = close(descriptor) }
        var status = stat()
        guard unsafe fstat(descriptor, &status) == 0 else { throw ExtractionError(operation: "existing", name: name, code: errno) }
        func refuse(_ detail: String) -> ExtractionError {
            ExtractionError(operation: "existing", name: name, code: EEXIST, detail: detail)
        }
        guard status.st_mode & S_IFMT == S_IFREG else { throw refuse("exists and is not a regular file") }
        guard status.st_mode & 0o111 == 0 else {
            throw refuse("exists with an execute bit (mode \(String(status.st_mode & 0o7777, radix: 8)))")
        }
        guard let expected else { return true }
        guard Int(status.st_size) == expected.count else { throw refuse("exists with other content (\(status.st_size) bytes, not \(expected.count))") }
        guard try sameBytes(descriptor, expected, name: name) else { throw refuse("exists with other content") }
        return true
    }

    /// Compares the file's bytes with `expected` in 64 KiB reads.
    private static func sameBytes(_ descriptor: Int32, _ expected: Span<UInt8>, name: String) throws(ExtractionError) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var offset = 0
        while offset < expected.count {
            let wanted = min(buffer.count, expected.count - offset)
            let count = unsafe buffer.withUnsafeMutableBytes { raw in unsafe pread(descriptor, raw.baseAddress, wanted, off_t(offset)) }
            if count < 0 {
                if errno == EINTR { continue }
                throw ExtractionError(operation: "existing", name: name, code: errno)
            }
            // Shorter than its size said: it changed under us, so it is not the artifact.
            if count == 0 { return false }
            for index in 0..<count where buffer[index] != expected[offset + index] { return false }
            offset += count
        }
        return true
    }
}
