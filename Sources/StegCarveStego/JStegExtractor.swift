import StegCarveImages

/// JSteg-style extraction from quantised JPEG coefficients: the LSB of every coefficient
/// whose value is neither 0 nor 1, in MCU order (interleaved components by their sampling
/// factors; a single component row by row), within each block in natural or zigzag order.
///
/// Layout names (``JStegLayout/description``): `jsteg,<zigzag|natural>,<msb-first|lsb-first>`
/// for the raw stream and `…,length-header` for JSteg's framing: a 5-bit width w, then a
/// w-bit message length in bytes (both first bit most significant), then the message.
package struct JStegLayout: Sendable, Hashable, CustomStringConvertible {
    package enum BlockOrder: String, Sendable, Hashable, CaseIterable {
        /// The order libjpeg stores (row-major within the 8×8 block).
        case natural
        /// The order the entropy coder writes them (what an encoder-side embedder sees).
        case zigzag
    }

    package var blockOrder: BlockOrder
    package var packing: PixelLayout.Packing
    package var lengthHeader: Bool

    package init(blockOrder: BlockOrder, packing: PixelLayout.Packing, lengthHeader: Bool) {
        self.blockOrder = blockOrder
        self.packing = packing
        self.lengthHeader = lengthHeader
    }

    package var description: String {
        "jsteg,\(blockOrder.rawValue),\(packing.rawValue)" + (lengthHeader ? ",length-header" : "")
    }

    /// Every layout tried on a JPEG.
    package static let all: [JStegLayout] = BlockOrder.allCases.flatMap { order in
        PixelLayout.Packing.allCases.flatMap { packing in
            [true, false].map { JStegLayout(blockOrder: order, packing: packing, lengthHeader: $0) }
        }
    }
}

package enum JStegExtractor {
    /// Zigzag index → natural index (ITU-T T.81 figure A.6).
    package static let zigzag: [Int] = [
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5,
        12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
        35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51,
        58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
    ]

    /// Indices into ``JPEGCoefficients/values`` of every block's first value, in MCU order.
    package static func blockOrder(_ coefficients: JPEGCoefficients) -> [Int] {
        var starts: [Int] = []
        starts.reserveCapacity(coefficients.values.count / 64)
        let components = coefficients.components
        if components.count == 1, let only = components.first {
            for block in 0..<only.blockCount { starts.append(only.offset + block * 64) }
            return starts
        }
        let maxH = max(1, coefficients.maxHorizontalSampling), maxV = max(1, coefficients.maxVerticalSampling)
        let mcuColumns = (coefficients.width + 8 * maxH - 1) / (8 * maxH)
        let mcuRows = (coefficients.height + 8 * maxV - 1) / (8 * maxV)
        for mcuRow in 0..<mcuRows {
            for mcuColumn in 0..<mcuColumns {
                for component in components {
                    for v in 0..<component.verticalSampling {
                        for h in 0..<component.horizontalSampling {
                            let row = mcuRow * component.verticalSampling + v
                            let column = mcuColumn * component.horizontalSampling + h
                            // Dummy blocks padding the MCU past the component's edge are skipped.
                            guard row < component.heightInBlocks, column < component.widthInBlocks else { continue }
                            starts.append(component.offset + (row * component.widthInBlocks + column) * 64)
                        }
                    }
                }
            }
        }
        return starts
    }

    /// The usable coefficients (neither 0 nor 1) in scan order, for `order` within blocks;
    /// only the first `limit` when fewer are enough (a triage prefix).
    /// - Complexity: O(blocks × 64), without a branch per coefficient: every value is written
    ///   and the write position advances only past a usable one. The usable values are
    ///   counted first, so a large picture's array is sized once instead of grown.
    package static func usable(_ coefficients: JPEGCoefficients, blockOrder order: JStegLayout.BlockOrder, limit: Int = .max) -> [Int16] {
        let values = coefficients.values.span
        let starts = blockOrder(coefficients).filter { $0 >= 0 && values.count - $0 >= 64 }
        var capacity = max(0, limit)
        if capacity >= starts.count * 64 {
            capacity = 0
            for start in starts {
                for k in 0..<64 {
                    let value = values[start + k]
                    capacity += value != 0 && value != 1 ? 1 : 0
                }
            }
        }
        // Room for one block past the limit: the last block is written whole.
        var result = [Int16](repeating: 0, count: capacity + 64)
        var count = 0
        var output = result.mutableSpan
        let permutation = order == .zigzag ? zigzag : Array(0..<64)
        let indices = permutation.span
        for start in starts {
            if count >= capacity { break }
            for k in 0..<64 {
                let value = values[start + indices[k]]
                output[count] = value
                count += value != 0 && value != 1 ? 1 : 0
            }
        }
        result.removeLast(result.count - min(count, capacity))
        return result
    }

    /// Usable coefficients a triage prefix of `maxBytes` bytes can need: JSteg's length
    /// header (5 + at most 31 bits) and the bytes.
    package static func prefixCoefficients(maxBytes: Int) -> Int {
        36 + 8 * max(0, maxBytes)
    }

    /// The first `maxBytes` bytes of the layout's stream from the usable coefficients
    /// (`nil` when a length header is asked for and the bits do not hold a plausible one:
    /// width 0, or a length beyond the coefficients). When `usable` is only a prefix,
    /// `available` is the number of usable coefficients in the picture (what the length
    /// header is checked against); the prefix must hold ``prefixCoefficients(maxBytes:)``.
    package static func extract(_ usable: [Int16], available: Int? = nil, layout: JStegLayout, maxBytes: Int) -> [UInt8]? {
        let total = max(available ?? usable.count, usable.count)
        var bit = 0
        func read(_ count: Int) -> Int? {
            guard usable.count - bit >= count else { return nil }
            var value = 0
            for _ in 0..<count {
                value = value << 1 | Int(usable[bit] & 1)
                bit += 1
            }
            return value
        }
        var limit = maxBytes
        if layout.lengthHeader {
            guard let width = read(5), width > 0, let length = read(width), length > 0,
                  length <= (total - bit) / 8 else { return nil }
            limit = min(limit, length)
        }
        let count = min(max(limit, 0), (usable.count - bit) / 8)  // (usable.count ≤ total)
        var output = [UInt8](repeating: 0, count: count)
        let msbFirst = layout.packing == .msbFirst
        for index in 0..<count {
            var byte: UInt8 = 0
            for position in 0..<8 {
                let value = UInt8(truncatingIfNeeded: usable[bit] & 1)
                byte |= msbFirst ? value << (7 - position) : value << position
                bit += 1
            }
            output[index] = byte
        }
        return output
    }
}
