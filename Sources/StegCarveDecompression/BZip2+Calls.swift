import CBZip2
import StegCarveBytes

// The only file that calls libbz2. Every pointer handed to libbz2 comes from a `with…`
// closure and lives only for that call; libbz2 keeps none after `BZ2_bzDecompressEnd`.

/// The bzip2 stream decoder of the system libbz2.
///
/// Specification: there is no formal one; the reference is bzip2 1.0.8's source and
/// Joe Tsai's "bzip2 format" notes (https://github.com/dsnet/compress/blob/master/doc/bzip2-format.pdf).
package enum BZip2 {
    /// Decodes one bzip2 stream from the first byte of `input`. ``DecodeRun/Ending/streamEnd``
    /// means libbz2 reached the end-of-stream marker and checked every block CRC and the
    /// combined stream CRC; ``DecodeRun/consumed`` then ends at the byte holding the marker's
    /// last bit.
    /// - Complexity: O(bytes decoded), bounded by `budget.limit` and by `meter`, which is
    ///   charged every byte read and written.
    package static func decode(_ input: Span<UInt8>, budget: DecodeBudget, meter: WorkMeter? = nil) -> DecodeRun {
        var sink = DecodeSink(budget: budget, meter: meter)
        var scratch = [UInt8](repeating: 0, count: decodeScratchSize)
        var stream = unsafe bz_stream()
        let initStatus = unsafe BZ2_bzDecompressInit(&stream, 0, 0)
        guard initStatus == BZ_OK else {
            return sink.run(.corrupt("BZ2_bzDecompressInit failed (\(initStatus))"), consumed: 0)
        }
        defer { _ = unsafe BZ2_bzDecompressEnd(&stream) }
        let total = input.count
        var fed = 0
        let ending: DecodeRun.Ending = unsafe input.withUnsafeBufferPointer { inBuffer in
            unsafe scratch.withUnsafeMutableBufferPointer { outBuffer in
                guard let outBase = outBuffer.baseAddress else { return .corrupt("no output buffer") }
                let outChars = unsafe UnsafeMutableRawPointer(outBase).assumingMemoryBound(to: CChar.self)
                while true {
                    if unsafe stream.avail_in == 0, fed < total, let inBase = inBuffer.baseAddress {
                        let slice = min(decodeInputChunk, total - fed)
                        let raw = unsafe UnsafeMutableRawPointer(mutating: UnsafeRawPointer(inBase + fed))
                        unsafe stream.next_in = raw.assumingMemoryBound(to: CChar.self)
                        unsafe stream.avail_in = UInt32(slice)
                        fed += slice
                    }
                    unsafe stream.next_out = outChars
                    unsafe stream.avail_out = UInt32(outBuffer.count)
                    let status = unsafe BZ2_bzDecompress(&stream)
                    let made = unsafe outBuffer.count - Int(stream.avail_out)
                    if made > 0 { sink.accept(unsafe UnsafeBufferPointer(start: outBase, count: made).span) }
                    sink.consumed(upTo: unsafe Int(stream.total_in_hi32) << 32 | Int(stream.total_in_lo32))
                    switch status {
                    case BZ_STREAM_END:
                        return .streamEnd
                    case BZ_OK:
                        if sink.isOverLimit { return .outputLimit }
                        if sink.isInterrupted { return .interrupted }
                        if unsafe stream.avail_in == 0, fed == total, made < outBuffer.count { return .inputExhausted }
                    case BZ_DATA_ERROR_MAGIC:
                        return .corrupt("not a bzip2 stream")
                    case BZ_DATA_ERROR:
                        return .corrupt("corrupt data or CRC mismatch")
                    case BZ_MEM_ERROR:
                        return .corrupt("out of memory")
                    default:
                        return .corrupt("libbz2 error \(status)")
                    }
                }
            }
        }
        let consumed = unsafe Int(stream.total_in_hi32) << 32 | Int(stream.total_in_lo32)
        return sink.run(ending, consumed: consumed)
    }
}
