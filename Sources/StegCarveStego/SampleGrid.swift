import StegCarveBytes
import StegCarveImages

/// Decoded pixels seen as a grid of samples: width × height pixels, named channels, 8- or 16-bit.
///
/// Built from a ``DecodedImage``; the pixel buffer must hold `height * rowBytes` bytes, which
/// ``init?(_:)`` checks so later indexing never goes out of bounds.
package struct SampleGrid: Sendable {
    package let width: Int
    package let height: Int
    /// Channels in sample order within a pixel.
    package let channels: [PixelLayout.Channel]
    /// 8 or 16.
    package let bitsPerSample: Int
    let rowBytes: Int
    let pixels: [UInt8]

    /// `nil` when the layout is inconsistent (unknown channel count or depth, short buffer).
    package init?(_ image: DecodedImage) {
        let d = image.description
        guard d.width > 0, d.height > 0, d.outputBitsPerSample == 8 || d.outputBitsPerSample == 16 else { return nil }
        let names: [PixelLayout.Channel]
        switch d.outputChannels {
        case 1: names = [.luminance]
        case 2: names = [.luminance, .alpha]
        case 3: names = [.red, .green, .blue]
        case 4: names = [.red, .green, .blue, .alpha]
        default: return nil
        }
        let bytesPerSample = d.outputBitsPerSample / 8
        guard let pixelBytes = d.width.multiplying(names.count * bytesPerSample),
              d.rowBytes >= pixelBytes,
              let total = d.rowBytes.multiplying(d.height), image.pixels.count >= total else { return nil }
        self.width = d.width
        self.height = d.height
        self.channels = names
        self.bitsPerSample = d.outputBitsPerSample
        self.rowBytes = d.rowBytes
        self.pixels = image.pixels
    }

    /// Number of pixels.
    package var pixelCount: Int { width * height }

    /// The sample of channel index `channel` at (x, y); all arguments must be in range.
    @inline(__always)
    package func sample(x: Int, y: Int, channel: Int) -> Int {
        if bitsPerSample == 8 {
            return Int(pixels[y * rowBytes + x * channels.count + channel])
        }
        let offset = y * rowBytes + (x * channels.count + channel) * 2
        return Int(pixels[offset]) << 8 | Int(pixels[offset + 1])
    }

    /// The samples of one channel in row-major order.
    package func plane(_ channel: Int) -> [Int] {
        var result: [Int] = []
        result.reserveCapacity(pixelCount)
        for y in 0..<height {
            for x in 0..<width {
                result.append(sample(x: x, y: y, channel: channel))
            }
        }
        return result
    }
}
