import StegCarveBytes
import StegCarveDecompression

extension PNG {
    /// The filtered scanlines of a PNG: its IDAT chunks joined and inflated, checked against
    /// what IHDR declares.
    ///
    /// An IDAT stream that is not zlib, does not inflate, inflates to another size than the
    /// image needs, or has bytes after the end of its deflate stream is how IDAT loaders and
    /// pixel-data payloads show up (PNG 10.1, 10.2; RFC 1950).
    package struct ImageData: Sendable, Equatable {
        /// The inflated scanlines (filter byte plus filtered row, pass by pass), at most the
        /// limit's worth: a payload written into pixel bytes is searched for here.
        package var scanlines: [UInt8]
        /// Bytes the IDAT stream inflated to (counted past the kept ``scanlines``).
        package var inflatedCount: Int
        /// Bytes IHDR implies, `nil` when IHDR is missing or invalid.
        package var expectedCount: Int?
        /// File ranges of IDAT data after the end of the deflate stream, in stream order.
        package var trailing: [Range<Int>]
    }

    /// Inflates the IDAT data `pieces` (in file order) and records what does not match IHDR
    /// as anomalies on `builder`, bytes after the deflate stream as an `idat-trailing` search
    /// target inside the IDAT regions (a joined stream, not part of the tiling), and a
    /// limit hit when the image needs more than `limits.maxInflatedBytes`.
    /// - Complexity: O(inflated bytes), at most `limits.maxInflatedBytes`.
    static func checkImageData(
        in bytes: Span<UInt8>, pieces: [Range<Int>], header: Header?, limits: StructureLimits, into builder: inout LayoutBuilder
    ) -> ImageData? {
        guard let first = pieces.first else { return nil }
        let joined = bytes.joined(pieces)
        // A valid IHDR whose size overflows needs more than any stream can give.
        let expected = header.flatMap { $0.violation == nil ? $0.scanlineByteCount ?? Int.max : nil }
        let cap = max(0, limits.maxInflatedBytes)
        // One byte more than the image needs shows an oversized stream; the cap bounds a bomb.
        let needed = expected.map { min($0, cap) } ?? cap
        let limit = expected.flatMap { $0.adding(1) }.map { min($0, cap) } ?? cap
        let run = Zlib.inflate(joined.span, framing: .zlib, budget: DecodeBudget(keep: needed, limit: limit)).run
        func fileOffset(_ streamOffset: Int) -> Int {
            JoinedPieces.sourceRanges(of: streamOffset..<(streamOffset + 1), in: pieces).first?.lowerBound ?? first.lowerBound
        }
        var trailing: [Range<Int>] = []
        switch run.ending {
        case .streamEnd:
            if let expected, run.produced != expected {
                builder.anomaly("idat-size-mismatch", at: first.lowerBound - 8, "IDAT inflates to \(run.produced) bytes; IHDR implies \(expected)")
            }
            if run.consumed < joined.count {
                trailing = JoinedPieces.sourceRanges(of: run.consumed..<joined.count, in: pieces)
                let count = joined.count - run.consumed
                builder.anomaly("idat-trailing-data", at: fileOffset(run.consumed), "\(count) bytes of IDAT data after the end of the zlib stream")
                if let start = trailing.first?.lowerBound, let end = trailing.last?.upperBound {
                    // Searched once, as its own region (with encodings: IDAT loaders XOR
                    // their payload), not again as image data.
                    builder.removeFromPayloads(trailing)
                    builder.joinedStreams.append(trailing.count == 1
                        ? ImageRegion(kind: .gap, name: "idat-trailing", range: start..<end)
                        : ImageRegion(kind: .gap, name: "idat-trailing", range: start..<end, pieces: trailing))
                }
            }
        case .inputExhausted:
            builder.anomaly("idat-truncated", at: fileOffset(max(0, joined.count - 1)), "the IDAT zlib stream ends early after \(run.produced) inflated bytes" + (expected.map { "; IHDR implies \($0)" } ?? ""))
        case .outputLimit:
            if let expected, expected < cap {
                builder.anomaly("idat-size-mismatch", at: first.lowerBound - 8, "IDAT inflates to more than the \(expected) bytes IHDR implies")
            } else {
                builder.noteLimit("max-decoded-bytes", cap, "IDAT inflated only to \(cap) bytes: its size and the scanlines after that were not checked")
            }
        case .interrupted:
            break  // no work meter is passed: never happens
        case .corrupt(let reason):
            let code = run.produced == 0 && run.consumed <= 2 ? "idat-not-zlib" : "idat-corrupt"
            builder.anomaly(code, at: fileOffset(run.consumed), "IDAT does not inflate (\(reason)) after \(run.produced) bytes")
        }
        return ImageData(scanlines: run.output, inflatedCount: run.produced, expectedCount: expected, trailing: trailing)
    }

    /// The structural pass without inflation (directory sweeps): only the two-byte zlib header
    /// of the first IDAT data is checked, which catches IDAT replaced by other bytes.
    static func checkImageDataHeader(in bytes: Span<UInt8>, pieces: [Range<Int>], into builder: inout LayoutBuilder) {
        guard let first = pieces.first(where: { !$0.isEmpty }) else { return }
        // The first two bytes of the stream, which may straddle chunks.
        var header: [UInt8] = []
        for piece in pieces where header.count < 2 {
            for offset in piece.prefix(2 - header.count) where offset >= 0 && offset < bytes.count { header.append(bytes[offset]) }
        }
        guard header.count == 2 else {
            builder.anomaly("idat-truncated", at: first.lowerBound, "the IDAT zlib stream holds \(header.count) byte(s)")
            return
        }
        let method = header[0], flags = header[1]
        // RFC 1950 2.2: deflate, window ≤ 32 KiB, check bits; PNG 10.1 allows no preset dictionary.
        if method & 0x0F != 8 || method >> 4 > 7 || (Int(method) << 8 | Int(flags)) % 31 != 0 || flags & 0x20 != 0 {
            builder.anomaly("idat-not-zlib", at: first.lowerBound, "IDAT does not start with a zlib header (0x\(HexEncoding.string(header)))")
        }
    }
}

extension PNG.Header {
    /// Samples per pixel of the colour type (PNG 11.2.1).
    var channelCount: Int {
        switch colorType {
        case 2: 3
        case 4: 2
        case 6: 4
        default: 1
        }
    }

    /// Bytes of filtered scanlines the image needs (PNG 7.2; Adam7 passes per 8.2), or
    /// `nil` when the count overflows.
    package var scanlineByteCount: Int? {
        let bitsPerPixel = channelCount * Int(bitDepth)
        let width = Int(width), height = Int(height)
        // (x0, y0, dx, dy) of each pass; a non-interlaced image is one pass over every pixel.
        let passes: [(Int, Int, Int, Int)] = interlaceMethod == 1
            ? [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
            : [(0, 0, 1, 1)]
        var total = 0
        for (x0, y0, dx, dy) in passes {
            let columns = width > x0 ? (width - x0 + dx - 1) / dx : 0
            let rows = height > y0 ? (height - y0 + dy - 1) / dy : 0
            guard columns > 0, rows > 0 else { continue }
            guard let bits = columns.multiplying(bitsPerPixel), let rowBytes = bits.adding(7).map({ $0 / 8 + 1 }),
                  let passBytes = rows.multiplying(rowBytes), let sum = total.adding(passBytes) else { return nil }
            total = sum
        }
        return total
    }
}
