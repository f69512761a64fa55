import StegCarveBytes

/// A palette picture as its colour indices (row-major, top row first) and its palette, for
/// index-plane extraction: BMP with 1/2/4/8-bit indices, GIF (``GIFIndices``), palette PNG.
package struct PaletteImage: Sendable, Equatable {
    package var width: Int
    package var height: Int
    /// Bits per index in the file (1, 2, 4 or 8); only planes below it are swept.
    package var bitsPerIndex: Int
    /// One index per pixel, `width * height` of them.
    package var indices: [UInt8]
    /// The palette as R, G, B triples (may be shorter than 2^bitsPerIndex; indices past it
    /// count as black).
    package var palette: [(UInt8, UInt8, UInt8)]

    package init?(width: Int, height: Int, bitsPerIndex: Int, indices: [UInt8], palette: [(UInt8, UInt8, UInt8)]) {
        guard width > 0, height > 0, (1...8).contains(bitsPerIndex), let count = width.multiplying(height),
              indices.count == count else { return nil }
        self.width = width
        self.height = height
        self.bitsPerIndex = bitsPerIndex
        self.indices = indices
        self.palette = palette
    }

    package static func == (lhs: PaletteImage, rhs: PaletteImage) -> Bool {
        lhs.width == rhs.width && lhs.height == rhs.height && lhs.bitsPerIndex == rhs.bitsPerIndex && lhs.indices == rhs.indices
            && lhs.palette.elementsEqual(rhs.palette) { $0 == $1 }
    }

    /// Each palette entry's rank when the palette is sorted by luminance (0.299 R + 0.587 G +
    /// 0.114 B, ties by index): EzStego embeds in the LSB of this rank, so neighbouring ranks
    /// look alike. Entries past the palette rank after it.
    package var lumaRanks: [UInt8] {
        let entries = (0..<256).map { index -> (luma: Int, index: Int) in
            guard index < palette.count else { return (Int.max, index) }
            let (r, g, b) = palette[index]
            return (299 * Int(r) + 587 * Int(g) + 114 * Int(b), index)
        }
        var ranks = [UInt8](repeating: 0, count: 256)
        for (rank, entry) in entries.sorted(by: { ($0.luma, $0.index) < ($1.luma, $1.index) }).enumerated() {
            ranks[entry.index] = UInt8(rank)
        }
        return ranks
    }

    /// The indices as a two-channel grid: `index` and `index-by-luma`.
    package var grid: SampleGrid {
        let ranks = lumaRanks
        var samples = [UInt8](repeating: 0, count: indices.count * 2)
        for (position, index) in indices.enumerated() {
            samples[position * 2] = index
            samples[position * 2 + 1] = ranks[Int(index)]
        }
        return SampleGrid(width: width, height: height, channels: [.index, .indexByLuma], samples: samples)
    }

    /// Summary for the report, e.g. `64x48 palette 4-bit (16 colours)`.
    package var description: String {
        "\(width)x\(height) palette \(bitsPerIndex)-bit (\(palette.count) colours)"
    }
}

extension SampleGrid {
    /// An 8-bit grid over `samples` (`width * height * channels.count` bytes, interleaved).
    init(width: Int, height: Int, channels: [PixelLayout.Channel], samples: [UInt8]) {
        self.width = width
        self.height = height
        self.channels = channels
        self.bitsPerSample = 8
        self.rowBytes = width * channels.count
        self.pixels = samples
    }
}

extension PaletteImage {
    /// Unpacks rows of `bitsPerIndex`-bit indices, most significant bits first (BMP and PNG
    /// both pack that way). `row(y)` gives the start of stored row `y` (top row = 0) in `bytes`.
    static func unpack(_ bytes: [UInt8], width: Int, height: Int, bitsPerIndex: Int, rowStart: (Int) -> Int) -> [UInt8] {
        var indices = [UInt8](repeating: 0, count: width * height)
        let perByte = 8 / bitsPerIndex
        let mask = UInt8((1 << bitsPerIndex) - 1)
        for y in 0..<height {
            let start = rowStart(y)
            for x in 0..<width {
                let byte = bytes[start + x / perByte]
                let shift = 8 - bitsPerIndex * (x % perByte + 1)
                indices[y * width + x] = (byte >> shift) & mask
            }
        }
        return indices
    }
}
