import StegCarveBytes

/// Carves ustar and GNU tar archives and unpacks their regular files.
///
/// Specification: POSIX.1-2017 `pax` ("ustar Interchange Format") and the GNU tar manual
/// ("Basic Tar Format"). A header is a 512-byte block with `ustar\0` `00` (POSIX) or
/// `ustar  \0` (GNU) at offset 257 and a valid checksum; headers and their data (rounded up
/// to 512 bytes) are walked until a block that is not a valid header. The extent includes
/// the two zero blocks that end an archive, and further zero blocks up to the 10240-byte
/// record boundary that tar writers pad to, when present. Members whose data runs past the
/// bytes make the archive truncated (`medium`).
/// Expansion: regular files (`0`, NUL, `7`), as streams `tar:<name>`; GNU long names and
/// pax `path` records apply.
package struct TarHandler: ExpandingPayloadHandler {
    package init() {}

    package var type: String { "tar" }

    package var signatures: [PayloadSignature] {
        [PayloadSignature(magic: Array("ustar".utf8), offsetInHeader: 257)]
    }

    package var documentation: String {
        "tar (POSIX ustar, GNU): checksummed 512-byte headers + data to the two zero blocks (and record padding)"
    }

    package func carve(_ bytes: Span<UInt8>, at start: Int) -> CarvedExtent? {
        guard start >= 0, let archive = Tar.Archive(bytes, from: start), archive.end > start else { return nil }
        let truncated = archive.declaredEnd > bytes.count
        return CarvedExtent(range: start..<archive.end, declaredLength: archive.declaredEnd - start, confidence: truncated ? .medium : .high)
    }

    package func expand(_ payload: Span<UInt8>, limits: ExpansionLimits) -> Expansion {
        var builder = ExpansionBuilder(limits: limits, inputLength: payload.count)
        guard let archive = Tar.Archive(payload, from: 0) else {
            builder.error("tar: no valid header")
            return builder.finish()
        }
        for member in archive.members where member.isRegularFile {
            let via = "tar:\(member.name)"
            guard builder.admitStream(via) else { break }
            if member.data.upperBound > payload.count { builder.error("\(via): data runs past the archive") }
            builder.add(via: via, stored: payload.extracting(member.data.clamped(to: 0..<payload.count)))
        }
        return builder.finish()
    }
}
