import StegCarveBytes

/// Carves `.xz` streams and decompresses them through liblzma.
///
/// Specification: The .xz File Format 1.1.0 (https://tukaani.org/xz/xz-file-format.txt).
/// The 12-byte stream header (magic, flags, CRC-32) is checked first; then
/// `lzma_stream_decoder` without `LZMA_CONCATENATED` runs to `LZMA_STREAM_END`, which
/// liblzma returns only after the index, the stream footer and every block check
/// validated; the bytes it consumed are the stream. The footer's `YZ` magic, CRC and flags
/// (equal to the header's) are checked again here. Stream padding after the footer is not
/// claimed. Limitations: a stream cut short is reported truncated (`medium`; declared
/// length the bytes present plus the 12-byte footer, a lower bound); one that decodes past
/// its stream's locating allowance (``CarveContext/locatingBudget``: 4 GiB within a scan's
/// deadline, so a bomb's end is usually found) is reported over the compressed bytes read
/// until then (`low`), so the search goes on after it.
package struct XZHandler: ExpandingPayloadHandler {
    package init() {}

    package var type: String { "xz" }

    package var signatures: [PayloadSignature] {
        [PayloadSignature(magic: XZ.headerMagic)]
    }

    package var documentation: String {
        "xz (.xz 1.1.0): stream header CRC, lzma_stream_decoder to LZMA_STREAM_END (index, footer, block checks), footer YZ checked"
    }

    package func carve(_ bytes: Span<UInt8>, at start: Int) -> CarvedExtent? {
        carve(bytes, at: start, context: .unbounded())
    }

    /// - Complexity: O(bytes read + decoded), bounded by ``CarveContext/locatingBudget`` and the
    ///   scan's work meter.
    package func carve(_ bytes: Span<UInt8>, at start: Int, context: CarveContext) -> CarvedExtent? {
        guard start >= 0, start < bytes.count else { return nil }
        let available = bytes.extracting(start..<bytes.count)
        guard let flags = XZ.StreamFlags(header: available) else { return nil }
        let run = LZMA.decodeXZ(available, budget: context.locatingBudget, meter: context.meter)
        context.spendLocating(run)
        switch run.ending {
        case .streamEnd:
            guard XZ.StreamFlags(footer: available, endingAt: run.consumed) == flags else { return nil }
            return CarvedExtent(range: start..<(start + run.consumed), declaredLength: run.consumed, confidence: .high)
        case .inputExhausted:
            return CarvedExtent(range: start..<bytes.count, declaredLength: available.count + 12, confidence: .medium)
        case .outputLimit:
            // A bomb: claim what was read, so whatever follows it is still searched.
            return CarvedExtent(range: start..<(start + max(1, run.consumed)), declaredLength: run.consumed, confidence: .low)
        case .corrupt, .interrupted:
            return nil
        }
    }

    package func expand(_ payload: Span<UInt8>, limits: ExpansionLimits) -> Expansion {
        var builder = ExpansionBuilder(limits: limits, inputLength: payload.count)
        guard builder.admitStream("xz") else { return builder.finish() }
        builder.add(via: "xz", run: LZMA.decodeXZ(payload, budget: builder.decodeBudget))
        return builder.finish()
    }
}
