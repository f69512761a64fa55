/// Writes RGBA pixels as a PNG (<https://www.w3.org/TR/png-3/>): signature, IHDR (8-bit
/// truecolour with alpha, no interlace), one IDAT of zlib-compressed rows with filter type 0,
/// IEND. Small thumbnails only; compression and CRC-32 come from the system zlib.
package enum PNGEncoder {
    /// The PNG bytes of a `width`×`height` image whose `rgba` holds 4 bytes per pixel, rows
    /// top to bottom; `nil` when the sizes disagree or zlib fails.
    package static func encode(width: Int, height: Int, rgba: [UInt8]) -> [UInt8]? {
        let (rowBytes, rowOverflow) = width.multipliedReportingOverflow(by: 4)
        let (total, totalOverflow) = rowBytes.multipliedReportingOverflow(by: height)
        guard width > 0, height > 0, width <= 0x7FFF_FFFF, height <= 0x7FFF_FFFF,
              !rowOverflow, !totalOverflow, total == rgba.count
        else { return nil }
        var filtered: [UInt8] = []
        filtered.reserveCapacity(rgba.count + height)
        for row in 0..<height {
            filtered.append(0)
            filtered.append(contentsOf: rgba[(row * rowBytes)..<((row + 1) * rowBytes)])
        }
        guard let compressed = ZlibDeflate.compress(filtered) else { return nil }
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var header: [UInt8] = []
        header.append(contentsOf: bigEndian(UInt32(width)))
        header.append(contentsOf: bigEndian(UInt32(height)))
        header.append(contentsOf: [8, 6, 0, 0, 0])
        png += chunk("IHDR", header)
        png += chunk("IDAT", compressed)
        png += chunk("IEND", [])
        return png
    }

    private static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typeBytes = Array(type.utf8)
        return bigEndian(UInt32(data.count)) + typeBytes + data + bigEndian(ZlibDeflate.crc32(typeBytes + data))
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }
}
