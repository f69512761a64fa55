#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
        var lanes = [[Int]](repeating: [Int](repeating: 0, count: 256), count: 4)
        let n = bytes.count
        var index = 0
        while n - index >= 4 {
            lanes[0][Int(bytes[index])] += 1
            lanes[1][Int(bytes[index + 1])] += 1
            lanes[2][Int(bytes[index + 2])] += 1
            lanes[3][Int(bytes[index + 3])] += 1
            index += 4
        }
        while index < n {
            lanes[0][Int(bytes[index])] += 1
            index += 1
        }
        for value in 0..<256 {
            counts[value] += lanes[0][value] + lanes[1][value] + lanes[2][value] + lanes[3][value]
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
