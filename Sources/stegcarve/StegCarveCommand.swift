import ArgumentParser

/// The `stegcarve` command: a thin shell over the StegCarve library.
@main
struct StegCarveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stegcarve",
        abstract: "Find, carve and label payloads hidden in image files.",
        discussion: """
            Exit status: 0 when every file is clean or carries only declared extras (verdict \
            clean or benign-extra), 1 when at least one file is suspicious or malicious, 2 when \
            an error occurred (the other files are still scanned).
            """,
        version: "0.1.0",
        subcommands: [ScanCommand.self, ReportCommand.self, WatchCommand.self],
        defaultSubcommand: ScanCommand.self
    )
}
