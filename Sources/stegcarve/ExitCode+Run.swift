import ArgumentParser

extension ExitCode {
    /// The status of a run of `scan`, `watch` or `report` (README "Exit status"): `1` when
    /// any file is suspicious or malicious, even when others failed (an error never hides a
    /// detection); `2` when something failed and nothing was flagged; `nil` for `0`. Usage
    /// errors exit `64` before anything is scanned (swift-argument-parser's `EX_USAGE`).
    static func forRun(flagged: Int, failed: Int) -> ExitCode? {
        if flagged > 0 { return ExitCode(1) }
        if failed > 0 { return ExitCode(2) }
        return nil
    }
}
