import StegCarveBytes

/// The colour indices of a GIF's first image: the image descriptor's frame, its local (or
/// the global) colour table, and its LZW data decoded by ``GIFLZW``; interlaced frames are
/// put back in display order. No system library decodes GIF here.
///
/// Specification: GIF89a (W3C-hosted "Graphics Interchange Format Version 89a"), sections 18
/// (Logical Screen Descriptor), 19–21 (colour tables, Image Descriptor), 22 (Table Based Image
/// Data), Appendix E (interlaced order), Appendix F (variable-length-code LZW).
package enum GIFIndices {
    package static func decode(_ bytes: Span<UInt8>, maxPixels: UInt64) -> Result<PaletteImage, PixelReadError> {
        guard bytes.matches(Array("GIF8".utf8), at: 0), let packed = bytes.uint8(at: 10) else {
            return .failure(.unsupported("not a GIF"))
        }
        var offset = 13
        var globalTable: [(UInt8, UInt8, UInt8)] = []
        var globalBits = 8
        if packed & 0x80 != 0 {
            globalBits = Int(packed & 7) + 1
            globalTable = table(bytes, at: offset, entries: 1 << globalBits)
            offset += 3 << globalBits
        }
        while let introducer = bytes.uint8(at: offset) {
            switch introducer {
            case 0x21:
                guard let end = skipSubBlocks(bytes, from: offset + 2) else { return .failure(.unsupported("truncated extension")) }
                offset = end
            case 0x2C:
                return image(bytes, at: offset, globalTable: globalTable, globalBits: globalBits, maxPixels: maxPixels)
            default:
                return .failure(.unsupported("no image before \(introducer == 0x3B ? "the trailer" : "an unknown block")"))
            }
        }
        return .failure(.unsupported("no image"))
    }

    private static func image(
        _ bytes: Span<UInt8>, at descriptor: Int, globalTable: [(UInt8, UInt8, UInt8)], globalBits: Int, maxPixels: UInt64
    ) -> Result<PaletteImage, PixelReadError> {
        guard let w = bytes.uint16(at: descriptor + 5, .little), let h = bytes.uint16(at: descriptor + 7, .little),
              let flags = bytes.uint8(at: descriptor + 9), w > 0, h > 0 else {
            return .failure(.unsupported("truncated or empty image descriptor"))
        }
        let width = Int(w), height = Int(h)
        let pixels = UInt64(width * height)
        guard pixels <= maxPixels else { return .failure(.overLimit(pixels: pixels, limit: maxPixels)) }
        var offset = descriptor + 10
        var palette = globalTable
        var bits = globalBits
        if flags & 0x80 != 0 {
            bits = Int(flags & 7) + 1
            palette = table(bytes, at: offset, entries: 1 << bits)
            offset += 3 << bits
        }
        guard let minimumCodeSize = bytes.uint8(at: offset), (2...8).contains(minimumCodeSize) else {
            return .failure(.unsupported("LZW minimum code size outside 2...8"))
        }
        // The sub-blocks joined; LZW needs at most a few bits per pixel more than the output.
        var data: [UInt8] = []
        var block = offset + 1
        let cap = width * height * 2 + 4096
        while let length = bytes.uint8(at: block), length > 0, data.count < cap {
            data += bytes.bytes(in: (block + 1)..<(block + 1 + Int(length)))
            block += 1 + Int(length)
        }
        // LZW with 12-bit codes expands at most about 2,730 times (once the table is full and
        // not cleared, every 12-bit code can repeat an entry about 4,090 symbols long); data too
        // short to fill the frame even at that ratio is truncated or hostile, not worth the
        // allocation.
        guard data.count >= width * height / GIFLZW.maximumExpansion else {
            return .failure(.unsupported("\(data.count) bytes of LZW data cannot fill \(width)x\(height) pixels"))
        }
        var indices = GIFLZW.decode(data, minimumCodeSize: Int(minimumCodeSize), count: width * height)
        if flags & 0x40 != 0 { indices = deinterlace(indices, width: width, height: height) }
        guard let image = PaletteImage(width: width, height: height, bitsPerIndex: min(8, bits), indices: indices, palette: palette) else {
            return .failure(.unsupported("inconsistent image"))
        }
        return .success(image)
    }

    private static func table(_ bytes: Span<UInt8>, at offset: Int, entries: Int) -> [(UInt8, UInt8, UInt8)] {
        (0..<entries).compactMap { entry in
            let at = offset + entry * 3
            guard let r = bytes.uint8(at: at), let g = bytes.uint8(at: at + 1), let b = bytes.uint8(at: at + 2) else { return nil }
            return (r, g, b)
        }
    }

    private static func skipSubBlocks(_ bytes: Span<UInt8>, from start: Int) -> Int? {
        var offset = start
        while let length = bytes.uint8(at: offset) {
            if length == 0 { return offset + 1 }
            offset += 1 + Int(length)
        }
        return nil
    }

    /// Rows stored in the four passes of Appendix E (every 8th from 0, every 8th from 4, every
    /// 4th from 2, every 2nd from 1), put back top-down.
    static func deinterlace(_ stored: [UInt8], width: Int, height: Int) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: stored.count)
        var storedRow = 0
        for (start, step) in [(0, 8), (4, 8), (2, 4), (1, 2)] {
            var row = start
            while row < height {
                output[(row * width)..<((row + 1) * width)] = stored[(storedRow * width)..<((storedRow + 1) * width)]
                storedRow += 1
                row += step
            }
        }
        return output
    }
}

