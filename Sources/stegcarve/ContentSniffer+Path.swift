import StegCarveSweep
import SystemPackage

extension ContentSniffer {
    /// Whether the file at `path` is left out of a sweep because its first bytes are not a
    /// picture's (`--all-files` turns sniffing off). A file whose head cannot be read is not
    /// rejected: its scan reports why.
    static func rejects(_ path: FilePath) -> Bool {
        guard let header = try? FileDigest.prefix(of: path, count: headerLength) else { return false }
        return !isPicture(header)
    }
}
