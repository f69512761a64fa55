import StegCarve
import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One thing to scan, or a path that could not be listed.
enum ScanInput: Sendable {
    case file(FilePath)
    case failure(ScanError)
}

/// Expands command-line paths into files: directories are walked depth first in name order,
/// symbolic links found inside directories are not followed, and only regular files are
/// yielded (FIFOs, devices and sockets are skipped so a sweep never blocks on one). Names
/// are kept as raw bytes, so files whose names are not valid UTF-8 are scanned too.
struct InputEnumerator: Sequence, IteratorProtocol {
    private var pending: [FilePath]

    init(paths: [String]) {
        pending = paths.reversed().map { FilePath($0) }
    }

    mutating func next() -> ScanInput? {
        while let path = pending.popLast() {
            var status = stat()
            // Paths named on the command line are followed like `find -H`; entries found
            // inside directories are examined with lstat and links are skipped.
            guard unsafe path.withPlatformString({ unsafe stat($0, &status) }) == 0 else {
                let code = errno
                return .failure(ScanError(path: path, reason: "stat: \(Self.reason(code))", code: code))
            }
            switch status.st_mode & S_IFMT {
            case S_IFREG:
                return .file(path)
            case S_IFDIR:
                switch Self.listDirectory(path) {
                case .success(let children): pending.append(contentsOf: children.reversed())
                case .failure(let error): return .failure(error)
                }
            default:
                continue
            }
        }
        return nil
    }

    /// Regular files and subdirectories of `path`, sorted by name bytes, links excluded.
    private static func listDirectory(_ path: FilePath) -> Result<[FilePath], ScanError> {
        guard let directory = unsafe path.withPlatformString({ unsafe opendir($0) }) else {
            let code = errno
            return .failure(ScanError(path: path, reason: "opendir: \(reason(code))", code: code))
        }
        defer { unsafe closedir(directory) }
        var children: [(name: [UInt8], path: FilePath)] = []
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
            let full = path.appending(Self.filePath(bytes: name).components)
            var status = stat()
            guard unsafe full.withPlatformString({ unsafe lstat($0, &status) }) == 0 else { continue }
            let type = status.st_mode & S_IFMT
            if type == S_IFREG || type == S_IFDIR { children.append((name, full)) }
        }
        return .success(children.sorted { $0.name.lexicographicallyPrecedes($1.name) }.map(\.path))
    }

    /// A path from raw name bytes (no NUL inside, as directory entries guarantee).
    private static func filePath(bytes: [UInt8]) -> FilePath {
        let terminated = bytes.map { CChar(bitPattern: $0) } + [0]
        return unsafe terminated.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return FilePath() }
            return unsafe FilePath(platformString: base)
        }
    }

    private static func reason(_ code: Int32) -> String {
        unsafe String(cString: strerror(code))
    }
}
