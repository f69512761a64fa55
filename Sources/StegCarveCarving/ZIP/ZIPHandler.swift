import StegCarveBytes
import StegCarveModel

/// Carves ZIP archives (including ZIP64 and JPEG+ZIP polyglots) and unpacks their
/// stored and deflated members.
///
/// Specification: PKWARE APPNOTE.TXT 6.3.10
/// (https://pkware.cachefly.net/webdocs/casestudies/APPNOTE.TXT). The extent runs from the
/// first local file header to the end of the end of central directory record's comment;
/// see ``ZIP/Archive`` for how the records are cross-checked (directory ends at the EOCD,
/// counts agree, every entry points back at a local header with the same name).
/// The EOCD is reached by walking local entries (sizes from the headers; deflate data with
/// a data descriptor is inflated to find its end) and then the directory; a forward search
/// is made only when an entry's size is in the directory alone. Without a valid EOCD, an
/// archive whose entries run into the end of the bytes is reported truncated (`medium`,
/// declared length the bytes present plus a 22-byte EOCD, a lower bound); otherwise
/// nothing is reported.
/// Expansion: stored (0) and deflated (8) members, each a stream `zip:<name>`; encrypted
/// members and other methods are reported in `errors`, not decrypted or decoded.
package struct ZIPHandler: ExpandingPayloadHandler {
    package init() {}

    package var type: String { "zip" }

    package var signatures: [PayloadSignature] {
        [PayloadSignature(magic: ZIP.localSignature)]
    }

    package var documentation: String {
        "ZIP (APPNOTE 6.3.10): first local header to end of EOCD comment, ZIP64, central directory cross-checked; expands stored/deflate members"
    }

    package func carve(_ bytes: Span<UInt8>, at start: Int) -> CarvedExtent? {
        carve(bytes, at: start, context: .unbounded())
    }

    /// - Complexity: O(archive) per candidate for the walk. A walk that fails on its own
    ///   declines every later local header it passed (a walk from there follows the same
    ///   path), so a run of bare local headers costs one walk, not one per header.
    package func carve(_ bytes: Span<UInt8>, at start: Int, context: CarveContext) -> CarvedExtent? {
        guard start >= 0, start < bytes.count, !context.isDeclined(start, for: type),
              ZIP.LocalHeader(bytes, at: start) != nil else { return nil }
        let walk = ZIP.LocalWalk(bytes, from: start, meter: context.meter)
        if let stop = walk.stoppedAt, stop > start {
            // The walk was cut (entry cap or the scan's deadline): claim the entries it
            // passed rather than nothing, so no later header repeats the walk.
            return CarvedExtent(
                range: start..<stop, declaredLength: stop - start, confidence: .low,
                limit: context.meter.isStopped ? nil : LimitHit(limit: "max-zip-entries", value: ZIP.LocalWalk.maximumEntries,
                                message: "zip: local-header walk stopped after \(walk.entryCount) entries; the extent covers those")
            )
        }
        if let archive = ZIP.Archive(bytes, localHeaderAt: start, walk: walk) {
            let length = archive.end - start
            let end = min(archive.end, bytes.count)
            return CarvedExtent(range: start..<end, declaredLength: length, confidence: end == archive.end ? .high : .medium)
        }
        if walk.failedOnItsOwn { context.decline(walk.headerOffsets.dropFirst(), for: type) }
        guard walk.reachedEnd, walk.entryCount > 0 else { return nil }
        return CarvedExtent(range: start..<bytes.count, declaredLength: bytes.count - start + 22, confidence: .medium)
    }

    package func expand(_ payload: Span<UInt8>, limits: ExpansionLimits) -> Expansion {
        var builder = ExpansionBuilder(limits: limits, inputLength: payload.count)
        guard let archive = ZIP.Archive(payload, localHeaderAt: 0) else {
            builder.error("zip: no valid central directory; members not unpacked")
            return builder.finish()
        }
        for entry in archive.entries where !entry.isDirectory {
            let via = "zip:\(entry.name)"
            if entry.isEncrypted {
                builder.error("\(via): encrypted (method \(entry.method)); not decrypted")
                continue
            }
            guard entry.method == 0 || entry.method == 8 else {
                builder.error("\(via): compression method \(entry.method) is not supported")
                continue
            }
            guard let header = ZIP.LocalHeader(payload, at: archive.base + Int(entry.localHeaderOffset)),
                  let dataEnd = header.dataOffset.adding(Int(entry.compressedSize)), dataEnd <= payload.count else {
                builder.error("\(via): member data runs past the archive")
                continue
            }
            guard builder.admitStream(via) else { break }
            let data = payload.extracting(header.dataOffset..<dataEnd)
            if entry.method == 0 {
                let whole = data.count <= builder.remaining
                builder.add(via: via, stored: data)
                if whole, Zlib.crc32(data, in: 0..<data.count) != entry.crc32 {
                    builder.error("\(via): CRC-32 does not match the central directory")
                }
            } else {
                let inflated = Zlib.inflate(data, framing: .rawDeflate, budget: builder.decodeBudget)
                builder.add(via: via, run: inflated.run)
                if inflated.run.ending == .streamEnd, inflated.crc32 != entry.crc32 {
                    builder.error("\(via): CRC-32 does not match the central directory")
                }
            }
        }
        return builder.finish()
    }
}
