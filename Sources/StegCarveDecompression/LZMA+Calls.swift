import CLZMA
import StegCarveBytes

// The only file that calls liblzma. Every pointer handed to liblzma comes from a `with…`
// closure and lives only for that call; liblzma keeps none after `lzma_end`.

/// The `.xz` stream decoder of the system liblzma.
///
/// Specification: The .xz File Format 1.1.0 (https://tukaani.org/xz/xz-file-format.txt).
package enum LZMA {
    /// Memory the decoder may allocate for one stream (xz -9 needs 65 MiB).
    package static let memoryLimit: UInt64 = 128 << 20

    /// Decodes one `.xz` stream (not concatenated streams) from the first byte of `input`.
    /// ``DecodeRun/Ending/streamEnd`` means liblzma verified the index, the stream footer
    /// and every block's integrity check, and ``DecodeRun/consumed`` ends after the footer.
    /// - Complexity: O(bytes decoded), bounded by `budget.limit` and by `meter`, which is
    ///   charged every byte read and written.
    package static func decodeXZ(_ input: Span<UInt8>, budget: DecodeBudget, meter: WorkMeter? = nil) -> DecodeRun {
        var sink = DecodeSink(budget: budget, meter: meter)
        var scratch = [UInt8](repeating: 0, count: decodeScratchSize)
        var stream = unsafe lzma_stream()
        // Flags 0: no LZMA_CONCATENATED, so decoding stops after the first stream's footer.
        let initStatus = unsafe lzma_stream_decoder(&stream, memoryLimit, 0)
        guard initStatus == LZMA_OK else {
            return sink.run(.corrupt("lzma_stream_decoder failed (\(initStatus.rawValue))"), consumed: 0)
        }
        defer { unsafe lzma_end(&stream) }
        let ending: DecodeRun.Ending = unsafe input.withUnsafeBufferPointer { inBuffer in
            unsafe scratch.withUnsafeMutableBufferPointer { outBuffer in
                guard let outBase = outBuffer.baseAddress else { return .corrupt("no output buffer") }
                unsafe stream.next_in = inBuffer.baseAddress
                unsafe stream.avail_in = inBuffer.count
                while true {
                    unsafe stream.next_out = outBase
                    unsafe stream.avail_out = outBuffer.count
                    let status = unsafe lzma_code(&stream, LZMA_RUN)
                    let made = unsafe outBuffer.count - stream.avail_out
                    if made > 0 { sink.accept(unsafe UnsafeBufferPointer(start: outBase, count: made).span) }
                    sink.consumed(upTo: Int(unsafe stream.total_in))
                    switch status {
                    case LZMA_STREAM_END:
                        return .streamEnd
                    case LZMA_OK:
                        if sink.isOverLimit { return .outputLimit }
                        if sink.isInterrupted { return .interrupted }
                        if unsafe stream.avail_in == 0, made < outBuffer.count { return .inputExhausted }
                    case LZMA_BUF_ERROR:
                        return unsafe stream.avail_in == 0 ? .inputExhausted : .corrupt("no progress possible")
                    case LZMA_MEMLIMIT_ERROR:
                        return .corrupt("needs more than \(memoryLimit >> 20) MiB of decoder memory")
                    case LZMA_FORMAT_ERROR:
                        return .corrupt("not an .xz stream")
                    case LZMA_OPTIONS_ERROR:
                        return .corrupt("unsupported options")
                    case LZMA_DATA_ERROR:
                        return .corrupt("corrupt data")
                    default:
                        return .corrupt("liblzma error \(status.rawValue)")
                    }
                }
            }
        }
        return sink.run(ending, consumed: Int(unsafe stream.total_in))
    }
}
