import StegCarveBytes

/// Carves Zstandard frames and decompresses them through libzstd.
///
/// Specification: RFC 8878 (https://www.rfc-editor.org/rfc/rfc8878). The extent comes
/// from `ZSTD_findFrameCompressedSize`, which walks the frame and block headers without
/// decompressing. Because four magic bytes and a few header bits are weak evidence, the
/// frame must also declare a content checksum or a content size (checked by libzstd at the
/// end of the frame), use no dictionary, and decode with `ZSTD_decompressStream` without an
/// error. Confidence is `high` when the frame decoded to its end, `low` when the decode
/// was stopped by ``DecodeBudget/locating`` (the extent is still exact).
/// Limitations: frames that need a dictionary and skippable frames are not reported, nor
/// are frames cut short: a raw block passes random bytes through the decoder unchecked, so
/// four magic bytes and a header are too weak evidence without the frame's end.
package struct ZstdHandler: ExpandingPayloadHandler {
    package init() {}

    package var type: String { "zstd" }

    package var signatures: [PayloadSignature] {
        [PayloadSignature(magic: [0x28, 0xB5, 0x2F, 0xFD])]
    }

    package var documentation: String {
        "zstd (RFC 8878): ZSTD_findFrameCompressedSize for the exact frame size; checksum or content size required; decode verified"
    }

    package func carve(_ bytes: Span<UInt8>, at start: Int) -> CarvedExtent? {
        carve(bytes, at: start, context: .unbounded())
    }

    /// - Complexity: O(bytes read + decoded), bounded by ``CarveContext/locatingBudget`` and the
    ///   scan's work meter.
    package func carve(_ bytes: Span<UInt8>, at start: Int, context: CarveContext) -> CarvedExtent? {
        guard start >= 0, bytes.contains(offset: start, length: 6) else { return nil }
        // Frame_Header_Descriptor: bit 3 reserved, bits 0-1 dictionary ID size, bit 2
        // content checksum, bits 6-7 content size field, bit 5 single segment (implies one).
        let descriptor = bytes[start + 4]
        let hasChecksum = descriptor & 0x04 != 0
        let hasContentSize = descriptor & 0xC0 != 0 || descriptor & 0x20 != 0
        guard descriptor & 0x08 == 0, descriptor & 0x03 == 0, hasChecksum || hasContentSize else { return nil }
        let available = bytes.extracting(start..<bytes.count)
        guard let size = Zstd.frameCompressedSize(available) else { return nil }
        let run = Zstd.decodeFrame(available, budget: context.locatingBudget, meter: context.meter)
        context.spendLocating(run)
        switch run.ending {
        case .streamEnd where run.consumed == size:
            return CarvedExtent(range: start..<(start + size), declaredLength: size, confidence: .high)
        case .outputLimit:
            return CarvedExtent(range: start..<(start + size), declaredLength: size, confidence: .low)
        default:
            return nil
        }
    }

    package func expand(_ payload: Span<UInt8>, limits: ExpansionLimits) -> Expansion {
        var builder = ExpansionBuilder(limits: limits, inputLength: payload.count)
        guard builder.admitStream("zstd") else { return builder.finish() }
        builder.add(via: "zstd", run: Zstd.decodeFrame(payload, budget: builder.decodeBudget))
        return builder.finish()
    }
}
