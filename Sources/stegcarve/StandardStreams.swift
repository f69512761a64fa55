import Foundation
import StegCarve

/// Writes report text to standard output as each file finishes.
struct StandardOutput {
    mutating func write(_ string: String) {
        guard !string.isEmpty else { return }
        FileHandle.standardOutput.write(Data(string.utf8))
    }
}

/// Prints one line to standard error; values interpolated into `message` (paths, errors
/// quoting a file) are escaped (``TerminalString``).
func printError(_ message: TerminalString) {
    FileHandle.standardError.write(Data((message.text + "\n").utf8))
}
