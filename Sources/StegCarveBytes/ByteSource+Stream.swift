import SystemPackage

extension ByteSource {
    /// Reads `descriptor` to its end (standard input, a pipe, a FIFO, a socket) into memory.
    ///
    /// The stream is read in 64 KiB chunks and never beyond `maximumSize`: one byte more
    /// stops the read and throws, so an endless stream (`/dev/zero`, `yes |`) costs at most
    /// `maximumSize` bytes of memory, twice that while the buffer is handed over.
    ///
    /// - Parameters:
    ///   - descriptor: read, not closed.
    ///   - path: named in errors.
    /// - Throws: ``ByteSourceError``: `read` with `EFBIG` when the stream is longer than
    ///   `maximumSize` (nothing is kept), or the failing `read`'s `errno`.
    package convenience init(reading descriptor: FileDescriptor, path: String, maximumSize: Int) throws(ByteSourceError) {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count: Int
            do {
                count = try unsafe chunk.withUnsafeMutableBytes { raw in
                    try unsafe descriptor.read(into: raw, retryOnInterrupt: true)
                }
            } catch {
                throw ByteSourceError(operation: "read", path: path, code: (error as? Errno)?.rawValue ?? Errno.ioError.rawValue)
            }
            if count == 0 { break }
            guard maximumSize - bytes.count >= count else {
                throw ByteSourceError(
                    operation: "read", path: path, code: Errno.fileTooLarge.rawValue,
                    detail: "longer than the size limit (\(maximumSize) bytes); not scanned"
                )
            }
            bytes.append(contentsOf: chunk[0..<count])
        }
        self.init(bytes: bytes)
    }
}
