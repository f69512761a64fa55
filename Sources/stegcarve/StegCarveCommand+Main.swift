import ArgumentParser
import Foundation
import StegCarve

extension StegCarveCommand {
    /// ArgumentParser's entry point, except that an error message is escaped line by line
    /// (``TerminalText``) before it reaches the terminal: its messages quote the arguments, and
    /// `stegcarve scan *` makes file names arguments, so a file named `-<ESC>]0;PWNED<BEL>`
    /// would otherwise reach the terminal raw in `Unknown option '…'`. Help, version and
    /// completion scripts (a clean exit) are the program's own text and print unchanged.
    static func main() async {
        do {
            var command = try await asyncParseAsRoot(nil)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { print(message) }
            } else if !message.isEmpty {
                printError(message.split(separator: "\n", omittingEmptySubsequences: false).map { TerminalString(escaping: String($0)) }.joined(separator: "\n"))
            }
            Foundation.exit(code.rawValue)
        }
    }
}
