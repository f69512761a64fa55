/// Reads the bit stream a ``PixelLayout`` describes out of a ``SampleGrid``.
package struct BitPlaneExtractor: Sendable {
    package let grid: SampleGrid

    package init(grid: SampleGrid) {
        self.grid = grid
    }

    /// Total whole bytes the layout yields over the image (bits past the last whole byte are dropped).
    package func streamLength(_ layout: PixelLayout) -> Int {
        let (bits, overflow) = grid.pixelCount.multipliedReportingOverflow(by: layout.bitsPerPixel)
        return overflow ? Int.max / 8 : bits / 8
    }

    /// The first `maxBytes` bytes of the layout's stream (fewer if the image is smaller);
    /// `nil` if the layout names a channel or plane the image does not have.
    /// - Complexity: O(`maxBytes` × 8 / bits per pixel) pixels visited.
    package func extract(_ layout: PixelLayout, maxBytes: Int) -> [UInt8]? {
        var channelIndices: [Int] = []
        for channel in layout.channels {
            guard let index = grid.channels.firstIndex(of: channel) else { return nil }
            channelIndices.append(index)
        }
        guard layout.highestPlane < grid.bitsPerSample, !channelIndices.isEmpty else { return nil }
        let count = min(max(maxBytes, 0), streamLength(layout))
        var output = [UInt8](repeating: 0, count: count)
        guard count > 0 else { return output }
        let totalBits = count * 8
        let msbFirst = layout.packing == .msbFirst
        let low = layout.lowestPlane
        let high = layout.highestPlane
        var bitIndex = 0
        var accumulator: UInt8 = 0
        var pixelIndex = 0
        while bitIndex < totalBits, pixelIndex < grid.pixelCount {
            let (x, y) = position(pixelIndex, layout.order)
            pixelIndex += 1
            for channel in channelIndices {
                let sample = grid.sample(x: x, y: y, channel: channel)
                var plane = high
                while plane >= low {
                    let bit = UInt8((sample >> plane) & 1)
                    let inByte = bitIndex & 7
                    accumulator |= msbFirst ? bit << (7 - inByte) : bit << inByte
                    bitIndex += 1
                    if inByte == 7 {
                        output[(bitIndex >> 3) - 1] = accumulator
                        accumulator = 0
                        if bitIndex >= totalBits { return output }
                    }
                    plane -= 1
                }
            }
        }
        return output
    }

    @inline(__always)
    private func position(_ index: Int, _ order: PixelLayout.Order) -> (x: Int, y: Int) {
        switch order {
        case .rowMajor: (index % grid.width, index / grid.width)
        case .columnMajor: (index / grid.height, index % grid.height)
        case .rowMajorBottomUp: (index % grid.width, grid.height - 1 - index / grid.width)
        }
    }
}
