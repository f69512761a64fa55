extension PixelLayout {
    /// The layouts tried on every image: zsteg's default set plus per-channel bytes and Invoke-PSImage.
    ///
    /// Bits {0}, {0,1}, {0,1,2}, {0,1,2,3} × channel sets (single channels, `rgb`, `bgr`, and
    /// with alpha `rgba`, `abgr`) × both packings, row-major; then every channel's whole
    /// sample (`b0-7`, the payload written as raw bytes into one channel) and, for colour
    /// images, `b0-3,bg` (Invoke-PSImage).
    /// - Parameters:
    ///   - available: the image's channels, in sample order.
    ///   - bitsPerSample: 8 or 16.
    package static func defaultSweep(available: [Channel], bitsPerSample: Int) -> [PixelLayout] {
        var sets: [[Channel]] = available.map { [$0] }
        let hasColour = available.contains(.red) && available.contains(.green) && available.contains(.blue)
        let hasAlpha = available.contains(.alpha)
        if hasColour {
            sets.append([.red, .green, .blue])
            sets.append([.blue, .green, .red])
            if hasAlpha {
                sets.append([.red, .green, .blue, .alpha])
                sets.append([.alpha, .blue, .green, .red])
            }
        }
        var layouts: [PixelLayout] = []
        for highest in 0...3 {
            for channels in sets {
                for packing in Packing.allCases {
                    layouts.append(PixelLayout(planes: 0...highest, channels: channels, packing: packing))
                }
            }
        }
        let topPlane = bitsPerSample == 16 ? 15 : 7
        for channel in available {
            layouts.append(PixelLayout(planes: 0...topPlane, channels: [channel]))
        }
        if hasColour {
            layouts.append(PixelLayout(planes: 0...3, channels: [.blue, .green]))
        }
        return layouts
    }
}
