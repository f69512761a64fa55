import StegCarve
import StegCarveSweep
import SystemPackage

import StegCarvePlatform

/// One thing to scan, a path that could not be listed, or a path left out and why.
enum ScanInput: Sendable {
    /// `explicit`: named on the command line, so content sniffing and globs do not apply.
    case file(FilePath, FileStatus, explicit: Bool)
    /// Standard input (`-`) or a FIFO named on the command line (`/dev/stdin`, `<(…)`): read
    /// to its end into memory, at most `maximumSize` bytes (`--max-size`).
    case stream(FilePath, standardInput: Bool, maximumSize: Int?)
    case failure(ScanError)
    /// Left out by the selection rules while walking: counted, not reported.
    case skipped(SkipReason)
    /// Not scanned, reported with its own record (``SkippedInput``).
    case refused(SkippedInput)
}

/// Why a path was not scanned (counted in the summary).
enum SkipReason: String, Sendable, CaseIterable {
    case notPicture = "not pictures"
    case excluded = "excluded by globs"
    case tooLarge = "over --max-size"
    case symbolicLink = "symbolic links"
    case special = "special files"
    case otherFileSystem = "on other file systems"
    case otherShard = "in other shards"
}

/// What `stat` said about a file to scan.
struct FileStatus: Sendable, Hashable {
    var identity: FileIdentity
    var size: Int { Int(identity.size) }

    init(_ status: stat) {
        identity = FileIdentity(
            device: UInt64(truncatingIfNeeded: status.st_dev), inode: UInt64(truncatingIfNeeded: status.st_ino),
            size: Int64(status.st_size), modificationNanoseconds: status.modificationNanoseconds
        )
    }
}

/// Expands command-line paths (and `--files-from` lists) into files: directories are walked
/// depth first in name order, symbolic links found inside directories are not followed unless
/// `followsSymlinks` (then each directory is entered once, so loops end, each with a record),
/// and only regular files are yielded from walks and lists (FIFOs, devices and sockets found
/// there are counted as skipped, so a sweep never blocks on one). On the command line, `-`
/// (standard input) and FIFOs are streams to read; a device, a socket or a file over
/// `--max-size` named there is refused with a record of its own.
/// Names are kept as raw bytes, so files whose names are not valid UTF-8 are scanned too.
/// Memory: the open directories' listings, never the whole tree.
struct InputEnumerator: Sequence, IteratorProtocol {
    private struct Pending {
        var path: FilePath
        /// From the directory walk (lstat, or stat when following links); `nil` for operands.
        var status: stat?
        var explicit: Bool
        /// Device of the operand the path was found under (for `--one-file-system`).
        var rootDevice: UInt64?
    }

    private var pending: [Pending]
    private var list: PathListReader?
    private let selection: InputSelection
    /// Directories entered, by device and inode, with the path they were entered by, when
    /// following links.
    private var visited: [[UInt64]: FilePath] = [:]

    init(paths: [String], list: PathListReader? = nil, selection: InputSelection = InputSelection()) {
        pending = paths.reversed().map { Pending(path: FilePath($0), status: nil, explicit: true, rootDevice: nil) }
        self.list = list
        self.selection = selection
    }

    mutating func next() -> ScanInput? {
        while true {
            if pending.last.map({ $0.explicit && $0.path.rawBytes == Self.standardInputName }) == true, let item = pending.popLast() {
                return .stream(item.path, standardInput: true, maximumSize: selection.maxSize)
            }
            if pending.isEmpty, let list, let entry = list.next() {
                switch entry {
                case .path(let bytes):
                    // Listed paths are found paths: globs and sniffing apply, links are not followed by default.
                    pending.append(Pending(path: FilePath(rawBytes: bytes), status: nil, explicit: false, rootDevice: nil))
                case .tooLong(let line, let length):
                    let reason = "--files-from entry of \(length) bytes skipped (longer than \(PathListReader.maxEntryLength))"
                    return .failure(ScanError(path: "\(list.name):\(line)", reason: reason, code: ENAMETOOLONG))
                }
            }
            guard let item = pending.popLast() else { return nil }
            if let result = visit(item) { return result }
        }
    }

    /// One path found by other means (a watch event), checked like a directory entry; a
    /// directory is not walked.
    mutating func single(_ path: FilePath) -> ScanInput {
        var status = stat()
        let result = unsafe path.withPlatformString { unsafe selection.followsSymlinks ? stat($0, &status) : lstat($0, &status) }
        guard result == 0 else {
            let code = errno
            return .failure(ScanError(path: path, reason: "stat: \(Self.reason(code))", code: code))
        }
        guard status.st_mode & S_IFMT != S_IFDIR else { return .skipped(.special) }
        return visit(Pending(path: path, status: status, explicit: false, rootDevice: nil)) ?? .skipped(.special)
    }

