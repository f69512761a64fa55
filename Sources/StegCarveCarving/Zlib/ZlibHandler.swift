import StegCarveBytes

/// Carves zlib streams (RFC 1950) and inflates them.
///
/// Specification: RFC 1950 (https://www.rfc-editor.org/rfc/rfc1950). `78 01`, `78 5E`,
/// `78 9C` and `78 DA` (32 KiB window, no preset dictionary, valid FCHECK) occur by chance
/// in any large file, so a stream is reported only when zlib inflates it to `Z_STREAM_END`
/// with a matching Adler-32 and at least ``minimumOutput`` bytes of output.
/// Scope: undeclared bytes only (overlay, gaps, unpacked streams): PNG's IDAT, zTXt, iCCP
/// and iTXt legitimately hold zlib streams.
/// Limitations: truncated streams are not reported (two magic bytes are too weak evidence);
/// a stream that inflates past its stream's locating allowance (``CarveContext/locatingBudget``:
/// 4 GiB within a scan's deadline, so a bomb's end is usually found) is reported over the
/// compressed bytes read until then, with confidence `low`, so the search goes on after it.
/// A failed candidate declines every later `78 xx` whose deflate data would start at a
/// byte-aligned block boundary the failed decode passed (see ``CarveContext``): such a
/// stream decodes the same blocks to the same failure, so chained candidates cost one decode.
package struct ZlibHandler: ExpandingPayloadHandler {
    /// Fewer decompressed bytes than this is too little evidence for a 2-byte magic.
    package static let minimumOutput = 64

    package init() {}

    package var type: String { "zlib" }

    package var signatures: [PayloadSignature] {
        [[0x78, 0x01], [0x78, 0x5E], [0x78, 0x9C], [0x78, 0xDA]].map { PayloadSignature(magic: $0) }
    }

    package var scope: PayloadScope { .undeclaredOnly }

    package var documentation: String {
        "zlib (RFC 1950): 78 01/5E/9C/DA, inflated to Z_STREAM_END with a valid Adler-32 and >= 64 bytes of output"
    }

    package func carve(_ bytes: Span<UInt8>, at start: Int) -> CarvedExtent? {
        carve(bytes, at: start, context: .unbounded())
    }

    /// - Complexity: O(bytes read + decoded) per candidate that is not declined; a chain of
    ///   candidates on one failed stream's block boundaries costs one decode in all.
    package func carve(_ bytes: Span<UInt8>, at start: Int, context: CarveContext) -> CarvedExtent? {
        guard start >= 0, bytes.contains(offset: start, length: 2), !context.isDeclined(start, for: type),
              !context.isDeclined(start + 2, for: Self.corruptDeflate) else { return nil }
        let header = UInt16(bytes[start]) << 8 | UInt16(bytes[start + 1])
        // CM 8, CINFO 7, FDICT clear, FCHECK makes the 16-bit header a multiple of 31.
        guard bytes[start] == 0x78, bytes[start + 1] & 0x20 == 0, header % 31 == 0 else { return nil }
        let inflated = Zlib.inflate(
            bytes.extracting(start..<bytes.count), framing: .zlib, budget: context.locatingBudget, meter: context.meter, recordsBlockStarts: true
        )
        let run = inflated.run
        context.spendLocating(run)
        switch run.ending {
        case .streamEnd where run.produced >= Self.minimumOutput:
            return CarvedExtent(range: start..<(start + run.consumed), declaredLength: run.consumed, confidence: .high)
        case .outputLimit:
            return CarvedExtent(range: start..<(start + max(2, run.consumed)), declaredLength: run.consumed, confidence: .low)
        case .interrupted, .corrupt(Self.checksumFailure):
            // Cut short, or every block decoded and only the Adler-32 of this output failed:
            // a later start sees other output, so nothing is learnt.
            return nil
        case .streamEnd, .inputExhausted, .corrupt:
            // A zlib header right before a boundary passed here starts the same blocks.
            context.decline(inflated.blockStarts.lazy.map { start + $0 - 2 }.filter { $0 > start }, for: type)
            if case .corrupt = run.ending {
                // Raw deflate from any boundary passed here meets the same corruption.
                context.decline(inflated.blockStarts.lazy.map { start + $0 }.filter { $0 > start + 2 }, for: Self.corruptDeflate)
            }
            return nil
        }
    }

    /// ``CarveContext`` key for byte-aligned deflate block starts from which decoding is
    /// known to end in corrupt data (shared with ``GzipHandler``).
    static let corruptDeflate = "deflate-corrupt"

    /// zlib's message for an Adler-32 mismatch (inflate.c).
    private static let checksumFailure = "incorrect data check"

    package func expand(_ payload: Span<UInt8>, limits: ExpansionLimits) -> Expansion {
        var builder = ExpansionBuilder(limits: limits, inputLength: payload.count)
        guard builder.admitStream("zlib") else { return builder.finish() }
        builder.add(via: "zlib", run: Zlib.inflate(payload, framing: .zlib, budget: builder.decodeBudget).run)
        return builder.finish()
    }
}
