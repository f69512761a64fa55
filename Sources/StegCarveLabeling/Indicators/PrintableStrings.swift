/// Runs of printable ASCII in binary data, as `strings(1)` finds them.
package enum PrintableStrings {
    /// Calls `body(offset, text)` for each run of at least `minimumLength` printable bytes
    /// (0x20–0x7E and tab) within the first `limit` bytes; runs longer than 4096 are cut.
    /// - Complexity: O(n).
    package static func forEach(
        in bytes: Span<UInt8>, minimumLength: Int = 4, limit: Int = 64 << 20,
        _ body: (_ offset: Int, _ text: String) -> Void
    ) {
        let end = min(bytes.count, limit)
        var start = -1
        var index = 0
        func flush(_ stop: Int) {
            if start >= 0, stop - start >= minimumLength {
                body(start, String(decoding: bytes.bytes(in: start..<min(stop, start + 4096)), as: UTF8.self))
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
}
