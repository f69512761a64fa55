import StegCarveBytes

extension RAR {
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
}
