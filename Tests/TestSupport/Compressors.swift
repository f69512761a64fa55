import CBZip2
import CLZMA
import CZlib
import CZstd

// The only TestSupport file that calls the compression libraries: tests build their
// compressed fixtures with the same system libraries the decoders use. Pointers live only
// inside the `with…` closures.

/// Compresses test data through zlib, liblzma, libbz2 and libzstd.
public enum Compressor {
    /// A zlib (RFC 1950) stream, or raw deflate (RFC 1951) when `raw`.
    public static func deflate(_ data: [UInt8], raw: Bool = false, level: Int32 = 9) -> [UInt8] {
        var stream = unsafe z_stream()
        guard unsafe deflateInit2_(&stream, level, Z_DEFLATED, raw ? -15 : 15, 8, Z_DEFAULT_STRATEGY,
                                   zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return [] }
        defer { _ = unsafe deflateEnd(&stream) }
        var input = data
        var output = [UInt8](repeating: 0, count: Int(unsafe deflateBound(&stream, UInt(data.count))) + 64)
        let written: Int = unsafe input.withUnsafeMutableBufferPointer { inBuffer in
            unsafe output.withUnsafeMutableBufferPointer { outBuffer in
                unsafe stream.next_in = inBuffer.baseAddress
                unsafe stream.avail_in = UInt32(inBuffer.count)
                unsafe stream.next_out = outBuffer.baseAddress
                unsafe stream.avail_out = UInt32(outBuffer.count)
                _ = unsafe CZlib.deflate(&stream, Z_FINISH)
                return unsafe Int(stream.total_out)
            }
        }
        return Array(output.prefix(written))
    }

    /// CRC-32 as gzip and ZIP use it.
    public static func crc32(_ data: [UInt8]) -> UInt32 {
        unsafe data.withUnsafeBufferPointer { buffer in
            UInt32(truncatingIfNeeded: unsafe crc32_z(0, buffer.baseAddress, buffer.count))
        }
    }

    /// A gzip member (RFC 1952) with an optional FNAME, MTIME and FHCRC.
    public static func gzip(_ data: [UInt8], name: String? = nil, mtime: UInt32 = 0, headerCRC: Bool = false) -> [UInt8] {
        var header: [UInt8] = [0x1F, 0x8B, 0x08, (name == nil ? 0 : 0x08) | (headerCRC ? 0x02 : 0)]
        header += [UInt8(mtime & 0xFF), UInt8(mtime >> 8 & 0xFF), UInt8(mtime >> 16 & 0xFF), UInt8(mtime >> 24)]
        header += [2, 3]
        if let name { header += Array(name.utf8) + [0] }
        if headerCRC {
            let crc = crc32(header)
            header += [UInt8(crc & 0xFF), UInt8(crc >> 8 & 0xFF)]
        }
        var trailer = ByteWriter()
        trailer.u32(crc32(data))
        trailer.u32(UInt32(truncatingIfNeeded: data.count))
        return header + deflate(data, raw: true) + trailer.bytes
    }

    /// An `.xz` stream (preset 6, CRC64 check).
    public static func xz(_ data: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: data.count + data.count / 2 + 1024)
        var position = 0
        let status = unsafe data.withUnsafeBufferPointer { inBuffer in
            unsafe output.withUnsafeMutableBufferPointer { outBuffer in
                unsafe lzma_easy_buffer_encode(6, LZMA_CHECK_CRC64, nil, inBuffer.baseAddress, inBuffer.count,
                                               outBuffer.baseAddress, &position, outBuffer.count)
            }
        }
        return status == LZMA_OK ? Array(output.prefix(position)) : []
    }

    /// A bzip2 stream (block size 9).
    public static func bzip2(_ data: [UInt8]) -> [UInt8] {
        var input = data
        var output = [UInt8](repeating: 0, count: data.count + data.count / 100 + 700)
        var length = UInt32(output.count)
        let status = unsafe input.withUnsafeMutableBufferPointer { inBuffer in
            unsafe output.withUnsafeMutableBufferPointer { outBuffer in
                unsafe BZ2_bzBuffToBuffCompress(
                    UnsafeMutableRawPointer(outBuffer.baseAddress)?.assumingMemoryBound(to: CChar.self), &length,
                    UnsafeMutableRawPointer(inBuffer.baseAddress)?.assumingMemoryBound(to: CChar.self), UInt32(inBuffer.count), 9, 0, 0)
            }
        }
        return status == BZ_OK ? Array(output.prefix(Int(length))) : []
    }

    /// A Zstandard frame, with a content checksum when `checksum`, with the content size in
    /// the header unless `contentSize` is false.
    public static func zstd(_ data: [UInt8], checksum: Bool = true, contentSize: Bool = true, level: Int32 = 19) -> [UInt8] {
        guard let context = unsafe ZSTD_createCCtx() else { return [] }
        defer { _ = unsafe ZSTD_freeCCtx(context) }
        _ = unsafe ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, level)
        _ = unsafe ZSTD_CCtx_setParameter(context, ZSTD_c_checksumFlag, checksum ? 1 : 0)
        _ = unsafe ZSTD_CCtx_setParameter(context, ZSTD_c_contentSizeFlag, contentSize ? 1 : 0)
        var output = [UInt8](repeating: 0, count: ZSTD_compressBound(data.count))
        let size = unsafe data.withUnsafeBufferPointer { inBuffer in
            unsafe output.withUnsafeMutableBufferPointer { outBuffer in
                unsafe ZSTD_compress2(context, outBuffer.baseAddress, outBuffer.count, inBuffer.baseAddress, inBuffer.count)
            }
        }
        return ZSTD_isError(size) == 0 ? Array(output.prefix(size)) : []
    }
}
