import StegCarveBytes
import StegCarveImages

/// Decodes the pixels of an uncompressed 24- or 32-bit BMP (`BI_RGB`, or `BI_BITFIELDS` with
/// the standard masks) for steganalysis: what LSB tools such as wbStego and many malware
/// droppers write into. Rows come out top-down as RGB (24-bit) or RGBA (32-bit, the fourth
/// byte as stored); so `planes:…,bgr,…,xy-bottom-up` reads the bytes in file order.
///
/// Specification: Microsoft, "BITMAPINFOHEADER" and "Bitmap Storage"
/// <https://learn.microsoft.com/en-us/windows/win32/gdi/bitmap-storage>. Every other BMP
/// (palettes, RLE, JPEG/PNG inside, 16-bit) is "not analysed", never an error.
package enum BMPPixels {
    /// The decoded picture, or why not.
    package static func decode(_ bytes: Span<UInt8>, maxPixels: UInt64) -> Result<DecodedImage, PixelReadError> {
        guard bytes.matches([0x42, 0x4D], at: 0), let pixelOffset = bytes.uint32(at: 10, .little),
              let headerSize = bytes.uint32(at: 14, .little), headerSize >= 40,
              let rawWidth = bytes.uint32(at: 18, .little), let rawHeight = bytes.uint32(at: 22, .little),
              let planes = bytes.uint16(at: 26, .little), let bitCount = bytes.uint16(at: 28, .little),
              let compression = bytes.uint32(at: 30, .little) else {
            return .failure(.unsupported("not a BMP with a BITMAPINFOHEADER"))
        }
        let width = Int(Int32(bitPattern: rawWidth)), signedHeight = Int(Int32(bitPattern: rawHeight))
        let topDown = signedHeight < 0
        let height = signedHeight.magnitude > Int32.max.magnitude ? 0 : Int(signedHeight.magnitude)
        guard planes == 1, bitCount == 24 || bitCount == 32, width > 0, height > 0 else {
            return .failure(.unsupported("\(bitCount)-bit, \(width)x\(signedHeight): only 24- and 32-bit BMPs are analysed"))
        }
        // BI_RGB, or BI_BITFIELDS (3) with 32-bit masks R=00FF0000 G=0000FF00 B=000000FF.
        if compression == 3 {
            guard bitCount == 32, bytes.uint32(at: 40, .little) == 0x00FF_0000, bytes.uint32(at: 44, .little) == 0x0000_FF00,
                  bytes.uint32(at: 48, .little) == 0x0000_00FF else {
                return .failure(.unsupported("bit fields other than 8-8-8"))
            }
        } else if compression != 0 {
            return .failure(.unsupported("compression \(compression)"))
        }
        let (pixels, overflow) = UInt64(width).multipliedReportingOverflow(by: UInt64(height))
        guard !overflow, pixels <= maxPixels else {
            return .failure(.overLimit(pixels: overflow ? .max : pixels, limit: maxPixels))
        }
        let bytesPerPixel = Int(bitCount) / 8
        guard let rowBits = width.multiplying(Int(bitCount)), let stride = rowBits.adding(31).map({ $0 / 32 * 4 }),
              let size = stride.multiplying(height), let start = Int(exactly: pixelOffset),
              bytes.contains(offset: start, length: size) else {
            return .failure(.unsupported("pixel array outside the file"))
        }
        let channels = bytesPerPixel
        let rowBytes = width * channels
        var output = [UInt8](repeating: 0, count: rowBytes * height)
        for row in 0..<height {
            let source = start + (topDown ? row : height - 1 - row) * stride
            let target = row * rowBytes
            for x in 0..<width {
                let p = source + x * bytesPerPixel, q = target + x * channels
                output[q] = bytes[p + 2]
                output[q + 1] = bytes[p + 1]
                output[q + 2] = bytes[p]
                if channels == 4 { output[q + 3] = bytes[p + 3] }
            }
        }
        let description = ImageDescription(
            width: width, height: height, colorModel: channels == 4 ? .rgba : .rgb, sourceBitsPerSample: 8,
            sourceChannels: channels, outputChannels: channels, outputBitsPerSample: 8, rowBytes: rowBytes,
            isProgressiveOrInterlaced: false, usesArithmeticCoding: false)
        return .success(DecodedImage(description: description, pixels: output))
    }
}

/// Why one of the stage's own pixel readers (``BMPPixels``, ``BMPPalette``, ``GIFIndices``)
/// did not read a picture.
package enum PixelReadError: Error, Sendable, Equatable {
    /// A picture this reader does not analyse (or not its format); the reason.
    case unsupported(String)
    /// More pixels than the limit.
    case overLimit(pixels: UInt64, limit: UInt64)
}
