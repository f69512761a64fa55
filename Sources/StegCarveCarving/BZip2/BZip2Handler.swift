import StegCarveBytes

/// Carves bzip2 streams and decompresses them through libbz2.
///
/// Format: `BZh` + block size `1`–`9`, then either a block header (`31 41 59 26 53 59`, the
/// digits of π) or, for an empty stream, the end-of-stream marker (`17 72 45 38 50 90`,
/// √π). Blocks are not byte-aligned and carry no lengths, so the end is found by running
/// `BZ2_bzDecompress` to `BZ_STREAM_END` (every block CRC and the combined CRC checked);
/// the bytes it consumed are the stream. Reference: bzip2 1.0.8 source,
/// https://github.com/dsnet/compress/blob/master/doc/bzip2-format.pdf.
/// Limitations: a stream cut short is reported truncated (`medium`; declared length the
/// bytes present plus the 10-byte end-of-stream marker and CRC, a lower bound); one that
/// decompresses past its stream's locating allowance (``CarveContext/locatingBudget``: 4 GiB
/// within a scan's deadline, so a bomb's end is usually found) is reported over the
/// compressed bytes read until then (`low`), so the search goes on after it.
/// Concatenated streams (`pbzip2`, `cat a.bz2 b.bz2`) are one finding each.
package struct BZip2Handler: ExpandingPayloadHandler {
    package init() {}

    package var type: String { "bzip2" }

    package var signatures: [PayloadSignature] {
        let blockMagic: [UInt8] = [0x31, 0x41, 0x59, 0x26, 0x53, 0x59]
        let endMagic: [UInt8] = [0x17, 0x72, 0x45, 0x38, 0x50, 0x90]
        return (UInt8(ascii: "1")...UInt8(ascii: "9")).flatMap { level in
            [blockMagic, endMagic].map { PayloadSignature(magic: [0x42, 0x5A, 0x68, level] + $0) }
        }
    }

    package var documentation: String {
        "bzip2: BZh1-9 + block or end-of-stream magic; end found by BZ2_bzDecompress reaching BZ_STREAM_END (block and stream CRCs checked)"
    }

    package func carve(_ bytes: Span<UInt8>, at start: Int) -> CarvedExtent? {
        carve(bytes, at: start, context: .unbounded())
    }

    /// - Complexity: O(bytes read + decoded), bounded by ``CarveContext/locatingBudget`` and the
    ///   scan's work meter.
    package func carve(_ bytes: Span<UInt8>, at start: Int, context: CarveContext) -> CarvedExtent? {
        guard start >= 0, bytes.contains(offset: start, length: 10) else { return nil }
        let run = BZip2.decode(bytes.extracting(start..<bytes.count), budget: context.locatingBudget, meter: context.meter)
        context.spendLocating(run)
        let available = bytes.count - start
        switch run.ending {
        case .streamEnd:
            return CarvedExtent(range: start..<(start + run.consumed), declaredLength: run.consumed, confidence: .high)
        case .inputExhausted:
            return CarvedExtent(range: start..<bytes.count, declaredLength: available + 10, confidence: .medium)
        case .outputLimit:
            // A bomb: claim what was read, so whatever follows it is still searched.
            return CarvedExtent(range: start..<(start + max(1, run.consumed)), declaredLength: run.consumed, confidence: .low)
        case .corrupt, .interrupted:
            return nil
        }
    }

    package func expand(_ payload: Span<UInt8>, limits: ExpansionLimits) -> Expansion {
        var builder = ExpansionBuilder(limits: limits, inputLength: payload.count)
        guard builder.admitStream("bzip2") else { return builder.finish() }
        builder.add(via: "bzip2", run: BZip2.decode(payload, budget: builder.decodeBudget))
        return builder.finish()
    }
}
