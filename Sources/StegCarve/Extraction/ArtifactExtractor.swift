import Foundation
import StegCarveBytes

import StegCarvePlatform

/// Writes carved artifacts into one output directory so that a hostile input cannot turn
/// the extraction against its user.
///
/// Every artifact is written as `<sha256>.<type>` with a JSON sidecar `<sha256>.<type>.json`:
/// the name comes from the content hash, never from the input; files get mode 0644 and
/// never an execute bit; writes go through a temporary file in the directory and are then
/// linked into place, which fails rather than overwrite an existing name; paths are resolved
/// relative to the directory's descriptor with `O_NOFOLLOW`, so nothing outside it is
/// touched and no symlink is followed. A file already at an artifact's name is claimed only
/// when it is a regular file without an execute bit holding exactly the artifact's bytes
/// (so its SHA-256 is the name's); anything else there is an error for that artifact.
/// Temporary files left by an earlier run that was killed are removed when the extractor opens.
public final class ArtifactExtractor: Sendable {
    /// The output directory as given.
    public let directory: String
    private let directoryDescriptor: Int32

    /// Opens (and creates, if missing) the output directory.
    ///
    /// The path is walked one component at a time with `O_NOFOLLOW`, creating missing
    /// directories, so a symbolic link planted anywhere on the way (not only at the end)
    /// cannot redirect the artifacts.
    /// - Throws: ``ExtractionError`` when a component cannot be created or opened, or is a
    ///   symbolic link (`ELOOP`).
    public init(directory: String) throws(ExtractionError) {
        self.directory = directory
        directoryDescriptor = try Self.openDirectory(directory)
        StaleTemporaryFiles.remove(in: directoryDescriptor)
    }

