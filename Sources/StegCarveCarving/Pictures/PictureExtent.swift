import StegCarveBytes

/// Extent-only walkers for pictures found inside payload streams and overlays.
///
/// StegCarveImages parses the scanned file's own container (regions, anomalies, MPF,
/// decode checks); these walkers only answer "where does the embedded picture end", so
/// StegCarveCarving does not depend on the container layer and its region bookkeeping.
package enum PictureExtent {
    /// How a walk ended.
    package struct Walk: Sendable, Equatable {
        /// One past the picture's last byte, or where the cut-short picture would need more.
        package var declaredEnd: Int
        /// The picture's end marker (EOI, IEND, trailer) was reached.
        package var complete: Bool
    }

    /// Walks a JPEG from SOI at `start`: marker segments by their lengths, entropy-coded
    /// data after each SOS up to the next marker that is not a stuffed byte or RSTn, until
    /// EOI. A frame header (SOFn) and a scan (SOS) whose lengths agree with their component
    /// counts must come before EOI; a picture cut short is reported only after its first scan
    /// began.
    /// ITU-T T.81 Annex B.
    package static func jpeg(_ bytes: Span<UInt8>, from start: Int) -> Walk? {
        guard bytes.matches([0xFF, 0xD8, 0xFF], at: start) else { return nil }
        var position = start + 2
        var sawFrame = false
        var sawScan = false
        var segments = 0
        while segments < 100_000 {
            guard position + 1 < bytes.count else { return sawScan ? Walk(declaredEnd: position + 2, complete: false) : nil }
            guard bytes[position] == 0xFF else { return nil }
            var markerAt = position + 1
            while markerAt < bytes.count, bytes[markerAt] == 0xFF { markerAt += 1 }  // fill bytes
            guard let marker = bytes.uint8(at: markerAt) else { return sawScan ? Walk(declaredEnd: markerAt + 1, complete: false) : nil }
            position = markerAt + 1
            segments += 1
            switch marker {
            case 0xD9:
                return sawFrame && sawScan ? Walk(declaredEnd: position, complete: true) : nil
            case 0xD0...0xD7, 0x01:
                guard sawScan else { return nil }
                continue
            case 0x00, 0xD8, 0x02...0xBF:
                return nil  // not a marker that may stand here
            default:
                break
            }
            guard let length = bytes.uint16(at: position, .big) else { return sawScan ? Walk(declaredEnd: position + 2, complete: false) : nil }
            guard length >= 2 else { return nil }
            let segmentEnd = position + Int(length)
            guard segmentEnd <= bytes.count else { return sawScan ? Walk(declaredEnd: segmentEnd, complete: false) : nil }
            if (0xC0...0xCF).contains(marker), marker != 0xC4, marker != 0xC8, marker != 0xCC {
                // SOFn: P in {8, 12, 16}, X > 0, Nf in 1...4, Lf = 8 + 3 Nf (T.81 B.2.2).
                let components = Int(bytes.uint8(at: position + 7) ?? 0)
                guard length >= 8, [8, 12, 16].contains(bytes[position + 2]), (1...4).contains(components),
                      Int(length) == 8 + 3 * components, bytes.uint16(at: position + 5, .big) != 0 else { return nil }
                sawFrame = true
            }
            if marker == 0xDA {
                // SOS: Ns in 1...4, Ls = 6 + 2 Ns (T.81 B.2.3).
                let components = Int(bytes.uint8(at: position + 2) ?? 0)
                guard sawFrame, length >= 6, (1...4).contains(components), Int(length) == 6 + 2 * components else { return nil }
                sawScan = true
            }
            position = segmentEnd
            if marker == 0xDA {
                // Entropy-coded data: skip to the next FF that starts a real marker.
                while true {
                    guard position + 1 < bytes.count else { return Walk(declaredEnd: position + 2, complete: false) }
                    if bytes[position] == 0xFF {
                        let next = bytes[position + 1]
                        if next != 0x00, !(0xD0...0xD7).contains(next), next != 0xFF { break }
                        position += next == 0xFF ? 1 : 2
                    } else {
                        position += 1
                    }
                }
            }
        }
        return nil
    }

    /// Walks a PNG from its signature at `start`: chunks (length ≤ 2^31−1, four-letter type,
    /// CRC-32 checked) until IEND's CRC. IHDR (13 bytes) must come first. PNG 1.2 / ISO 15948.
    package static func png(_ bytes: Span<UInt8>, from start: Int) -> Walk? {
        guard bytes.matches([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], at: start) else { return nil }
        var position = start + 8
        var chunks = 0
        while chunks < 1_000_000 {
            guard let length = bytes.uint32(at: position, .big), bytes.contains(offset: position, length: 8) else {
                return chunks > 0 ? Walk(declaredEnd: position + 12, complete: false) : nil
            }
            guard length <= 0x7FFF_FFFF else { return nil }
            for index in (position + 4)..<(position + 8) {
                let byte = bytes[index] & 0xDF
                guard byte >= 0x41, byte <= 0x5A else { return nil }
            }
            let isHeader = bytes.matches(Array("IHDR".utf8), at: position + 4)
            guard chunks > 0 || (isHeader && length == 13) else { return nil }
            let end = position + 12 + Int(length)
            guard end <= bytes.count else { return chunks > 0 ? Walk(declaredEnd: end, complete: false) : nil }
            guard bytes.uint32(at: end - 4, .big) == Zlib.crc32(bytes, in: (position + 4)..<(end - 4)) else { return nil }
            chunks += 1
            if bytes.matches(Array("IEND".utf8), at: position + 4) { return Walk(declaredEnd: end, complete: true) }
            position = end
        }
        return nil
    }

    /// Walks a GIF from `GIF87a`/`GIF89a` at `start`: logical screen descriptor, global
    /// colour table, then extension blocks (`!`), images (`,`: descriptor, local colour
    /// table, LZW minimum code size 2–8, data sub-blocks) until the trailer (`;`). At least
    /// one image must be complete. GIF89a specification, sections 17–27.
    package static func gif(_ bytes: Span<UInt8>, from start: Int) -> Walk? {
        guard bytes.matches(Array("GIF8".utf8), at: start), bytes.matches(Array("a".utf8), at: start + 5),
              bytes.uint8(at: start + 4) == 0x37 || bytes.uint8(at: start + 4) == 0x39,
              let packed = bytes.uint8(at: start + 10) else { return nil }
        var position = start + 13
        if packed & 0x80 != 0 { position += 3 << (Int(packed & 0x07) + 1) }
        var images = 0
        var blocks = 0
        /// Skips a chain of data sub-blocks; `nil` when it runs past the end.
        func skipSubBlocks(_ at: Int) -> Int? {
            var cursor = at
            while let size = bytes.uint8(at: cursor) {
                cursor += 1 + Int(size)
                if size == 0 { return cursor }
            }
            return nil
        }
        while blocks < 1_000_000 {
            guard let introducer = bytes.uint8(at: position) else {
                return images > 0 ? Walk(declaredEnd: position + 1, complete: false) : nil
            }
            blocks += 1
            switch introducer {
            case 0x3B:
                return images > 0 ? Walk(declaredEnd: position + 1, complete: true) : nil
            case 0x21:
                guard bytes.uint8(at: position + 1) != nil, let next = skipSubBlocks(position + 2) else {
                    return images > 0 ? Walk(declaredEnd: bytes.count + 1, complete: false) : nil
                }
                position = next
            case 0x2C:
                guard let flags = bytes.uint8(at: position + 9) else {
                    return images > 0 ? Walk(declaredEnd: position + 10, complete: false) : nil
                }
                var cursor = position + 10
                if flags & 0x80 != 0 { cursor += 3 << (Int(flags & 0x07) + 1) }
                guard let codeSize = bytes.uint8(at: cursor) else {
                    return images > 0 ? Walk(declaredEnd: cursor + 1, complete: false) : nil
                }
                guard (2...8).contains(codeSize) else { return nil }
                guard let next = skipSubBlocks(cursor + 1) else {
                    return images > 0 ? Walk(declaredEnd: bytes.count + 1, complete: false) : nil
                }
                images += 1
                position = next
            default:
                return nil
            }
        }
        return nil
    }
}
