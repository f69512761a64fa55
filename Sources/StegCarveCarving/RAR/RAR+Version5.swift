import StegCarveBytes

extension RAR {
    /// Walks a RAR 5 archive at `start`: signature, then headers (CRC32 of the header
    /// size, type, flags and fields; vint sizes; optional extra and data areas) to the
    /// end-of-archive header (type 5). The first header must be the main archive header
    /// (type 1) or archive encryption (type 4, after which headers are encrypted and the
    /// walk stops with what it verified).
    package static func walk5(_ bytes: Span<UInt8>, from start: Int) -> Walk? {
        guard bytes.matches(signature5, at: start) else { return nil }
        var position = start + 8
        var files = 0
        var blocks = 0
        while blocks < maximumBlocks {
            guard bytes.contains(offset: position, length: 5) else {
                return blocks == 0 ? nil : Walk(version: 5, declaredEnd: position + 5, fileCount: files, complete: false, headersEncrypted: false)
            }
            var cursor = position + 4
            guard let headerSize = vint(bytes, &cursor), headerSize >= 2, headerSize <= 2 << 20 else { return nil }
            let headerEnd = cursor + headerSize
            guard headerEnd <= bytes.count else {
                return blocks == 0 ? nil : Walk(version: 5, declaredEnd: headerEnd, fileCount: files, complete: false, headersEncrypted: false)
            }
            guard bytes.uint32(at: position, .little) == Zlib.crc32(bytes, in: (position + 4)..<headerEnd),
                  let type = vint(bytes, &cursor), let flags = vint(bytes, &cursor),
                  (1...5).contains(type), blocks > 0 || type == 1 || type == 4 else { return nil }
            if flags & 0x01 != 0 { guard vint(bytes, &cursor) != nil else { return nil } }
            var dataSize = 0
            if flags & 0x02 != 0 {
                guard let size = vint(bytes, &cursor), size < 1 << 40 else { return nil }
                dataSize = size
            }
            guard cursor <= headerEnd else { return nil }
            if type == 2 { files += 1 }
            blocks += 1
            let end = headerEnd + dataSize
            if type == 5 { return Walk(version: 5, declaredEnd: end, fileCount: files, complete: true, headersEncrypted: false) }
            if type == 4 { return Walk(version: 5, declaredEnd: end, fileCount: files, complete: true, headersEncrypted: true) }
            guard end <= bytes.count else {
                return Walk(version: 5, declaredEnd: end, fileCount: files, complete: false, headersEncrypted: false)
            }
            position = end
        }
        return nil
    }

    /// A RAR 5 variable-length integer (7 bits per byte, low first, high bit continues;
    /// at most 10 bytes), advancing `cursor`; `nil` when it runs out or overflows 63 bits.
    static func vint(_ bytes: Span<UInt8>, _ cursor: inout Int) -> Int? {
        var value = 0
        var shift = 0
        while shift < 63 {
            guard let byte = bytes.uint8(at: cursor) else { return nil }
            cursor += 1
            value |= Int(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
        return nil
    }
}