    /// Opens `path` as a directory without following a symbolic link in any component.
    private static func openDirectory(_ path: String) throws(ExtractionError) -> Int32 {
        var current = unsafe open(path.hasPrefix("/") ? "/" : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard current >= 0 else { throw ExtractionError(operation: "open", name: path, code: errno) }
        for component in path.split(separator: "/") where component != "." {
            let name = String(component)
            var next = unsafe openat(current, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            if next < 0, errno == ENOENT {
                if unsafe mkdirat(current, name, 0o755) != 0, errno != EEXIST {
                    let code = errno
                    _ = close(current)
                    throw ExtractionError(operation: "mkdir", name: path, code: code)
                }
                next = unsafe openat(current, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            }
            let code = errno
            _ = close(current)
            guard next >= 0 else {
                // O_NOFOLLOW on a symbolic link fails with ELOOP (ENOTDIR with O_DIRECTORY on some systems).
                throw ExtractionError(operation: "open", name: path, code: code)
            }
            current = next
        }
        return current
    }

    deinit {
        _ = close(directoryDescriptor)
    }

    /// Writes one artifact and its sidecar; returns the artifact's path.
    ///
    /// Writing the same artifact twice is not an error: an existing regular file without an
    /// execute bit that holds exactly these bytes is left as it is. A symbolic link, a
    /// directory or other special file, a file with an execute bit or with other content at
    /// the name is refused (operation `existing`) and nothing is written or claimed. An
    /// existing sidecar is kept when it is a regular file without an execute bit (it names the
    /// source of the run that wrote it).
    /// - Throws: ``ExtractionError`` naming the failing operation.
    public func write(_ bytes: Span<UInt8>, finding: Finding, sourcePath: String?) throws(ExtractionError) -> String {
        let type = Self.safeTypeName(finding.type)
        let name = "\(finding.sha256).\(type)"
        guard finding.sha256.count == 64, finding.sha256.allSatisfy(\.isHexDigit) else {
            throw ExtractionError(operation: "name", name: name, code: EINVAL)
        }
        try writeOnce(name: name, expected: bytes) { descriptor throws(ExtractionError) in
            try Self.writeAll(bytes, to: descriptor, name: name)
        }
        let sidecar = Sidecar(finding: finding, source: sourcePath)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let json = try? encoder.encode(sidecar) else {
            throw ExtractionError(operation: "encode", name: name + ".json", code: EINVAL)
        }
        let jsonBytes = [UInt8](json)
        try writeOnce(name: name + ".json", expected: nil) { descriptor throws(ExtractionError) in
            try Self.writeAll(jsonBytes.span, to: descriptor, name: name + ".json")
        }
        return directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// Writes one artifact for a scan: records the path in `finding`, or, when the write fails,
    /// one line in `errors` (the scan goes on; the report says what was not extracted).
    func write(_ bytes: Span<UInt8>, into finding: inout Finding, sourcePath: String?, errors: inout [String]) {
        do {
            finding.extractedPath = try write(bytes, finding: finding, sourcePath: sourcePath)
        } catch {
            errors.append("extract \(finding.sha256).\(finding.type): \(error)")
        }
    }

    /// Writes through a fresh temporary name, then links it to `name` without replacing; a
    /// file already at `name` (before, or appearing meanwhile) must pass ``ExistingArtifact``
    /// with `expected` content (any content when `nil`).
    private func writeOnce(name: String, expected: Span<UInt8>?, _ body: (Int32) throws(ExtractionError) -> Void) throws(ExtractionError) {
        if try ExistingArtifact.accept(name, in: directoryDescriptor, expected: expected) { return }
        var temporary = ""
        var descriptor: Int32 = -1
        for attempt in 0..<16 {
            temporary = StaleTemporaryFiles.name(process: getpid(), random: UInt64.random(in: 0...UInt64.max), attempt: attempt)
            descriptor = unsafe openat(directoryDescriptor, temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if descriptor >= 0 || errno != EEXIST { break }
        }
        guard descriptor >= 0 else { throw ExtractionError(operation: "create", name: name, code: errno) }
        // The temporary name goes away whether or not the link succeeds.
        defer {
            _ = close(descriptor)
            _ = unsafe unlinkat(directoryDescriptor, temporary, 0)
        }
        try body(descriptor)
        guard fchmod(descriptor, 0o644) == 0 else { throw ExtractionError(operation: "chmod", name: name, code: errno) }
        guard fsync(descriptor) == 0 else { throw ExtractionError(operation: "fsync", name: name, code: errno) }
        // linkat never replaces an existing name (EEXIST), unlike rename.
        if unsafe linkat(directoryDescriptor, temporary, directoryDescriptor, name, 0) != 0 {
            let code = errno
            if code == EEXIST, try ExistingArtifact.accept(name, in: directoryDescriptor, expected: expected) { return }
            throw ExtractionError(operation: "link", name: name, code: code)
        }
    }

    private static func writeAll(_ bytes: Span<UInt8>, to descriptor: Int32, name: String) throws(ExtractionError) {
        var written = 0
        while written < bytes.count {
            let result = unsafe bytes.withUnsafeBufferPointer { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return unsafe Platform.write(descriptor, base + written, buffer.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw ExtractionError(operation: "write", name: name, code: errno)
            }
            if result == 0 { throw ExtractionError(operation: "write", name: name, code: EIO) }
            written += result
        }
    }

    /// The type as a file-name extension: lowercase letters and digits only.
    static func safeTypeName(_ type: String) -> String {
        let cleaned = type.lowercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber) }
        return cleaned.isEmpty ? "bin" : String(cleaned.prefix(16))
    }

    /// The sidecar's JSON shape: the finding plus where it came from.
    private struct Sidecar: Encodable {
        var finding: Finding
        var source: String?
    }
}

/// An artifact or its sidecar could not be written.
public struct ExtractionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The failing operation, e.g. `create`, `write`, `link`.
    public var operation: String
    /// The file or directory name involved.
    public var name: String
    /// The `errno` value.
    public var code: Int32
    /// Why, when the `errno` text alone would mislead (an existing file refused).
    public var detail: String?

    public init(operation: String, name: String, code: Int32, detail: String? = nil) {
        self.operation = operation
        self.name = name
        self.code = code
        self.detail = detail
    }

    public var description: String {
        let reason = unsafe detail ?? String(cString: strerror(code))
        return "\(operation) \(name): \(reason)"
    }
}
