import StegCarveBytes

/// Maximal runs of bytes from one character class, for finding encoded text in binary data.
enum TextRuns {
    /// Calls `body` for each maximal run inside `range` of bytes for which `isMember` holds,
    /// at least `minimumLength` long.
    /// - Complexity: O(n), one table lookup per byte.
    static func forEach(
        in bytes: Span<UInt8>, range: Range<Int>, minimumLength: Int,
        where isMember: (UInt8) -> Bool, _ body: (Range<Int>) -> Void
    ) {
        let range = range.clamped(to: 0..<bytes.count)
        guard range.count >= minimumLength else { return }
        let table = (0..<256).map { isMember(UInt8($0)) }
        var runs: [Range<Int>] = []
        unsafe bytes.withUnsafeBufferPointer { buffer in
            unsafe table.withUnsafeBufferPointer { members in
                guard let base = buffer.baseAddress, let member = members.baseAddress else { return }
                var start = -1
                var index = range.lowerBound
                let end = range.upperBound
                while index < end {
                    if unsafe member[Int(base[index])] {
                        if start < 0 { start = index }
                    } else if start >= 0 {
                        if index - start >= minimumLength { runs.append(start..<index) }
                        start = -1
                    }
                    index += 1
                }
                if start >= 0, end - start >= minimumLength { runs.append(start..<end) }
            }
        }
        for run in runs { body(run) }
    }
}
