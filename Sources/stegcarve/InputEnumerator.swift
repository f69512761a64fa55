import StegCarve

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One thing to scan, or a path that could not be listed.
enum ScanInput {
    case file(String)
    case failure(ScanError)
}

/// Expands command-line paths into files: directories are walked depth first in name order,
/// symbolic links found inside directories are not followed, and only regular files are
/// yielded (FIFOs, devices and sockets are skipped so a sweep never blocks on one).
struct InputEnumerator: Sequence, IteratorProtocol {
    private var pending: [String]

    init(paths: [String]) {
        pending = paths.reversed()
    }

    mutating func next() -> ScanInput? {
        while let path = pending.popLast() {
            var status = stat()
            // Paths named on the command line are followed like `find -H`; entries found
            // inside directories are examined with lstat and links are skipped.
            guard unsafe stat(path, &status) == 0 else {
                return .failure(ScanError(path: path, reason: "stat: \(Self.reason(errno))", code: errno))
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

    /// Regular files and subdirectories of `path`, sorted by name, links excluded.
    private static func listDirectory(_ path: String) -> Result<[String], ScanError> {
        guard let directory = unsafe opendir(path) else {
            return .failure(ScanError(path: path, reason: "opendir: \(reason(errno))", code: errno))
        }
        defer { unsafe closedir(directory) }
        var children: [String] = []
        while let entry = unsafe readdir(directory) {
            let name = unsafe withUnsafeBytes(of: entry.pointee.d_name) { raw in
                unsafe String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            let child = path.hasSuffix("/") ? path + name : path + "/" + name
            var status = stat()
            guard unsafe lstat(child, &status) == 0 else { continue }
            let type = status.st_mode & S_IFMT
            if type == S_IFREG || type == S_IFDIR { children.append(child) }
        }
        return .success(children.sorted())
    }

    private static func reason(_ code: Int32) -> String {
        unsafe String(cString: strerror(code))
    }
}
