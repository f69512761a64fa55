import StegCarveBytes

/// Maximal runs of bytes from one character class, for finding encoded text in binary data.
enum TextRuns {
    /// Calls `body` for each maximal run inside `range` of bytes for which `isMember` holds,
    /// at least `minimumLength` long.
    /// - Complexity: O(n).
    static func forEach(
        in bytes: Span<UInt8>, range: Range<Int>, minimumLength: Int,
        where isMember: (UInt8) -> Bool, _ body: (Range<Int>) -> Void
    ) {
        var start: Int?
        var index = range.lowerBound
        while index < range.upperBound {
            if isMember(bytes[index]) {
                if start == nil { start = index }
            } else if let first = start {
                if index - first >= minimumLength { body(first..<index) }
                start = nil
            }
            index += 1
        }
        if let first = start, range.upperBound - first >= minimumLength { body(first..<range.upperBound) }
    }
}
