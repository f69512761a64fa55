import StegCarveBytes

/// Reads the colour indices of an uncompressed palette BMP (1, 2, 4 or 8 bits per pixel,
/// `BI_RGB`): what wbStego and index-LSB tools write into. Rows come out top-down, so
/// `xy-bottom-up` layouts read the indices in file order.
///
/// Specification: Microsoft, "Bitmap Storage" and "BITMAPINFOHEADER"
/// <https://learn.microsoft.com/en-us/windows/win32/gdi/bitmap-storage>: the colour table
/// (`biClrUsed` entries, or 2^bits when 0, 4 bytes B,G,R,reserved each) follows the info header;
/// rows are padded to 4 bytes; within a byte the leftmost pixel is in the most significant bits.
package enum BMPPalette {
    package static func decode(_ bytes: Span<UInt8>, maxPixels: UInt64) -> Result<PaletteImage, PixelReadError> {
        guard bytes.matches([0x42, 0x4D], at: 0), let pixelOffset = bytes.uint32(at: 10, .little),
              let headerSize = bytes.uint32(at: 14, .little), headerSize >= 40, headerSize <= 1024,
              let rawWidth = bytes.uint32(at: 18, .little), let rawHeight = bytes.uint32(at: 22, .little),
              let bitCount = bytes.uint16(at: 28, .little), let compression = bytes.uint32(at: 30, .little),
              let colorsUsed = bytes.uint32(at: 46, .little) else {
            return .failure(.unsupported("not a BMP with a BITMAPINFOHEADER"))
        }
        let bits = Int(bitCount)
        let width = Int(Int32(bitPattern: rawWidth)), signedHeight = Int(Int32(bitPattern: rawHeight))
        let height = signedHeight.magnitude > Int32.max.magnitude ? 0 : Int(signedHeight.magnitude)
        guard [1, 2, 4, 8].contains(bits), compression == 0, width > 0, height > 0 else {
            return .failure(.unsupported("\(bits)-bit, compression \(compression): only uncompressed palette BMPs"))
        }
        let (pixels, overflow) = UInt64(width).multipliedReportingOverflow(by: UInt64(height))
        guard !overflow, pixels <= maxPixels else { return .failure(.overLimit(pixels: overflow ? .max : pixels, limit: maxPixels)) }
        let entries = colorsUsed == 0 ? 1 << bits : min(Int(colorsUsed), 1 << bits)
        let tableStart = 14 + Int(headerSize)
        guard bytes.contains(offset: tableStart, length: entries * 4) else { return .failure(.unsupported("colour table outside the file")) }
        let palette = (0..<entries).map { entry in
            let at = tableStart + entry * 4
            return (bytes[at + 2], bytes[at + 1], bytes[at])
        }
        guard let rowBits = width.multiplying(bits), let stride = rowBits.adding(31).map({ $0 / 32 * 4 }),
              let size = stride.multiplying(height), let start = Int(exactly: pixelOffset),
              bytes.contains(offset: start, length: size) else {
            return .failure(.unsupported("pixel array outside the file"))
        }
        let stored = bytes.bytes(in: start..<(start + size))
        let topDown = signedHeight < 0
        let indices = PaletteImage.unpack(stored, width: width, height: height, bitsPerIndex: bits) { y in
            (topDown ? y : height - 1 - y) * stride
        }
        guard let image = PaletteImage(width: width, height: height, bitsPerIndex: bits, indices: indices, palette: palette) else {
            return .failure(.unsupported("inconsistent palette picture"))
        }
        return .success(image)
    }
}
