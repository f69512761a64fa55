/// Byte order of a multi-byte integer in a file format.
@usableFromInline
package enum ByteOrder: String, Sendable, Codable {
    case little
    case big
}

extension Span where Element == UInt8 {
    /// Whether `length` bytes starting at `offset` lie inside the span (overflow-safe).
    @inlinable
    package func contains(offset: Int, length: Int) -> Bool {
        offset >= 0 && length >= 0 && offset <= count && count - offset >= length
    }

    /// The byte at `offset`, or `nil` when out of bounds.
    @inlinable
    package func uint8(at offset: Int) -> UInt8? {
        guard offset >= 0, offset < count else { return nil }
        return self[offset]
    }

    /// The 16-bit integer at `offset` in `order`, or `nil` when out of bounds.
    @inlinable
    package func uint16(at offset: Int, _ order: ByteOrder) -> UInt16? {
        guard contains(offset: offset, length: 2) else { return nil }
        let first = UInt16(self[offset]), second = UInt16(self[offset + 1])
        return order == .big ? first << 8 | second : second << 8 | first
    }

    /// The 32-bit integer at `offset` in `order`, or `nil` when out of bounds.
    @inlinable
    package func uint32(at offset: Int, _ order: ByteOrder) -> UInt32? {
        guard contains(offset: offset, length: 4) else { return nil }
        var value: UInt32 = 0
        for index in 0..<4 {
            let byte = UInt32(self[offset + index])
            value |= order == .big ? byte << (8 * (3 - index)) : byte << (8 * index)
        }
        return value
    }

    /// The 64-bit integer at `offset` in `order`, or `nil` when out of bounds.
    @inlinable
    package func uint64(at offset: Int, _ order: ByteOrder) -> UInt64? {
        guard contains(offset: offset, length: 8) else { return nil }
        var value: UInt64 = 0
        for index in 0..<8 {
            let byte = UInt64(self[offset + index])
            value |= order == .big ? byte << (8 * (7 - index)) : byte << (8 * index)
        }
        return value
    }

    /// Whether the bytes at `offset` equal `pattern`.
    @inlinable
    package func matches(_ pattern: some Collection<UInt8>, at offset: Int) -> Bool {
        guard contains(offset: offset, length: pattern.count) else { return false }
        var index = offset
        for byte in pattern {
            guard self[index] == byte else { return false }
            index += 1
        }
        return true
    }

    /// The bytes in `range`, copied; `range` must be inside the span (else clamped).
    package func bytes(in range: Range<Int>) -> [UInt8] {
        let clamped = range.clamped(to: 0..<count)
        var result = [UInt8]()
        result.reserveCapacity(clamped.count)
        for index in clamped { result.append(self[index]) }
        return result
    }

    /// The NUL-terminated string at `offset`, at most `maximumLength` bytes, or `nil` when
    /// it runs out of bounds or is not valid UTF-8.
    package func cString(at offset: Int, maximumLength: Int = 4096) -> String? {
        guard offset >= 0, offset < count else { return nil }
        var end = offset
        let limit = offset + Swift.min(maximumLength, count - offset)
        while end < limit, self[end] != 0 { end += 1 }
        guard end < limit else { return nil }
        return String(validating: bytes(in: offset..<end), as: UTF8.self)
    }
}

extension Int {
    /// `self + other`, or `nil` on overflow; for adding untrusted lengths to offsets.
    @inlinable
    package func adding(_ other: Int) -> Int? {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? nil : sum
    }

    /// `self * other`, or `nil` on overflow; for counts times entry sizes.
    @inlinable
    package func multiplying(_ other: Int) -> Int? {
        let (product, overflow) = multipliedReportingOverflow(by: other)
        return overflow ? nil : product
    }

    /// Converts an untrusted unsigned field to an offset, or `nil` if it does not fit.
    @inlinable
    package init?(field: some BinaryInteger) {
        guard let value = Int(exactly: field) else { return nil }
        self = value
    }
}
