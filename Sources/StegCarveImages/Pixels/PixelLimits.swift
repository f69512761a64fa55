/// Resource bounds a ``PixelDecoder`` enforces before it allocates anything.
package struct PixelLimits: Sendable, Equatable {
    /// Largest `width * height` that will be decoded; larger images fail with
    /// ``PixelDecodeError/Kind/limitExceeded`` before any pixel memory is allocated.
    ///
    /// The default, 100 million pixels, admits a 10000×10000 image: up to 800 MB of RGBA
    /// 16-bit output, and for progressive JPEG about as much again in libjpeg's coefficient
    /// buffers.
    package var maxPixels: UInt64

    /// Creates limits; the default is 100 million pixels.
    package init(maxPixels: UInt64 = 100_000_000) {
        self.maxPixels = maxPixels
    }
}
