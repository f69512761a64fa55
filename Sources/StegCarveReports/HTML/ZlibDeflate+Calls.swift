import CZlib

// The only file that calls zlib from StegCarveReports. Pointers handed to zlib live only for
// the call that receives them.

/// Compression and CRC-32 through the system zlib, for the PNG thumbnails of the report page.
package enum ZlibDeflate {
    /// RFC 1950 zlib stream of `input` at the default level; `nil` if zlib fails.
    package static func compress(_ input: [UInt8]) -> [UInt8]? {
        let bound = Int(compressBound(UInt(input.count)))
        var output = [UInt8](repeating: 0, count: bound)
        var outputLength = UInt(bound)
        let status = unsafe output.withUnsafeMutableBufferPointer { out in
            unsafe input.withUnsafeBufferPointer { source in
                unsafe compress2(out.baseAddress, &outputLength, source.baseAddress, UInt(source.count), Z_DEFAULT_COMPRESSION)
            }
        }
        guard status == Z_OK, Int(outputLength) <= bound else { return nil }
        output.removeSubrange(Int(outputLength)...)
        return output
    }

    /// CRC-32 (ISO 3309, as PNG chunks use).
    package static func crc32(_ bytes: [UInt8]) -> UInt32 {
        unsafe bytes.withUnsafeBufferPointer { buffer in
            UInt32(truncatingIfNeeded: unsafe crc32_z(0, buffer.baseAddress, buffer.count))
        }
    }
}
