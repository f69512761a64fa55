import StegCarveReports
import SystemPackage

/// Where `report` writes its page: a file, with ``ReportFile``'s care (never through a link,
/// never over an existing file without `--force`, nothing left behind by an interrupted run),
/// or standard output for `-` and `/dev/stdout`, streamed as sections finish.
enum ReportDestination {
    case file(ReportFile)
    case standardOutput

    /// Names that mean this process's standard output (`/dev/stdout` is a link that
    /// ``ReportFile`` would rightly refuse to write through).
    static let standardOutputNames: Set<String> = ["-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"]

    /// - Throws: ``ReportFileError`` from ``ReportFile/init(path:replacing:)``.
    init(path: String, replacing: Bool) throws(ReportFileError) {
        if Self.standardOutputNames.contains(path) {
            self = .standardOutput
        } else {
            self = .file(try ReportFile(path: path, replacing: replacing))
        }
    }

    /// Appends `text`.
    /// - Throws: the file's ``ReportFileError``, or standard output's `Errno`.
    func write(_ text: String) throws {
        switch self {
        case .file(let file): try file.write(text)
        case .standardOutput:
            _ = try FileDescriptor.standardOutput.writeAll(text.utf8)
        }
    }

    /// Makes a file visible under its name; nothing for standard output.
    /// - Throws: ``ReportFileError`` from ``ReportFile/commit()``.
    func commit() throws {
        if case .file(let file) = self { try file.commit() }
    }
}
