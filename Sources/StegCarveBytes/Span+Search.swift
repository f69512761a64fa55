import StegCarvePlatform

extension Span where Element == UInt8 {
    /// Offset of the first `byte` at or after `start` and before `end`, or `nil`.
    ///
    /// Uses the C library's vectorised `memchr`.
    /// - Complexity: O(n).
    package func firstIndex(of byte: UInt8, from start: Int, to end: Int? = nil) -> Int? {
        let end = Swift.min(end ?? count, count)
        guard start >= 0, start < end else { return nil }
        return unsafe withUnsafeBufferPointer { buffer -> Int? in
            guard let base = buffer.baseAddress else { return nil }
            guard let found = unsafe memchr(base + start, Int32(byte), end - start) else { return nil }
            return unsafe UnsafeRawPointer(found) - UnsafeRawPointer(base)
        }
    }
}
