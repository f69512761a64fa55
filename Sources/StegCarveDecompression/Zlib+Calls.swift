import CZlib
import StegCarveBytes

// The only file of StegCarveDecompression that calls zlib. Every pointer handed to zlib comes
// from a `with…` closure and lives only for that call; zlib keeps none after `inflateEnd`.

/// Inflate and checksums through the system zlib.
///
/// Specifications: RFC 1950 (zlib), RFC 1951 (deflate), RFC 1952 (gzip, whose header and
/// trailer the gzip handler parses itself around a raw deflate stream).
package enum Zlib {
    /// The framing around the deflate data.
    package enum Framing: Sendable, Equatable {
        /// Bare deflate blocks (gzip members, ZIP method 8): ends at the final block.
        case rawDeflate
        /// RFC 1950: 2-byte header, deflate, Adler-32 (checked by zlib).
        case zlib
    }

    /// A decode run plus the CRC-32 of everything decoded (kept or discarded).
    package struct InflateRun: Sendable, Equatable {
        package var run: DecodeRun
        package var crc32: UInt32
        /// When asked for: offsets in the input where a deflate block header starts on a
        /// byte boundary (after the zlib header, and after each block that ends on one).
        package var blockStarts: [Int] = []
    }

    /// Inflates `input` from its first byte until the stream ends, the input runs out, the
    /// data is corrupt, `budget.limit` is passed or `meter` stops.
    ///
    /// With `recordsBlockStarts`, zlib stops at every block boundary (`Z_BLOCK`) and the
    /// byte-aligned ones are listed in ``InflateRun/blockStarts``: a deflate stream that
    /// starts at one of them decodes the same blocks from there on.
    /// - Complexity: O(bytes read + bytes decoded), bounded by `budget.limit` and by
    ///   `meter`, which is charged every byte read and written.
    package static func inflate(
        _ input: Span<UInt8>, framing: Framing, budget: DecodeBudget, meter: WorkMeter? = nil, recordsBlockStarts: Bool = false
    ) -> InflateRun {
        var sink = DecodeSink(budget: budget, meter: meter)
        var blockStarts: [Int] = []
        var crc: UInt32 = 0
        var scratch = [UInt8](repeating: 0, count: decodeScratchSize)
        var stream = unsafe z_stream()
        let windowBits: Int32 = framing == .rawDeflate ? -15 : 15
        let initStatus = unsafe inflateInit2_(&stream, windowBits, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard initStatus == Z_OK else {
            return InflateRun(run: sink.run(.corrupt("inflateInit2 failed (\(initStatus))"), consumed: 0), crc32: 0)
        }
        defer { _ = unsafe inflateEnd(&stream) }
        let total = input.count
        let ending: DecodeRun.Ending = unsafe input.withUnsafeBufferPointer { inBuffer in
            unsafe scratch.withUnsafeMutableBufferPointer { outBuffer in
                guard let outBase = outBuffer.baseAddress else { return .corrupt("no output buffer") }
                var fed = 0
                while true {
                    if unsafe stream.avail_in == 0, fed < total, let inBase = inBuffer.baseAddress {
                        let slice = min(decodeInputChunk, total - fed)
                        unsafe stream.next_in = UnsafeMutablePointer(mutating: inBase + fed)
                        unsafe stream.avail_in = UInt32(slice)
                        fed += slice
                    }
                    unsafe stream.next_out = outBase
                    unsafe stream.avail_out = UInt32(outBuffer.count)
                    let status = unsafe CZlib.inflate(&stream, recordsBlockStarts ? Z_BLOCK : Z_NO_FLUSH)
                    let made = unsafe outBuffer.count - Int(stream.avail_out)
                    if made > 0 {
                        let chunk = unsafe UnsafeBufferPointer(start: outBase, count: made)
                        crc = UInt32(truncatingIfNeeded: unsafe crc32_z(UInt(crc), outBase, made))
                        sink.accept(unsafe chunk.span)
                    }
                    let readSoFar = unsafe Int(stream.total_in)
                    sink.consumed(upTo: readSoFar)
                    // zlib.h, Z_BLOCK: bit 7 of data_type marks a block boundary, its low three
                    // bits count the unused bits of the last byte read (0: byte-aligned).
                    let dataType = unsafe stream.data_type
                    if recordsBlockStarts, status == Z_OK, dataType & 128 != 0, dataType & 64 == 0, dataType & 7 == 0 {
                        blockStarts.append(readSoFar)
                    }
                    switch status {
                    case Z_STREAM_END:
                        return .streamEnd
                    case Z_OK, Z_BUF_ERROR:
                        if sink.isOverLimit { return .outputLimit }
                        if sink.isInterrupted { return .interrupted }
                        // No progress possible: all input given and the output buffer not full.
                        if unsafe stream.avail_in == 0, fed == total, made < outBuffer.count { return .inputExhausted }
                    case Z_NEED_DICT:
                        return .corrupt("preset dictionary required")
                    default:
                        let reason = unsafe stream.msg.map { unsafe String(cString: $0) } ?? "inflate error \(status)"
                        return .corrupt(reason)
                    }
                }
            }
        }
        let consumed = unsafe Int(stream.total_in)  // every byte inflate read, across input slices
        return InflateRun(run: sink.run(ending, consumed: min(consumed, total)), crc32: crc, blockStarts: blockStarts)
    }

    /// CRC-32 (ISO 3309 / ITU-T V.42, as gzip, ZIP, PNG and 7z use it) of `bytes[range]`.
    package static func crc32(_ bytes: Span<UInt8>, in range: Range<Int>) -> UInt32 {
        let range = range.clamped(to: 0..<bytes.count)
        guard !range.isEmpty else { return 0 }
        return unsafe bytes.withUnsafeBufferPointer { buffer -> UInt32 in
            guard let base = buffer.baseAddress else { return 0 }
            return UInt32(truncatingIfNeeded: unsafe crc32_z(0, base + range.lowerBound, range.count))
        }
    }
}
