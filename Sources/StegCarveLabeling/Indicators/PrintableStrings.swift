/// Runs of printable ASCII in binary data, as `strings(1)` finds them.
package enum PrintableStrings {
    /// Calls `body(range)` for each run of at least `minimumLength` printable bytes
    /// (0x20–0x7E and tab) within the first `limit` bytes; runs longer than 4096 are cut.
    /// - Complexity: O(n).
    package static func forEachRange(
        in bytes: Span<UInt8>, minimumLength: Int = 4, limit: Int = 64 << 20,
        _ body: (_ range: Range<Int>) -> Void
    ) {
        let end = min(bytes.count, limit)
        var start = -1
        var index = 0
        func flush(_ stop: Int) {
            if start >= 0, stop - start >= minimumLength {
                body(start..<min(stop, start + 4096))
            }
            start = -1
        }
        while index < end {
            let byte = bytes[index]
            if (0x20...0x7E).contains(byte) || byte == 0x09 {
                if start < 0 { start = index }
            } else {
                flush(index)
            }
            index += 1
        }
        flush(end)
    }

    /// Calls `body(offset, text)` for each printable run, as ``forEachRange(in:minimumLength:limit:_:)``.
    package static func forEach(
        in bytes: Span<UInt8>, minimumLength: Int = 4, limit: Int = 64 << 20,
        _ body: (_ offset: Int, _ text: String) -> Void
    ) {
        forEachRange(in: bytes, minimumLength: minimumLength, limit: limit) { range in
            body(range.lowerBound, String(decoding: bytes.bytes(in: range), as: UTF8.self))
        }
    }
}