    private mutating func visit(_ item: Pending) -> ScanInput? {
        var status: stat
        if let known = item.status {
            status = known
        } else {
            status = stat()
            // Paths named on the command line are followed like `find -H`; listed paths are
            // examined with lstat unless links are followed.
            let follows = item.explicit || selection.followsSymlinks
            let result = unsafe item.path.withPlatformString { unsafe follows ? stat($0, &status) : lstat($0, &status) }
            guard result == 0 else {
                let code = errno
                return .failure(ScanError(path: item.path, reason: "stat: \(Self.reason(code))", code: code))
            }
        }
        let rootDevice = item.rootDevice ?? UInt64(truncatingIfNeeded: status.st_dev)
        switch status.st_mode & S_IFMT {
        case S_IFREG:
            let bytes = item.path.rawBytes
            if !item.explicit, !isSelected(bytes) { return .skipped(.excluded) }
            if let maxSize = selection.maxSize, Int(status.st_size) > maxSize {
                guard item.explicit else { return .skipped(.tooLarge) }
                return .refused(SkippedInput(path: item.path, reason: .tooLarge, detail: "\(status.st_size) bytes, over --max-size \(maxSize)"))
            }
            if let shard = selection.shard, !shard.contains(bytes) { return .skipped(.otherShard) }
            return .file(item.path, FileStatus(status), explicit: item.explicit)
        case S_IFDIR:
            if !item.explicit, selection.excludes.contains(where: { $0.matches(path: item.path.rawBytes) }) { return .skipped(.excluded) }
            if selection.staysOnFileSystem, UInt64(truncatingIfNeeded: status.st_dev) != rootDevice { return .skipped(.otherFileSystem) }
            if selection.followsSymlinks {
                let key = [UInt64(truncatingIfNeeded: status.st_dev), UInt64(truncatingIfNeeded: status.st_ino)]
                if let first = visited[key] {
                    // Entered again below itself: a loop, reported. A second link to a directory
                    // walked elsewhere is only not walked twice.
                    guard item.path.starts(with: first) else { return nil }
                    return .refused(SkippedInput(
                        path: item.path, reason: .directoryLoop,
                        detail: "directory loop: the same directory as \(first.string), not entered again"
                    ))
                }
                visited[key] = item.path
            }
            switch listDirectory(item.path) {
            case .success(let children):
                pending.append(contentsOf: children.reversed().map { Pending(path: $0.path, status: $0.status, explicit: false, rootDevice: rootDevice) })
                return nil
            case .failure(let error):
                return .failure(error)
            }
        case S_IFLNK:
            return .skipped(.symbolicLink)
        default:
            guard item.explicit else { return .skipped(.special) }
            return Self.named(item.path, type: status.st_mode & S_IFMT, maximumSize: selection.maxSize)
        }
    }

    /// `-`: standard input.
    static let standardInputName: [UInt8] = [0x2D]

    /// A FIFO, device or socket named on the command line: a FIFO is read as a stream (which
    /// is what `/dev/stdin` and `<(…)` are); the others are refused, each with a record.
    private static func named(_ path: FilePath, type: mode_t, maximumSize: Int?) -> ScanInput {
        switch type {
        case S_IFIFO:
            return .stream(path, standardInput: false, maximumSize: maximumSize)
        case S_IFCHR, S_IFBLK:
            let kind = type == S_IFCHR ? "character device" : "block device"
            return .refused(SkippedInput(path: path, reason: .device, detail: "\(kind), not read"))
        default:
            return .refused(SkippedInput(path: path, reason: .socket, detail: "socket, not read"))
        }
    }

    private func isSelected(_ path: [UInt8]) -> Bool {
        if selection.excludes.contains(where: { $0.matches(path: path) }) { return false }
        return selection.includes.isEmpty || selection.includes.contains { $0.matches(path: path) }
    }

