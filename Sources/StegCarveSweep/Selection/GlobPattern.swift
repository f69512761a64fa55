import StegCarvePlatform

/// An `--include`/`--exclude` pattern with fnmatch(3) semantics (`*`, `?`, `[…]`, `\`
/// escapes; flags 0, so `*` also matches `/` and a leading dot needs no special care).
///
/// A pattern without `/` is matched against a file's base name (`*.jpg`, `.git`); a pattern
/// with `/` against the whole path as listed (`uploads/*/tmp/*`).
package struct GlobPattern: Sendable, Hashable {
    package var pattern: String
    private let matchesWholePath: Bool

    package init(_ pattern: String) {
        self.pattern = pattern
        matchesWholePath = pattern.utf8.contains(0x2F)
    }

    /// Whether the path (raw bytes, no NUL) matches.
    package func matches(path: [UInt8]) -> Bool {
        let subject: ArraySlice<UInt8>
        if matchesWholePath {
            subject = path[...]
        } else {
            var end = path.endIndex
            while end > path.startIndex, path[end - 1] == 0x2F { end -= 1 }
            let start = path[..<end].lastIndex(of: 0x2F).map { $0 + 1 } ?? path.startIndex
            subject = path[start..<end]
        }
        let terminated = subject.map { CChar(bitPattern: $0) } + [0]
        return unsafe terminated.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return false }
            return unsafe fnmatch(pattern, base, 0) == 0
        }
    }
}
