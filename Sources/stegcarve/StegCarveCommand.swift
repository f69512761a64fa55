import ArgumentParser

/// The `stegcarve` command: a thin shell over the StegCarve library.
@main
struct StegCarveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stegcarve",
        abstract: "Find, carve and label payloads hidden in image files.",
        discussion: """
            Exit status: 0 when every file is clean or carries only declared extras (verdict \
            clean or benign-extra), 1 when at least one file is suspicious or malicious (even \
            when other inputs failed: an error never hides a detection), 2 when something \
            failed and nothing was flagged (the other files are still scanned), 64 for a usage \
            error.
            """,
        version: "0.1.0",
        subcommands: [ScanCommand.self, ReportCommand.self, WatchCommand.self],
        defaultSubcommand: ScanCommand.self
    )
}
