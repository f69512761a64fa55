import StegCarvePlatform

/// A byte histogram and the Shannon entropy derived from it.
package struct ByteHistogram: Sendable {
    /// Count of each byte value.
    package private(set) var counts: [Int] = Array(repeating: 0, count: 256)
    /// Number of bytes counted.
    package private(set) var total: Int = 0

    package init() {}

    /// Counts every byte of `bytes`.
    package init(_ bytes: Span<UInt8>) {
        add(bytes)
    }

    /// Adds every byte of `bytes` to the counts.
    /// - Complexity: O(n).
    package mutating func add(_ bytes: Span<UInt8>) {
        // Four interleaved tables avoid store-to-load stalls on runs of one byte value.
        var lanes = [UInt32](repeating: 0, count: 4 * 256)
        let n = bytes.count
        // Counts are 32-bit per lane; flush in blocks well below 2^32 occurrences.
        var blockStart = 0
        while blockStart < n {
            let blockEnd = Swift.min(n, blockStart + (1 << 30))
            unsafe lanes.withUnsafeMutableBufferPointer { table in
                unsafe bytes.withUnsafeBufferPointer { input in
                    guard let tableBase = table.baseAddress, let inputBase = input.baseAddress else { return }
                    var index = blockStart
                    while blockEnd - index >= 4 {
                        unsafe tableBase[Int(inputBase[index])] &+= 1
                        unsafe tableBase[256 + Int(inputBase[index + 1])] &+= 1
                        unsafe tableBase[512 + Int(inputBase[index + 2])] &+= 1
                        unsafe tableBase[768 + Int(inputBase[index + 3])] &+= 1
                        index += 4
                    }
                    while index < blockEnd {
                        unsafe tableBase[Int(inputBase[index])] &+= 1
                        index += 1
                    }
                }
            }
            for value in 0..<256 {
                counts[value] += Int(lanes[value]) + Int(lanes[256 + value]) + Int(lanes[512 + value]) + Int(lanes[768 + value])
                lanes[value] = 0
                lanes[256 + value] = 0
                lanes[512 + value] = 0
                lanes[768 + value] = 0
            }
            blockStart = blockEnd
        }
        total += n
    }

    /// Shannon entropy in bits per byte, from 0 (one value) to 8 (uniform).
    package var entropy: Double {
        guard total > 0 else { return 0 }
        let size = Double(total)
        var sum = 0.0
        for count in counts where count > 0 {
            let p = Double(count) / size
            sum -= p * log2(p)
        }
        return sum
    }
}
