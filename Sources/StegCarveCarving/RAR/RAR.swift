import StegCarveBytes

/// Namespace for RAR archives: RAR 1.5–4.x (`Rar!\x1A\x07\x00`) and RAR 5.0
/// (`Rar!\x1A\x07\x01\x00`), after RARLAB's technote (https://www.rarlab.com/technote.htm).
package enum RAR {
    /// The RAR 4 marker block.
    package static let signature4: [UInt8] = [0x52, 0x61, 0x72, 0x21, 0x1A, 0x07, 0x00]
    /// The RAR 5 signature.
    package static let signature5: [UInt8] = [0x52, 0x61, 0x72, 0x21, 0x1A, 0x07, 0x01, 0x00]

    /// Most blocks walked (bounds hostile inputs).
    static let maximumBlocks = 1_000_000

    /// Where a walk of RAR blocks ended.
    package struct Walk: Sendable, Equatable {
        /// Format version: 4 (1.5–4.x) or 5.
        package var version: Int
        /// One past the end-of-archive block, or the declared end of the block cut short.
        package var declaredEnd: Int
        /// File headers passed.
        package var fileCount: Int
        /// The end-of-archive block was reached (otherwise the bytes ran out).
        package var complete: Bool
        /// RAR 5 archive encryption: the headers after it are encrypted and not walked.
        package var headersEncrypted: Bool
    }

    /// Walks a RAR 4 archive at `start`: marker, then blocks (HEAD_CRC, HEAD_TYPE,
    /// HEAD_FLAGS, HEAD_SIZE, ADD_SIZE when flag 0x8000, or PACK_SIZE for file blocks) to
    /// the end-of-archive block (0x7B). The main header (0x73) must follow the marker and
    /// every block's HEAD_CRC (low 16 bits of CRC-32) must match.
    package static func walk4(_ bytes: Span<UInt8>, from start: Int) -> Walk? {
        guard bytes.matches(signature4, at: start) else { return nil }
        var position = start + 7
        var files = 0
        var blocks = 0
        while blocks < maximumBlocks {
            guard bytes.contains(offset: position, length: 7) else {
                return blocks == 0 ? nil : Walk(version: 4, declaredEnd: position + 7, fileCount: files, complete: false, headersEncrypted: false)
            }
            let type = bytes[position + 2]
            guard let flags = bytes.uint16(at: position + 3, .little), let headSize = bytes.uint16(at: position + 5, .little),
                  headSize >= 7, (0x73...0x7B).contains(type), blocks > 0 || type == 0x73 else { return nil }
            guard bytes.contains(offset: position, length: Int(headSize)) else {
                return blocks == 0 ? nil : Walk(version: 4, declaredEnd: position + Int(headSize), fileCount: files, complete: false, headersEncrypted: false)
            }
            let crc = UInt16(truncatingIfNeeded: Zlib.crc32(bytes, in: (position + 2)..<(position + Int(headSize))))
            guard bytes.uint16(at: position, .little) == crc else { return nil }
            var dataSize = 0
            if type == 0x74 || type == 0x7A || flags & 0x8000 != 0 {
                guard headSize >= 11, let low = bytes.uint32(at: position + 7, .little) else { return nil }
                dataSize = Int(low)
                // HIGH_PACK_SIZE in file and service headers with flag 0x100.
                if (type == 0x74 || type == 0x7A), flags & 0x100 != 0, headSize >= 36, let high = bytes.uint32(at: position + 32, .little) {
                    guard high < 1 << 8 else { return nil }  // beyond 1 TiB: a lying size
                    dataSize |= Int(high) << 32
                }
            }
            if type == 0x74 { files += 1 }
            blocks += 1
            let end = position + Int(headSize) + dataSize
            if type == 0x7B { return Walk(version: 4, declaredEnd: end, fileCount: files, complete: true, headersEncrypted: false) }
            guard end <= bytes.count else {
                return Walk(version: 4, declaredEnd: end, fileCount: files, complete: false, headersEncrypted: false)
            }
            position = end
        }
        return nil
    }

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