/// GIF's variable-length-code LZW (GIF89a Appendix F): codes packed LSB-first, a clear code
/// (2^minimum) and an end code, code width growing to 12 bits. Bounded: stops at `count`
/// indices or at the first invalid code, and the rest stays 0.
package enum GIFLZW {
    /// Upper bound on output symbols per input byte (4,096 symbols per 12-bit code ≈ 2,731).
    package static let maximumExpansion = 2800
    package static func decode(_ data: [UInt8], minimumCodeSize: Int, count: Int) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: count)
        guard (2...8).contains(minimumCodeSize), count > 0 else { return output }
        let clear = 1 << minimumCodeSize, end = clear + 1
        var prefix = [Int](repeating: -1, count: 4096)
        var suffix = [UInt8](repeating: 0, count: 4096)
        var first = [UInt8](repeating: 0, count: 4096)
        var length = [Int](repeating: 0, count: 4096)
        for code in 0..<clear {
            suffix[code] = UInt8(code)
            first[code] = UInt8(code)
            length[code] = 1
        }
        var codeSize = minimumCodeSize + 1
        var next = end + 1
        var previous = -1
        var position = 0
        var bitBuffer = 0, bitCount = 0, byteIndex = 0

        func emit(_ code: Int) {
            let n = length[code]
            var at = position + n - 1
            var walk = code
            while walk >= 0, at >= position {
                if at < count { output[at] = suffix[walk] }
                walk = prefix[walk]
                at -= 1
            }
            position += n
        }

        func add(_ next: inout Int, _ previous: Int, _ character: UInt8) {
            prefix[next] = previous
            suffix[next] = character
            first[next] = first[previous]
            length[next] = length[previous] + 1
            next += 1
        }

        while position < count {
            while bitCount < codeSize, byteIndex < data.count {
                bitBuffer |= Int(data[byteIndex]) << bitCount
                byteIndex += 1
                bitCount += 8
            }
            guard bitCount >= codeSize else { break }
            let code = bitBuffer & ((1 << codeSize) - 1)
            bitBuffer >>= codeSize
            bitCount -= codeSize
            if code == clear {
                codeSize = minimumCodeSize + 1
                next = end + 1
                previous = -1
                continue
            }
            if code == end { break }
            if previous < 0 {
                guard code < clear else { break }
                emit(code)
                previous = code
                continue
            }
            if code < next {
                emit(code)
                if next < 4096 { add(&next, previous, first[code]) }
            } else if code == next, next < 4096 {
                add(&next, previous, first[previous])
                emit(code)
            } else {
                break
            }
            if next == 1 << codeSize, codeSize < 12 { codeSize += 1 }
            previous = code
        }
        return output
    }
}
