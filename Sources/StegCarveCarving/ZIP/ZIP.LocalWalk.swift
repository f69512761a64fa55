import StegCarveBytes

extension ZIP {
    /// Walks local entries from the first local header, then the central directory
    /// entries that follow them, to where the end of central directory record should be.
    ///
    /// This finds the EOCD of a well-formed archive in one pass without searching, and
    /// tells a truncated archive (entries run to the end of the bytes) from garbage.
    package struct LocalWalk: Sendable, Equatable {
        /// Local headers passed, in order.
        package var entryCount: Int
        /// The walk ran into the end of the bytes inside an entry or the central directory.
        package var reachedEnd: Bool
        /// Where the EOCD record should start, when the walk passed a central directory
        /// followed by an EOCD (or ZIP64 EOCD record and locator).
        package var endRecordOffset: Int?
        /// The walk met an entry whose size only the central directory knows (stored data
        /// with a data descriptor), or a directory followed by records it does not know
        /// (digital signature): only a search for the EOCD can find the end.
        package var needsSearch: Bool

        /// Most entries walked (bounds hostile inputs).
        static let maximumEntries = 100_000

        package init(_ bytes: Span<UInt8>, from start: Int) {
            entryCount = 0
            reachedEnd = false
            endRecordOffset = nil
            needsSearch = false
            var position = start
            while entryCount < Self.maximumEntries {
                if position >= bytes.count - 4 {
                    reachedEnd = true
                    return
                }
                if bytes.matches(ZIP.centralSignature, at: position) {
                    // The directory starts; without a valid EOCD it must run to the end.
                    while let entry = CentralEntry(bytes, at: position, limit: bytes.count) { position += entry.length }
                    if bytes.matches(ZIP.endSignature, at: position) {
                        endRecordOffset = position
                    } else if bytes.matches(ZIP.end64Signature, at: position), let size = bytes.uint64(at: position + 4, .little),
                              size < 1 << 32, bytes.matches(ZIP.locator64Signature, at: position + 12 + Int(size)) {
                        endRecordOffset = position + 12 + Int(size) + 20
                    } else if bytes.count - position < 46 {
                        reachedEnd = true
                    } else {
                        needsSearch = true
                    }
                    return
                }
                guard bytes.matches(ZIP.localSignature, at: position) else { return }
                guard let header = LocalHeader(bytes, at: position) else {
                    // A header cut by the end of the bytes (fixed part, or name and extra).
                    let lengths = Int(bytes.uint16(at: position + 26, .little) ?? 0) + Int(bytes.uint16(at: position + 28, .little) ?? 0)
                    reachedEnd = bytes.count - position < 30 + lengths
                    return
                }
                entryCount += 1
                guard let dataEnd = Self.dataEnd(of: header, in: bytes) else {
                    needsSearch = header.hasDataDescriptor
                    return
                }
                if dataEnd >= bytes.count {
                    reachedEnd = true
                    return
                }
                position = dataEnd
            }
        }

        /// One past the member's data (and data descriptor), or `nil` when it cannot be
        /// known from the local header alone.
        private static func dataEnd(of header: LocalHeader, in bytes: Span<UInt8>) -> Int? {
            if !header.hasDataDescriptor || header.compressedSize != 0 {
                guard let end = header.dataOffset.adding(Int(header.compressedSize)) else { return nil }
                guard header.hasDataDescriptor else { return end }
                return descriptorEnd(at: end, in: bytes)
            }
            // Sizes only in the descriptor: deflate data ends where inflate says it does.
            guard header.method == 8, !header.isEncrypted else { return nil }
            let run = Zlib.inflate(bytes.extracting(header.dataOffset..<bytes.count), framing: .rawDeflate, budget: .locating).run
            switch run.ending {
            case .streamEnd: return descriptorEnd(at: header.dataOffset + run.consumed, in: bytes)
            case .inputExhausted: return bytes.count
            default: return nil
            }
        }

        /// The end of a data descriptor at `offset` (optional signature, CRC, 4- or 8-byte
        /// sizes), chosen so that a signature or the end of the bytes follows it.
        private static func descriptorEnd(at offset: Int, in bytes: Span<UInt8>) -> Int? {
            let signed = bytes.matches(ZIP.descriptorSignature, at: offset)
            for length in signed ? [16, 24] : [12, 20] {
                let end = offset + length
                if end >= bytes.count || bytes.matches([0x50, 0x4B], at: end) { return end }
            }
            return nil
        }
    }
}