    /// Entries of `path` sorted by name bytes, with their lstat (stat when following links;
    /// a link whose target is missing keeps its lstat and is counted as a link).
    private func listDirectory(_ path: FilePath) -> Result<[(path: FilePath, status: stat)], ScanError> {
        guard let directory = unsafe path.withPlatformString({ unsafe opendir($0) }) else {
            let code = errno
            return .failure(ScanError(path: path, reason: "opendir: \(Self.reason(code))", code: code))
        }
        defer { unsafe closedir(directory) }
        var children: [(name: [UInt8], path: FilePath, status: stat)] = []
        while let entry = unsafe readdir(directory) {
            let name: [UInt8] = unsafe withUnsafeBytes(of: entry.pointee.d_name) { raw in
                var bytes: [UInt8] = []
                for unsafe byte in unsafe raw {
                    if byte == 0 { break }
                    bytes.append(byte)
                }
                return bytes
            }
            if name == [0x2E] || name == [0x2E, 0x2E] { continue }
            let full = path.appending(FilePath(rawBytes: name).components)
            var status = stat()
            guard unsafe full.withPlatformString({ unsafe lstat($0, &status) }) == 0 else { continue }
            if selection.followsSymlinks, status.st_mode & S_IFMT == S_IFLNK {
                var target = stat()
                if unsafe full.withPlatformString({ unsafe stat($0, &target) }) == 0 { status = target }
            }
            children.append((name, full, status))
        }
        return .success(children.sorted { $0.name.lexicographicallyPrecedes($1.name) }.map { ($0.path, $0.status) })
    }

    private static func reason(_ code: Int32) -> String {
        unsafe String(cString: strerror(code))
    }
}

/// Reads `--files-from` entries one at a time, separated by newlines or NULs; empty entries
/// are ignored. Memory is bounded whatever the list holds: 64 KiB read at a time plus at most
/// ``maxEntryLength`` bytes of one entry; a longer entry is skipped as it streams past and
/// reported once (``Entry/tooLong(line:length:)``).
///
/// - Complexity: O(n) in the list's bytes: each byte is searched for the separator once and
///   moved at most once (a single 300 MB line costs one pass, not one pass per read).
final class PathListReader {
    /// The longest entry kept (64 KiB, sixteen times Linux's `PATH_MAX`, so no path that could
    /// be opened is refused).
    static let maxEntryLength = 65_536

    /// One entry of the list.
    enum Entry: Equatable {
        case path([UInt8])
        /// An entry longer than ``maxEntryLength`` (its `length` in bytes), on line (or
        /// NUL-separated record) `line`, counted from 1.
        case tooLong(line: Int, length: Int)
    }

    /// The list as named (`-` for standard input), for messages.
    let name: String
    private let descriptor: FileDescriptor
    private let closesDescriptor: Bool
    private let separator: UInt8
    private var buffer: [UInt8] = []
    /// Where the current entry starts in `buffer`.
    private var start = 0
    /// Bytes from `start` known to hold no separator.
    private var searched = 0
    /// Bytes of an over-long entry already dropped, while skipping it.
    private var skippedLength: Int?
    /// Separators consumed so far (the current entry is on line `line + 1`).
    private var line = 0
    private var atEnd = false
    private var chunk = [UInt8](repeating: 0, count: 65_536)

    /// `-` reads standard input.
    /// - Throws: `Errno` when the file cannot be opened.
    init(path: String, nullSeparated: Bool) throws(Errno) {
        name = path
        if path == "-" {
            descriptor = .standardInput
            closesDescriptor = false
        } else {
            do {
                descriptor = try FileDescriptor.open(FilePath(path), .readOnly, options: [.closeOnExec])
            } catch {
                throw (error as? Errno) ?? .ioError
            }
            closesDescriptor = true
        }
        separator = nullSeparated ? 0 : 0x0A
    }

    deinit {
        if closesDescriptor { try? descriptor.close() }
    }

    func next() -> Entry? {
        while true {
            if let end = buffer[max(start, searched)...].firstIndex(of: separator) {
                let length = end - start
                let entry = finish(length: length, through: end + 1)
                if let entry { return entry }
                continue
            }
            searched = buffer.count
            if skippedLength == nil, buffer.count - start > Self.maxEntryLength { skippedLength = 0 }
            if let skipped = skippedLength {
                skippedLength = skipped + (buffer.count - start)
                start = buffer.count
            }
            if atEnd {
                guard start < buffer.count || skippedLength != nil else { return nil }
                return finish(length: buffer.count - start, through: buffer.count)
            }
            buffer.removeFirst(start)
            searched -= start
            start = 0
            let count = (try? unsafe chunk.withUnsafeMutableBytes { raw in try unsafe descriptor.read(into: raw, retryOnInterrupt: true) }) ?? 0
            if count == 0 { atEnd = true } else { buffer += chunk[0..<count] }
        }
    }

    /// Ends the entry of `length` bytes (after any skipped ones) at `start`, consuming up to
    /// `resume`; `nil` for an empty entry.
    private func finish(length: Int, through resume: Int) -> Entry? {
        line += 1
        defer {
            start = resume
            searched = resume
            skippedLength = nil
        }
        if let skipped = skippedLength { return .tooLong(line: line, length: skipped + length) }
        if length > Self.maxEntryLength { return .tooLong(line: line, length: length) }
        return length == 0 ? nil : .path(Array(buffer[start..<(start + length)]))
    }
}
