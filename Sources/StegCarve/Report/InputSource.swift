/// How the bytes of a report were obtained when they were not read from a file by its path
/// (``ScanReport/source``).
public enum InputSource: String, Sendable, Hashable, Codable, CaseIterable {
    /// Standard input, read to its end (`stegcarve scan -`).
    case standardInput = "stdin"
    /// Another stream read to its end: a pipe or FIFO named on the command line
    /// (`/dev/stdin`, `<(…)`, `mkfifo`), or a descriptor given to ``Scanner/scan(stream:path:maximumSize:extractingTo:cancellation:)``.
    case stream
}
