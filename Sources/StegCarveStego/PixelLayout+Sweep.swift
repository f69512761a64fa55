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

extension PixelLayout {
    /// The layouts tried with `--stego all`: bits {0} … {0–7} × the default channel sets
    /// (single channels, `rgb`, `bgr`, `rgba`, `abgr`) × both packings × the three pixel
    /// orders, plus Invoke-PSImage (and 16-bit whole samples) in every order. `b0-7` of a
    /// single channel is the per-channel byte de-interleaving.
    package static func fullSweep(available: [Channel], bitsPerSample: Int) -> [PixelLayout] {
        var sets: [[Channel]] = available.map { [$0] }
        let hasColour = available.contains(.red) && available.contains(.green) && available.contains(.blue)
        if hasColour {
            sets.append([.red, .green, .blue])
            sets.append([.blue, .green, .red])
            if available.contains(.alpha) {
                sets.append([.red, .green, .blue, .alpha])
                sets.append([.alpha, .blue, .green, .red])
            }
        }
        let topPlane = bitsPerSample == 16 ? 15 : 7
        var layouts: [PixelLayout] = []
        for order in Order.allCases {
            for highest in 0...7 {
                for channels in sets {
                    for packing in Packing.allCases {
                        layouts.append(PixelLayout(planes: 0...highest, channels: channels, packing: packing, order: order))
                    }
                }
            }
            if topPlane > 7 {
                for channel in available {
                    layouts.append(PixelLayout(planes: 0...topPlane, channels: [channel], order: order))
                }
            }
            if hasColour {
                layouts.append(PixelLayout(planes: 0...3, channels: [.blue, .green], order: order))
            }
        }
        return layouts
    }
}

extension PixelLayout {
    /// The layouts tried on a palette picture's indices: bits {0} … {0–3} (`all`: up to the
    /// index width) of `index` × both packings, and bit 0 of `index-by-luma` (EzStego) × both
    /// packings; row-major, plus `xy-bottom-up` when `bottomUp` (BMP file order; `all`: every order).
    package static func indexSweep(bitsPerIndex: Int, full: Bool, bottomUp: Bool) -> [PixelLayout] {
        let orders: [Order] = full ? Order.allCases : (bottomUp ? [.rowMajor, .rowMajorBottomUp] : [.rowMajor])
        let top = max(0, min(full ? 7 : 3, bitsPerIndex - 1))
        var layouts: [PixelLayout] = []
        for order in orders {
            for highest in 0...top {
                for packing in Packing.allCases {
                    layouts.append(PixelLayout(planes: 0...highest, channels: [.index], packing: packing, order: order))
                }
            }
            for packing in Packing.allCases {
                layouts.append(PixelLayout(planes: 0...0, channels: [.indexByLuma], packing: packing, order: order))
            }
        }
        return layouts
    }
}
