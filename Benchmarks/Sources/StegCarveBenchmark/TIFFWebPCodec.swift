import CBenchmarkTIFF
import CBenchmarkWebP
import Foundation

/// The synthetic photos as Deflate TIFF (horizontal predictor, 64-row strips: what image
/// editors write) and lossless WebP, and plain libtiff/libwebp decoding of them. The benchmark
/// feeds these libraries only its own pictures.
enum TIFFWebPCodec {
    /// Sets one libtiff tag (`TIFFSetField` is variadic, so through its `va_list` twin).
    private static func set(_ tiff: OpaquePointer, _ tag: Int32, _ value: CVarArg) {
        _ = withVaList([value]) { TIFFVSetField(tiff, UInt32(tag), $0) }
    }

    /// Writes `pixels` (8-bit, `channels` per pixel) to `path` as a Deflate TIFF; `false` on failure.
    static func writeTIFF(_ pixels: [UInt8], width: Int, height: Int, channels: Int, to path: String) -> Bool {
        guard let tiff = TIFFOpen(path, "w") else { return false }
        defer { TIFFClose(tiff) }
        set(tiff, TIFFTAG_IMAGEWIDTH, UInt32(width))
        set(tiff, TIFFTAG_IMAGELENGTH, UInt32(height))
        set(tiff, TIFFTAG_BITSPERSAMPLE, Int32(8))
        set(tiff, TIFFTAG_SAMPLESPERPIXEL, Int32(channels))
        set(tiff, TIFFTAG_PHOTOMETRIC, Int32(PHOTOMETRIC_RGB))
        set(tiff, TIFFTAG_PLANARCONFIG, Int32(PLANARCONFIG_CONTIG))
        set(tiff, TIFFTAG_COMPRESSION, Int32(COMPRESSION_ADOBE_DEFLATE))
        set(tiff, TIFFTAG_PREDICTOR, Int32(PREDICTOR_HORIZONTAL))
        set(tiff, TIFFTAG_ROWSPERSTRIP, UInt32(64))
        if channels == 4 {
            var extra: UInt16 = UInt16(EXTRASAMPLE_UNASSALPHA)
            _ = withUnsafeMutablePointer(to: &extra) { pointer in
                withVaList([Int32(1), pointer]) { TIFFVSetField(tiff, UInt32(TIFFTAG_EXTRASAMPLES), $0) }
            }
        }
        let rowBytes = width * channels
        for y in 0..<height {
            // A copy: with the predictor libtiff differences the row in place.
            var row = Array(pixels[(y * rowBytes)..<((y + 1) * rowBytes)])
            let written = row.withUnsafeMutableBytes { TIFFWriteScanline(tiff, $0.baseAddress, UInt32(y), 0) }
            if written < 0 { return false }
        }
        return true
    }

    /// Decodes every strip of the TIFF at `path` with libtiff into `buffer`; `false` on failure.
    static func decodeTIFF(at path: String, into buffer: inout [UInt8]) -> Bool {
        guard let tiff = TIFFOpen(path, "r") else { return false }
        defer { TIFFClose(tiff) }
        let stripSize = Int(TIFFStripSize64(tiff))
        let strips = Int(TIFFNumberOfStrips(tiff))
        if buffer.count < stripSize * strips { buffer = [UInt8](repeating: 0, count: stripSize * strips) }
        var offset = 0
        for strip in 0..<strips {
            let got = buffer.withUnsafeMutableBytes { memory in
                TIFFReadEncodedStrip(tiff, UInt32(strip), memory.baseAddress.map { $0 + offset }, tmsize_t(stripSize))
            }
            if got < 0 { return false }
            offset += Int(got)
        }
        return true
    }

    /// `pixels` as a lossless WebP (libwebp's simple API, its defaults: quality 70, method 4).
    static func encodeWebP(_ pixels: [UInt8], width: Int, height: Int, channels: Int) -> [UInt8]? {
        var output: UnsafeMutablePointer<UInt8>?
        let size = pixels.withUnsafeBufferPointer { source in
            channels == 4
                ? WebPEncodeLosslessRGBA(source.baseAddress, Int32(width), Int32(height), Int32(width * 4), &output)
                : WebPEncodeLosslessRGB(source.baseAddress, Int32(width), Int32(height), Int32(width * 3), &output)
        }
        guard size > 0, let output else { return nil }
        defer { WebPFree(output) }
        return Array(UnsafeBufferPointer(start: output, count: size))
    }

    /// Decodes a WebP with libwebp into `buffer` (8-bit, `channels` per pixel); `false` on failure.
    static func decodeWebP(_ file: [UInt8], width: Int, height: Int, channels: Int, into buffer: inout [UInt8]) -> Bool {
        let needed = width * height * channels
        if buffer.count != needed { buffer = [UInt8](repeating: 0, count: needed) }
        let result = file.withUnsafeBufferPointer { source in
            buffer.withUnsafeMutableBufferPointer { target in
                channels == 4
                    ? WebPDecodeRGBAInto(source.baseAddress, source.count, target.baseAddress, needed, Int32(width * 4))
                    : WebPDecodeRGBInto(source.baseAddress, source.count, target.baseAddress, needed, Int32(width * 3))
            }
        }
        return result != nil
    }
}
