import StegCarveImages

/// A small picture of the scanned image for the report page: decoded through libjpeg, libpng,
/// libtiff or libwebp (``PixelDecoder``), scaled down in Swift with a box filter, and encoded
/// as a PNG.
package struct Thumbnail: Sendable, Equatable {
    /// Size of the thumbnail.
    package var width: Int
    package var height: Int
    /// Size of the decoded picture.
    package var sourceWidth: Int
    package var sourceHeight: Int
    /// The PNG bytes.
    package var png: [UInt8]

    /// Longest side of a thumbnail, in pixels.
    package static let maximumSide = 192

    /// Why there is no thumbnail.
    package struct Unavailable: Error, Sendable, Equatable {
        package var reason: String
    }

    /// The decoder for a report's `format`, if StegCarve decodes its pixels.
    package static func container(forFormat format: String) -> PixelContainer? {
        PixelContainer(rawValue: format)
    }

    /// Decodes the first picture of `bytes` and scales it to fit ``maximumSide``.
    ///
    /// The decoder refuses pictures larger than `maxPixels` before it allocates pixel memory,
    /// so a hostile header cannot make the report allocate more than that (times 8 bytes, the
    /// widest decoded pixel).
    /// - Throws: ``Unavailable`` with the decoder's reason.
    package init(bytes: Span<UInt8>, format: String, maxPixels: UInt64) throws(Unavailable) {
        guard let container = Self.container(forFormat: format) else {
            throw Unavailable(reason: "no pixel decoder for \(format) pictures")
        }
        let decoded: DecodedImage
        do {
            decoded = try PixelDecoder(limits: PixelLimits(maxPixels: maxPixels)).decode(bytes, as: container)
        } catch {
            throw Unavailable(reason: "the picture does not decode: \(error)")
        }
        try self.init(decoded)
    }

    /// Scales decoded pixels down (never up) to fit ``maximumSide``.
    /// - Throws: ``Unavailable`` for a layout the converter does not know.
    package init(_ image: DecodedImage) throws(Unavailable) {
        let description = image.description
        let channels = description.outputChannels
        let sampleBytes = description.outputBitsPerSample / 8
        let width = description.width
        let height = description.height
        guard width > 0, height > 0, (1...4).contains(channels), sampleBytes == 1 || sampleBytes == 2,
              description.rowBytes == width * channels * sampleBytes,
              image.pixels.count >= description.rowBytes * height
        else { throw Unavailable(reason: "unexpected decoded layout") }
        // TIFF palette pictures decode to their indices, which are not colours.
        guard description.colorModel != .palette || channels >= 3 else {
            throw Unavailable(reason: "palette indices, not colours")
        }
        let scale = min(1.0, Double(Self.maximumSide) / Double(max(width, height)))
        let targetWidth = max(1, Int((Double(width) * scale).rounded()))
        let targetHeight = max(1, Int((Double(height) * scale).rounded()))
        let cmyk = description.colorModel == .cmyk || description.colorModel == .ycck
        var sums = [Int](repeating: 0, count: targetWidth * targetHeight * 4)
        var counts = [Int](repeating: 0, count: targetWidth * targetHeight)
        let pixels = image.pixels
        let rowBytes = description.rowBytes
        for y in 0..<height {
            let ty = y * targetHeight / height
            let row = y * rowBytes
            for x in 0..<width {
                let tx = x * targetWidth / width
                let base = row + x * channels * sampleBytes
                // 16-bit samples are big-endian: the first byte is the high one.
                func sample(_ channel: Int) -> Int { Int(pixels[base + channel * sampleBytes]) }
                let rgba: (Int, Int, Int, Int)
                switch channels {
                case 1: rgba = (sample(0), sample(0), sample(0), 255)
                case 2: rgba = (sample(0), sample(0), sample(0), sample(1))
                case 3: rgba = (sample(0), sample(1), sample(2), 255)
                default:
                    if cmyk {
                        // libjpeg passes Adobe's inverted CMYK through: R = C'·K'/255.
                        let k = sample(3)
                        rgba = (sample(0) * k / 255, sample(1) * k / 255, sample(2) * k / 255, 255)
                    } else {
                        rgba = (sample(0), sample(1), sample(2), sample(3))
                    }
                }
                let target = ty * targetWidth + tx
                sums[target * 4] += rgba.0
                sums[target * 4 + 1] += rgba.1
                sums[target * 4 + 2] += rgba.2
                sums[target * 4 + 3] += rgba.3
                counts[target] += 1
            }
        }
        var output = [UInt8](repeating: 0, count: targetWidth * targetHeight * 4)
        for target in 0..<(targetWidth * targetHeight) {
            let count = max(counts[target], 1)
            for channel in 0..<4 {
                output[target * 4 + channel] = UInt8(clamping: sums[target * 4 + channel] / count)
            }
        }
        guard let png = PNGEncoder.encode(width: targetWidth, height: targetHeight, rgba: output) else {
            throw Unavailable(reason: "the thumbnail could not be encoded")
        }
        self.width = targetWidth
        self.height = targetHeight
        self.sourceWidth = width
        self.sourceHeight = height
        self.png = png
    }
}
