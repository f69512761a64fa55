import Foundation
import StegCarve
import ArgumentParser

/// Reads `--known-bad` / `--known-good` hash lists.
enum KnownHashLists {
    static func load(bad: [String], good: [String]) throws -> KnownHashes {
        var knownHashes = KnownHashes()
        for (lists, kind) in [(bad, KnownHashes.Kind.bad), (good, .good)] {
            for list in lists {
                guard let text = try? String(contentsOfFile: list, encoding: .utf8) else {
                    printError("stegcarve: cannot read hash list \(list)")
                    throw ExitCode(2)
                }
                let rejected = knownHashes.add(list: text, defaultName: (list as NSString).lastPathComponent, kind: kind)
                if rejected > 0 { printError("stegcarve: \(list): \(rejected) lines hold no MD5, SHA-1 or SHA-256") }
            }
        }
        return knownHashes
    }
}
