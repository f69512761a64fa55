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
        /// Where each local header passed starts (the first is the walk's start).
        package var headerOffsets: [Int]
        /// The walk ran into the end of the bytes inside an entry or the central directory.
        package var reachedEnd: Bool
        /// Where the EOCD record should start, when the walk passed a central directory
        /// followed by an EOCD (or ZIP64 EOCD record and locator).
        package var endRecordOffset: Int?
        /// The walk met an entry whose size only the central directory knows (stored data
        /// with a data descriptor), or a directory followed by records it does not know
        /// (digital signature): only a search for the EOCD can find the end.
        package var needsSearch: Bool
        /// Where the walk stopped because ``maximumEntries`` entries were passed or the
        /// scan's work meter stopped: the entries before it are known, the rest is not.
        package var stoppedAt: Int?

        /// Most entries walked: far above any archive StegCarve meets (`zip` itself writes
        /// at most 65,535 without ZIP64), and every entry costs at least 30 bytes, so the
        /// walk stays linear; the cap only bounds the list of ``headerOffsets``.
        static let maximumEntries = 4_000_000

        /// Whether the walk ended on its own and found neither an EOCD, nor the end of the
        /// bytes, nor a reason to search: the same holds for a walk from any later header
        /// it passed, since such a walk follows the same path from there.
        package var failedOnItsOwn: Bool {
            endRecordOffset == nil && !reachedEnd && !needsSearch && stoppedAt == nil
        }

        /// Walks from the local header at `start`, charging each header to `meter`.
        /// - Complexity: O(entries + central directory entries), plus inflating members
        ///   whose size only a data descriptor holds.
        package init(_ bytes: Span<UInt8>, from start: Int, meter: WorkMeter = .unbounded()) {
            entryCount = 0
            headerOffsets = []
            reachedEnd = false
            endRecordOffset = nil
            needsSearch = false
            stoppedAt = nil
            var position = start
            while true {
                if position >= bytes.count - 4 {
                    reachedEnd = true
                    return
                }
                if bytes.matches(ZIP.centralSignature, at: position) {
                    // The directory starts; without a valid EOCD it must run to the end.
                    while let entry = CentralEntry(bytes, at: position, limit: bytes.count) {
                        position += entry.length
                        guard meter.charge(entry.length) else {
                            stoppedAt = position
                            return
                        }
                    }
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
                guard entryCount < Self.maximumEntries, meter.charge(30) else {
                    stoppedAt = position
                    return
                }
                guard let header = LocalHeader(bytes, at: position) else {
                    // A header cut by the end of the bytes (fixed part, or name and extra).
                    let lengths = Int(bytes.uint16(at: position + 26, .little) ?? 0) + Int(bytes.uint16(at: position + 28, .little) ?? 0)
                    reachedEnd = bytes.count - position < 30 + lengths
                    return
                }
                entryCount += 1
                headerOffsets.append(position)
                meter.charge(header.dataOffset - position)
                guard let dataEnd = Self.dataEnd(of: header, in: bytes, meter: meter) else {
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
        private static func dataEnd(of header: LocalHeader, in bytes: Span<UInt8>, meter: WorkMeter) -> Int? {
            if !header.hasDataDescriptor || header.compressedSize != 0 {
                guard let end = header.dataOffset.adding(Int(header.compressedSize)) else { return nil }
                guard header.hasDataDescriptor else { return end }
                return descriptorEnd(at: end, in: bytes)
            }
            // Sizes only in the descriptor: deflate data ends where inflate says it does.
            guard header.method == 8, !header.isEncrypted else { return nil }
            let run = Zlib.inflate(bytes.extracting(header.dataOffset..<bytes.count), framing: .rawDeflate, budget: .locating, meter: meter).run
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
