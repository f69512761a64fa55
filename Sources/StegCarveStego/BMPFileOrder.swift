import StegCarveBytes

/// wbStego's bits read exactly as it writes them: bit 0 of every sample of an uncompressed
/// BMP's pixel array in file order, row padding included, packed MSB-first — every byte for
/// 8/24-bit pictures, every 4-bit index (high nibble first) for 4-bit ones. Where rows have
/// no padding this equals `planes:b0,bgr,msb-first,xy-bottom-up` (24-bit) or
/// `planes:b0,index,msb-first,xy-bottom-up` (palette); where they do, only this reading keeps
/// the bits in place. Layout name: ``layoutName``.
package enum BMPFileOrder {
    package static let layoutName = "file-order:b0,msb-first"

    /// The pixel array's range, bits per pixel and whether rows carry padding; `nil` unless the
    /// file is an uncompressed 4/8/24-bit BMP whose pixel array lies inside it.
    package static func pixelArray(_ bytes: Span<UInt8>) -> (range: Range<Int>, bitsPerPixel: Int, padded: Bool)? {
        guard bytes.matches([0x42, 0x4D], at: 0), let offset = bytes.uint32(at: 10, .little),
              let headerSize = bytes.uint32(at: 14, .little), headerSize >= 40,
              let rawWidth = bytes.uint32(at: 18, .little), let rawHeight = bytes.uint32(at: 22, .little),
              let bitCount = bytes.uint16(at: 28, .little), let compression = bytes.uint32(at: 30, .little),
              compression == 0, [4, 8, 24].contains(bitCount) else { return nil }
        let width = Int(Int32(bitPattern: rawWidth)), height = Int(Int32(bitPattern: rawHeight).magnitude)
        guard width > 0, height > 0, let rowBits = width.multiplying(Int(bitCount)),
              let stride = rowBits.adding(31).map({ $0 / 32 * 4 }), let size = stride.multiplying(height),
              let start = Int(exactly: offset), bytes.contains(offset: start, length: size) else { return nil }
        return (start..<(start + size), Int(bitCount), stride * 8 != rowBits)
    }

    /// The first `maxBytes` bytes of the stream (fewer when the array is shorter).
    package static func stream(_ bytes: Span<UInt8>, array: Range<Int>, bitsPerPixel: Int, maxBytes: Int) -> [UInt8] {
        let bitsPerByte = bitsPerPixel == 4 ? 2 : 1
        let count = min(max(maxBytes, 0), array.count * bitsPerByte / 8)
        var output = [UInt8](repeating: 0, count: count)
        var bit = 0
        var position = array.lowerBound
        while bit < count * 8, position < array.upperBound {
            let byte = bytes[position]
            let bits: [UInt8] = bitsPerByte == 2 ? [(byte >> 4) & 1, byte & 1] : [byte & 1]
            for value in bits where bit < count * 8 {
                output[bit >> 3] |= value << (7 - (bit & 7))
                bit += 1
            }
            position += 1
        }
        return output
    }

    /// Bytes of stream the pixel array holds.
    package static func capacity(array: Range<Int>, bitsPerPixel: Int) -> Int {
        array.count * (bitsPerPixel == 4 ? 2 : 1) / 8
    }
}

extension StegoAnalyzer {
    /// For a BMP whose rows carry padding: wbStego's header in the file-order bits
    /// (``BMPFileOrder``) as a stream, if there. `padded` is false when the pixel layouts read
    /// the same bits (then nothing is added).
    func wbStegoFileOrder(_ bytes: Span<UInt8>) -> (padded: Bool, stream: ExtractedStream?) {
        guard let (array, bits, padded) = BMPFileOrder.pixelArray(bytes), padded else { return (false, nil) }
        let capacity = BMPFileOrder.capacity(array: array, bitsPerPixel: bits)
        let prefix = BMPFileOrder.stream(bytes, array: array, bitsPerPixel: bits, maxBytes: limits.prefixBytes)
        guard let header = WbStegoHeader(prefix, capacity: capacity) else { return (true, nil) }
        let full = BMPFileOrder.stream(bytes, array: array, bitsPerPixel: bits, maxBytes: min(limits.maxStreamBytes, header.dataRange.upperBound))
        return (true, ExtractedStream(layout: BMPFileOrder.layoutName, hit: .wbStego, bytes: full))
    }
}
