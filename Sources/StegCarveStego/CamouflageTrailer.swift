import StegCarveBytes

/// The block Camouflage (Windows, 1.2.1) appends after a carrier's end, recognised by the
/// structure the two public detectors check; there is no published specification and the
/// hidden file inside the block is scrambled, so only the block and its declared data length
/// are reported, never the hidden file's own bytes.
///
/// What the references establish (`block` = the bytes from the carrier's original end to the
/// end of the file):
/// - stegdetect (`detect_print`, Provos): the 4 bytes at block offset 2 equal the 4 bytes at
///   offset 18, and offsets 2..<22 are not all zero — the high halves of two Windows
///   FILETIME time stamps of the hidden file, 16 bytes apart.
/// - zsteg (`Result::Camouflage`, Zed): a little-endian 32-bit hidden-data length at block
///   offset 0x1A; when the block is over 300 bytes and ends in four spaces, a little-endian
///   32-bit "original length of the host file" 281 bytes before the end.
///
/// Recognised only when all of these hold and the host length equals the offset where the
/// block starts (the picture's own end), which ties the trailer to this very file; the
/// declared data length must fit inside the block. zsteg also tests the bytes 0–1 = `00 00`
/// and 3–5 = `ED CD 01`; those are a time stamp's bytes on the day its samples were made,
/// not a signature, and are not required here.
package struct CamouflageTrailer: Sendable, Equatable {
    /// The appended block, from the host's original end to the end of the file.
    package var block: Range<Int>
    /// Hidden data length the block declares (offset 0x1A).
    package var declaredDataLength: Int
    /// The host's original length (from the trailer); equals `block.lowerBound`.
    package var hostLength: Int

    /// Trailer size from the host-length field to the end (zsteg's `data[-281, 4]`).
    package static let trailerLength = 281
    /// The block ends in four spaces.
    package static let endMark: [UInt8] = [0x20, 0x20, 0x20, 0x20]

    /// Checks the bytes from `start` (the end of the picture) to the end of `bytes`.
    package init?(_ bytes: Span<UInt8>, appendedAt start: Int) {
        guard start >= 0, start < bytes.count else { return nil }
        let count = bytes.count - start
        guard count > 300, bytes.matches(Self.endMark, at: bytes.count - 4),
              let host = bytes.uint32(at: bytes.count - Self.trailerLength, .little), Int(host) == start,
              let created = bytes.uint32(at: start + 2, .little), let written = bytes.uint32(at: start + 18, .little),
              created == written, created != 0,
              let length = bytes.uint32(at: start + 0x1A, .little), Int(length) <= count else { return nil }
        block = start..<bytes.count
        declaredDataLength = Int(length)
        hostLength = Int(host)
    }

    /// One line for the report.
    package var summary: String {
        "Camouflage block appended at offset \(block.lowerBound) (\(block.count) bytes; host length in its trailer matches; declares \(declaredDataLength) bytes of hidden data, scrambled)"
    }
}
