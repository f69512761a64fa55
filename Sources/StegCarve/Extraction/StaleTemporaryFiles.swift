import StegCarvePlatform

/// The extractor's temporary names (`.tmp-<pid>-<random>-<attempt>`) and the removal of those
/// a killed run left behind.
enum StaleTemporaryFiles {
    private static let prefix: [UInt8] = Array(".tmp-".utf8)

    /// The temporary name for one write.
    static func name(process: Int32, random: UInt64, attempt: Int) -> String {
        ".tmp-\(process)-\(random)-\(attempt)"
    }

    /// The writing process's id when `name` is a temporary name (three decimal fields).
    static func process(ofTemporary name: [UInt8]) -> Int32? {
        guard name.starts(with: prefix) else { return nil }
        let fields = name.dropFirst(prefix.count).split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false)
        guard fields.count == 3, fields.allSatisfy({ !$0.isEmpty && $0.count <= 20 && $0.allSatisfy { (0x30...0x39).contains($0) } }) else { return nil }
        return Int32(String(decoding: fields[0], as: UTF8.self))
    }

    /// Removes the regular files in `directory` with a temporary name that were last written
    /// before now and whose process is gone (or, its id being reused, that are more than an
    /// hour old): a run killed between creating and linking one. A running extractor's
    /// temporary file is younger than this call or belongs to a live process, so it is kept.
    static func remove(in directory: Int32) {
        let started = time(nil)
        let copy = dup(directory)
        guard copy >= 0 else { return }
        guard let listing = unsafe fdopendir(copy) else {
            _ = close(copy)
            return
        }
        defer { _ = unsafe closedir(listing) }
        while let entry = unsafe readdir(listing) {
            let name: [UInt8] = unsafe withUnsafeBytes(of: entry.pointee.d_name) { raw in unsafe Array(raw.prefix { $0 != 0 }) }
            guard let process = process(ofTemporary: name) else { continue }
            let text = String(decoding: name, as: UTF8.self)
            var status = stat()
            guard unsafe fstatat(directory, text, &status, AT_SYMLINK_NOFOLLOW) == 0, status.st_mode & S_IFMT == S_IFREG else { continue }
            let modified = Int(status.modificationNanoseconds / 1_000_000_000)
            guard modified < started else { continue }
            let gone = process <= 0 || (kill(process, 0) != 0 && errno == ESRCH)
            guard gone || started - modified > 3600 else { continue }
            _ = unsafe unlinkat(directory, text, 0)
        }
    }
}
