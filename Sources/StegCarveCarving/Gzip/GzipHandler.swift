import StegCarveBytes

/// Carves gzip members and inflates them.
///
/// Specification: RFC 1952 (https://www.rfc-editor.org/rfc/rfc1952). The header is
/// validated field by field (reserved flag bits, XFL, OS, FHCRC), the raw deflate stream is
/// inflated through zlib with the output counted and discarded until zlib reports
/// `Z_STREAM_END` (that is where the compressed data ends), and the 8-byte trailer must
/// match: CRC-32 of the inflated bytes and ISIZE. Consecutive members (a multi-member
/// file, `cat a.gz b.gz`) are carved one finding each: the carver resumes after each member,
/// so each gets its own extent, hashes and metadata.
/// Limitations: locating inflates within the stream's locating allowance
/// (``CarveContext/locatingBudget``: 4 GiB within a scan's deadline); a member that inflates
/// to more (a bomb) is reported over the compressed bytes read until then, with confidence
/// `low`, so the search goes on after it. A member cut short inside its deflate data is
/// reported truncated (confidence `medium`, declared length: the bytes present plus the
/// 8-byte trailer, a lower bound). A corrupt member declines later members whose deflate
/// data starts at a block boundary it passed (see ``ZlibHandler``).
package struct GzipHandler: ExpandingPayloadHandler {
    package init() {}

    package var type: String { "gzip" }

    package var signatures: [PayloadSignature] {
        [PayloadSignature(magic: [0x1F, 0x8B, 0x08])]
    }

    package var documentation: String {
        "gzip (RFC 1952): header flags, raw deflate inflated to Z_STREAM_END, trailer CRC-32 + ISIZE checked; one finding per member"
    }

    package func carve(_ bytes: Span<UInt8>, at start: Int) -> CarvedExtent? {
        carve(bytes, at: start, context: .unbounded())
    }

    /// - Complexity: O(bytes read + decoded), bounded by ``CarveContext/locatingBudget`` and the
    ///   scan's work meter.
    package func carve(_ bytes: Span<UInt8>, at start: Int, context: CarveContext) -> CarvedExtent? {
        guard start >= 0, start < bytes.count else { return nil }
        let available = bytes.extracting(start..<bytes.count)
        guard let header = try? Gzip.Header(parsing: available),
              !context.isDeclined(start + header.length, for: ZlibHandler.corruptDeflate),
              let member = try? Gzip.Member(locating: available, budget: context.locatingBudget, meter: context.meter) else { return nil }
        context.spendLocating(member.deflate)
        switch member.deflate.ending {
        case .streamEnd:
            guard let length = member.declaredLength else { return nil }
            if length <= available.count {
                guard member.trailerMatches(in: available) else { return nil }
                return CarvedExtent(range: start..<(start + length), declaredLength: length, confidence: .high)
            }
            // The trailer is cut off: the deflate data is complete, the checks are missing.
            return CarvedExtent(range: start..<bytes.count, declaredLength: length, confidence: .medium)
        case .inputExhausted:
            guard member.deflate.produced > 0 else { return nil }
            return CarvedExtent(range: start..<bytes.count, declaredLength: available.count + 8, confidence: .medium)
        case .outputLimit:
            // A bomb: claim what was read, so whatever follows it is still searched.
            let read = member.header.length + member.deflate.consumed
            return CarvedExtent(range: start..<(start + read), declaredLength: read, confidence: .low)
        case .corrupt:
            // Raw deflate from any boundary passed here meets the same corruption.
            context.decline(member.blockStarts.lazy.map { start + $0 }.filter { $0 > start + header.length }, for: ZlibHandler.corruptDeflate)
            return nil
        case .interrupted:
            return nil
        }
    }

    package func expand(_ payload: Span<UInt8>, limits: ExpansionLimits) -> Expansion {
        var builder = ExpansionBuilder(limits: limits, inputLength: payload.count)
        let header: Gzip.Header
        do {
            header = try Gzip.Header(parsing: payload)
        } catch {
            builder.error("gzip header: \(error)")
            return builder.finish()
        }
        guard builder.admitStream("gzip") else { return builder.finish() }
        let inflated = Zlib.inflate(payload.extracting(header.length..<payload.count), framing: .rawDeflate, budget: builder.decodeBudget)
        builder.add(via: "gzip", run: inflated.run)
        return builder.finish()
    }
}
