import StegCarveBytes

extension ZIP {
    /// A ZIP archive validated from its first local header to the end of its end of
    /// central directory record (EOCD) and comment.
    ///
    /// The EOCD is found by searching forward from the first local header; a candidate is
    /// accepted only if its central directory (located through the ZIP64 records when the
    /// EOCD's fields are saturated) ends exactly where the EOCD (or ZIP64 EOCD) begins,
    /// holds as many entries as the EOCD counts, and every entry points back at a local
    /// header with the same name, the first of them at the archive's first local header.
    /// Offsets in the directory may be relative to the archive or to an enclosing file
    /// (a JPEG+ZIP polyglot fixed up with `zip -A`): the base is derived from the EOCD.
    package struct Archive: Sendable, Equatable {
        /// The central directory entries, in directory order.
        package var entries: [CentralEntry]
        /// Position (absolute in the span; may be negative) that directory offsets count from.
        package var base: Int
        /// The central directory's bytes.
        package var centralDirectory: Range<Int>
        /// Where the EOCD record starts.
        package var endRecordOffset: Int
        /// The EOCD's `.ZIP file comment` bytes (may run past the span when truncated).
        package var commentRange: Range<Int>
        /// ZIP64 end records were used.
        package var isZip64: Bool

        /// One past the archive's last byte (the end of the comment).
        package var end: Int { commentRange.upperBound }

        /// How many EOCD candidates are tried before giving up (bounds hostile inputs).
        static let maximumCandidates = 64

        /// Validates the archive whose first local header is at `start`, or `nil`.
        ///
        /// The local entries and the central directory are walked first (``LocalWalk``),
        /// which reaches the EOCD of a well-formed archive directly. Only when an entry's
        /// size is known to the directory alone (stored data with a data descriptor) does
        /// it search forward for EOCD candidates, so stray `PK\3\4` bytes cost no search.
        /// - Complexity: O(archive) for the walk; O(n) search plus O(entries) per candidate
        ///   (at most ``maximumCandidates``) when a search is needed.
        package init?(_ bytes: Span<UInt8>, localHeaderAt start: Int) {
            self.init(bytes, localHeaderAt: start, walk: LocalWalk(bytes, from: start))
        }

        /// As ``init(_:localHeaderAt:)``, reusing a walk already made from `start`.
        package init?(_ bytes: Span<UInt8>, localHeaderAt start: Int, walk: LocalWalk) {
            guard LocalHeader(bytes, at: start) != nil else { return nil }
            if let end = walk.endRecordOffset, let archive = Archive(bytes, start: start, endRecordAt: end) {
                self = archive
                return
            }
            guard walk.needsSearch || walk.endRecordOffset != nil else { return nil }
            var position = start + 30
            var tried = 0
            while tried < Self.maximumCandidates, let candidate = Self.nextEndRecord(in: bytes, from: position) {
                tried += 1
                if let archive = Archive(bytes, start: start, endRecordAt: candidate) {
                    self = archive
                    return
                }
                position = candidate + 1
            }
            return nil
        }

        /// The next `PK\5\6` at or after `position` with room for the fixed EOCD fields,
        /// found by `memchr` on its rarer third byte.
        private static func nextEndRecord(in bytes: Span<UInt8>, from position: Int) -> Int? {
            var index = max(0, position) + 2
            while let found = bytes.firstIndex(of: 0x05, from: index, to: bytes.count - 19) {
                if bytes.matches(ZIP.endSignature, at: found - 2) { return found - 2 }
                index = found + 1
            }
            return nil
        }

        private init?(_ bytes: Span<UInt8>, start: Int, endRecordAt eocd: Int) {
            guard let disk = bytes.uint16(at: eocd + 4, .little), let directoryDisk = bytes.uint16(at: eocd + 6, .little),
                  let entriesOnDisk = bytes.uint16(at: eocd + 8, .little), let entryCount = bytes.uint16(at: eocd + 10, .little),
                  let directorySize = bytes.uint32(at: eocd + 12, .little), let directoryOffset = bytes.uint32(at: eocd + 16, .little),
                  let commentLength = bytes.uint16(at: eocd + 20, .little) else { return nil }
            var count = UInt64(entryCount)
            var size = UInt64(directorySize)
            var offset = UInt64(directoryOffset)
            var directoryEnd = eocd
            var zip64 = false
            let saturated = entryCount == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF
            if saturated, bytes.matches(ZIP.locator64Signature, at: eocd - 20) {
                // ZIP64 end of central directory record, right before the locator (no
                // extensible data sector, as every writer StegCarve knows produces).
                let record = eocd - 20 - 56
                guard bytes.matches(ZIP.end64Signature, at: record), bytes.uint64(at: record + 4, .little) == 44,
                      let records = bytes.uint64(at: record + 32, .little),
                      let recordSize = bytes.uint64(at: record + 40, .little),
                      let recordOffset = bytes.uint64(at: record + 48, .little) else { return nil }
                count = records
                size = recordSize
                offset = recordOffset
                directoryEnd = record
                zip64 = true
            } else {
                // A single-disk archive: every disk number 0, all entries on this disk.
                guard disk == 0, directoryDisk == 0, entriesOnDisk == entryCount else { return nil }
            }
            guard size < ZIP.maximumExtent, offset < ZIP.maximumExtent, count <= size / 46,
                  Int(size) <= directoryEnd - start - 30 else { return nil }
            let directoryStart = directoryEnd - Int(size)
            let base = directoryStart - Int(offset)
            var entries: [CentralEntry] = []
            var position = directoryStart
            while position < directoryEnd {
                guard let entry = CentralEntry(bytes, at: position, limit: directoryEnd) else { return nil }
                entries.append(entry)
                position += entry.length
            }
            guard position == directoryEnd, UInt64(entries.count) == count, !entries.isEmpty else { return nil }
            // Every entry points back at a local header with the same name, inside the
            // archive and before the directory; the lowest is the one we started from.
            var lowest = Int.max
            for entry in entries {
                let local = base + Int(entry.localHeaderOffset)
                guard local >= start, local < directoryStart, let header = LocalHeader(bytes, at: local),
                      header.nameRange.count == entry.nameRange.count,
                      bytes.bytes(in: header.nameRange) == bytes.bytes(in: entry.nameRange) else { return nil }
                lowest = min(lowest, local)
            }
            guard lowest == start else { return nil }
            self.entries = entries
            self.base = base
            self.centralDirectory = directoryStart..<directoryEnd
            self.endRecordOffset = eocd
            self.commentRange = (eocd + 22)..<(eocd + 22 + Int(commentLength))
            self.isZip64 = zip64
        }
    }
}
