import Crypto
import SystemPackage

/// SHA-256 of a file read in 1 MiB pieces (bounded memory whatever the file's size).
package enum FileDigest {
    /// - Throws: `Errno` when the file cannot be opened or read.
    package static func sha256(of path: FilePath) throws(Errno) -> [UInt8] {
        let descriptor: FileDescriptor
        do {
            descriptor = try FileDescriptor.open(path, .readOnly, options: [.closeOnExec])
        } catch {
            throw (error as? Errno) ?? .ioError
        }
        defer { try? descriptor.close() }
        var hasher = SHA256()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count: Int
            do {
                count = try unsafe buffer.withUnsafeMutableBytes { raw in try unsafe descriptor.read(into: raw, retryOnInterrupt: true) }
            } catch {
                throw (error as? Errno) ?? .ioError
            }
            if count == 0 { break }
            hasher.update(data: buffer[0..<count])
        }
        return Array(hasher.finalize())
    }

    /// The first `count` bytes of the file (fewer when it is shorter).
    /// - Throws: `Errno` when the file cannot be opened or read.
    package static func prefix(of path: FilePath, count: Int) throws(Errno) -> [UInt8] {
        let descriptor: FileDescriptor
        do {
            descriptor = try FileDescriptor.open(path, .readOnly, options: [.closeOnExec])
        } catch {
            throw (error as? Errno) ?? .ioError
        }
        defer { try? descriptor.close() }
        var buffer = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let read: Int
            do {
                read = try unsafe buffer.withUnsafeMutableBytes { raw in
                    try unsafe descriptor.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[filled...]), retryOnInterrupt: true)
                }
            } catch {
                throw (error as? Errno) ?? .ioError
            }
            if read == 0 { break }
            filled += read
        }
        return Array(buffer[0..<filled])
    }
}

extension FilePath {
    /// The path's exact bytes (no terminating NUL).
    package var rawBytes: [UInt8] {
        unsafe withPlatformString { pointer in
            var result: [UInt8] = []
            var index = 0
            while unsafe pointer[index] != 0 {
                result.append(UInt8(bitPattern: unsafe pointer[index]))
                index += 1
            }
            return result
        }
    }

    /// A path from raw bytes (a NUL inside ends it).
    package init(rawBytes: [UInt8]) {
        let terminated = rawBytes.map { CChar(bitPattern: $0) } + [0]
        self = unsafe terminated.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return FilePath() }
            return unsafe FilePath(platformString: base)
        }
    }
}
