import Foundation

/// Writes report text to standard output as each file finishes.
struct StandardOutput {
    mutating func write(_ string: String) {
        guard !string.isEmpty else { return }
        FileHandle.standardOutput.write(Data(string.utf8))
    }
}

/// Prints one line to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
