import StegCarvePlatform

/// The file a report is written to, with the care extraction takes: the page goes to a fresh
/// temporary file (mode 0600 while written, 0644 when done) beside the destination, created
/// with `O_EXCL | O_NOFOLLOW`, and is then linked into place, which never replaces an
/// existing name; only with `replacing` is it renamed over an existing regular file. A
/// destination that is a symbolic link, a directory or anything but a regular file is
/// never written through or replaced. An unfinished report leaves no file behind.
package final class ReportFile {
    /// The destination as given.
    package let path: String
    private let directoryDescriptor: Int32
    private let name: String
    private let temporaryName: String
    private var descriptor: Int32
    private let replacing: Bool
    private var committed = false

    /// Checks the destination and creates the temporary file.
    /// - Throws: ``ReportFileError``: `exists` when the destination exists and `replacing` is
    ///   false, `not a regular file` for links and directories, or the failing call.
    package init(path: String, replacing: Bool) throws(ReportFileError) {
        self.path = path
        self.replacing = replacing
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        guard !name.isEmpty, name != ".", name != ".." else { throw ReportFileError(operation: "name", path: path, code: EISDIR) }
        self.name = name
        directoryDescriptor = unsafe open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directoryDescriptor >= 0 else { throw ReportFileError(operation: "open directory", path: path, code: errno) }
        var status = stat()
        if unsafe fstatat(directoryDescriptor, name, &status, AT_SYMLINK_NOFOLLOW) == 0 {
            let existing = status.st_mode & S_IFMT
            guard existing == S_IFREG else {
                _ = close(directoryDescriptor)
                throw ReportFileError(operation: "not a regular file, not replaced", path: path, code: existing == S_IFLNK ? ELOOP : EEXIST)
            }
            guard replacing else {
                _ = close(directoryDescriptor)
                throw ReportFileError(operation: "exists (use --force to replace it)", path: path, code: EEXIST)
            }
        }
        var temporary = ""
        var created: Int32 = -1
        for attempt in 0..<16 {
            temporary = ".\(name.prefix(64)).tmp-\(getpid())-\(UInt64.random(in: 0...UInt64.max))-\(attempt)"
            created = unsafe openat(directoryDescriptor, temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if created >= 0 || errno != EEXIST { break }
        }
        guard created >= 0 else {
            let code = errno
            _ = close(directoryDescriptor)
            throw ReportFileError(operation: "create", path: path, code: code)
        }
        temporaryName = temporary
        descriptor = created
    }

    deinit {
        if descriptor >= 0 { _ = close(descriptor) }
        if !committed { _ = unsafe unlinkat(directoryDescriptor, temporaryName, 0) }
        _ = close(directoryDescriptor)
    }

    /// Appends `text` as UTF-8.
    /// - Throws: ``ReportFileError`` for the failing `write`.
    package func write(_ text: String) throws(ReportFileError) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let result = unsafe bytes.withUnsafeBufferPointer { buffer in
                unsafe Platform.write(descriptor, buffer.baseAddress, buffer.count)
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw ReportFileError(operation: "write", path: path, code: errno)
            }
            if result == 0 { throw ReportFileError(operation: "write", path: path, code: EIO) }
            bytes = bytes.dropFirst(result)
        }
    }

    /// Makes the report visible under its name.
    /// - Throws: ``ReportFileError``; `link` with `EEXIST` when a file of that name appeared
    ///   meanwhile and `replacing` is false.
    package func commit() throws(ReportFileError) {
        guard fchmod(descriptor, 0o644) == 0 else { throw ReportFileError(operation: "chmod", path: path, code: errno) }
        guard fsync(descriptor) == 0 else { throw ReportFileError(operation: "fsync", path: path, code: errno) }
        _ = close(descriptor)
        descriptor = -1
        if replacing {
            // rename replaces the name itself; it never writes through a link planted there.
            guard unsafe renameat(directoryDescriptor, temporaryName, directoryDescriptor, name) == 0 else {
                throw ReportFileError(operation: "rename", path: path, code: errno)
            }
        } else {
            guard unsafe linkat(directoryDescriptor, temporaryName, directoryDescriptor, name, 0) == 0 else {
                throw ReportFileError(operation: "link", path: path, code: errno)
            }
            _ = unsafe unlinkat(directoryDescriptor, temporaryName, 0)
        }
        committed = true
    }
}

/// The report could not be written.
package struct ReportFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The failing operation or check.
    package var operation: String
    /// The destination.
    package var path: String
    /// The `errno` value.
    package var code: Int32

    package var description: String {
        "\(path): \(operation): \(unsafe String(cString: strerror(code)))"
    }
}
