/// Builds binary test inputs field by field, in either byte order.
public struct ByteWriter {
    public var bytes: [UInt8] = []
    public var bigEndian: Bool

    public init(bigEndian: Bool = false) {
        self.bigEndian = bigEndian
    }

    public mutating func u8(_ value: UInt8) { bytes.append(value) }

    public mutating func u16(_ value: UInt16) { integer(UInt64(value), size: 2) }

    public mutating func u32(_ value: UInt32) { integer(UInt64(value), size: 4) }

    public mutating func u64(_ value: UInt64) { integer(value, size: 8) }

    public mutating func append(_ data: [UInt8]) { bytes += data }

    public mutating func append(_ text: String) { bytes += Array(text.utf8) }

    /// Pads with zeros up to `count` bytes in total.
    public mutating func pad(to count: Int) {
        if bytes.count < count { bytes += [UInt8](repeating: 0, count: count - bytes.count) }
    }

    private mutating func integer(_ value: UInt64, size: Int) {
        for index in 0..<size {
            let shift = bigEndian ? 8 * (size - 1 - index) : 8 * index
            bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift)))
        }
    }
}

/// A deterministic pseudo-random generator (SplitMix64) so tests reproduce exactly.
public struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// `count` pseudo-random bytes.
    public mutating func bytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8(truncatingIfNeeded: next()) }
    }
}
