import CZstd
import StegCarveBytes

// The only file that calls libzstd. Every pointer handed to libzstd comes from a `with…`
// closure and lives only for that call; libzstd keeps none after `ZSTD_freeDStream`.

/// Zstandard frames through the system libzstd.
///
/// Specification: RFC 8878 (Zstandard Compression and the application/zstd Media Type).
package enum Zstd {
    /// The exact compressed size of the frame at the start of `input`, computed from the
    /// frame and block headers without decompressing (`ZSTD_findFrameCompressedSize`), or
    /// `nil` when the headers are invalid or the frame runs past the end of `input`.
    package static func frameCompressedSize(_ input: Span<UInt8>) -> Int? {
        unsafe input.withUnsafeBufferPointer { buffer -> Int? in
            guard let base = buffer.baseAddress else { return nil }
            let size = unsafe ZSTD_findFrameCompressedSize(base, buffer.count)
            guard ZSTD_isError(size) == 0 else { return nil }
            return Int(size)
        }
    }

    /// The content size the frame header declares, or `nil` when absent or invalid.
    package static func declaredContentSize(_ input: Span<UInt8>) -> UInt64? {
        unsafe input.withUnsafeBufferPointer { buffer -> UInt64? in
            guard let base = buffer.baseAddress else { return nil }
            let size = unsafe ZSTD_getFrameContentSize(base, buffer.count)
            // ZSTD_CONTENTSIZE_UNKNOWN (-1) and ZSTD_CONTENTSIZE_ERROR (-2).
            guard size < UInt64.max - 1 else { return nil }
            return size
        }
    }

    /// Decodes the first frame of `input` with `ZSTD_decompressStream`. ``DecodeRun/Ending/streamEnd``
    /// means the frame ended and, when the frame has one, its content checksum matched.
    /// - Complexity: O(bytes decoded), bounded by `budget.limit` and by `meter`, which is
    ///   charged every byte read and written.
    package static func decodeFrame(_ input: Span<UInt8>, budget: DecodeBudget, meter: WorkMeter? = nil) -> DecodeRun {
        var sink = DecodeSink(budget: budget, meter: meter)
        var scratch = [UInt8](repeating: 0, count: decodeScratchSize)
        guard let stream = unsafe ZSTD_createDStream() else {
            return sink.run(.corrupt("ZSTD_createDStream failed"), consumed: 0)
        }
        defer { _ = unsafe ZSTD_freeDStream(stream) }
        var consumed = 0
        let ending: DecodeRun.Ending = unsafe input.withUnsafeBufferPointer { inBuffer in
            unsafe scratch.withUnsafeMutableBufferPointer { outBuffer in
                guard let outBase = outBuffer.baseAddress else { return .corrupt("no output buffer") }
                var inDescriptor = unsafe ZSTD_inBuffer(src: UnsafeRawPointer(inBuffer.baseAddress), size: inBuffer.count, pos: 0)
                defer { consumed = unsafe inDescriptor.pos }
                while true {
                    var outDescriptor = unsafe ZSTD_outBuffer(dst: UnsafeMutableRawPointer(outBase), size: outBuffer.count, pos: 0)
                    let status = unsafe ZSTD_decompressStream(stream, &outDescriptor, &inDescriptor)
                    let made = unsafe outDescriptor.pos
                    if made > 0 { sink.accept(unsafe UnsafeBufferPointer(start: outBase, count: made).span) }
                    sink.consumed(upTo: unsafe inDescriptor.pos)
                    if ZSTD_isError(status) != 0 {
                        return .corrupt(unsafe String(cString: ZSTD_getErrorName(status)))
                    }
                    if status == 0 { return .streamEnd }
                    if sink.isOverLimit { return .outputLimit }
                    if sink.isInterrupted { return .interrupted }
                    if unsafe inDescriptor.pos == inDescriptor.size, made < outBuffer.count { return .inputExhausted }
                }
            }
        }
        return sink.run(ending, consumed: consumed)
    }
}
