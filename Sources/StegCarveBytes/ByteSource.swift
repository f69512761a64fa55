import StegCarvePlatform
import CStegCarveMapping
import SystemPackage

/// The bytes of one scanned input, held once and read in place by every stage.
///
/// A file is memory-mapped read-only, so parsers and the carver work on zero-copy slices of
/// the page cache; in-memory input is kept in an owned buffer. Parsers receive the bytes as a
/// `Span<UInt8>` through ``withSpan(_:)`` and refer to positions by `Range<Int>` offsets.
@safe
package final class ByteSource: @unchecked Sendable {
    // Immutable after init; the mapping or buffer lives exactly as long as this object, and
    // nothing writes through `base`, which is what makes sharing across threads sound.
    private let base: UnsafeRawPointer?
    /// Number of bytes.
    package let count: Int
    private let ownership: Ownership

    private enum Ownership {
        /// Mapped and registered with the SIGBUS guard under this slot.
        case mapped(slot: Int32)
        case allocated
        case empty
    }

    /// Copies `bytes` into an owned buffer.
    package init(bytes: some Collection<UInt8>) {
        let count = bytes.count
        self.count = count
        if count == 0 {
            unsafe base = nil
            ownership = .empty
            return
        }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: count, alignment: 16)
        _ = unsafe buffer.copyBytes(from: bytes)
        unsafe base = UnsafeRawPointer(buffer.baseAddress)
        ownership = .allocated
    }

    /// Reads the regular file at `path` (or maps it, above ``mappingThreshold``); FIFOs,
    /// devices and sockets are refused, never read.
    ///
    /// - Parameter maximumSize: files larger than this are refused before anything is read.
    /// - Throws: ``ByteSourceError`` naming the failing call and `errno`.
    package convenience init(contentsOfFile path: String, maximumSize: Int = Int.max) throws(ByteSourceError) {
        try self.init(contentsOfFile: FilePath(path), maximumSize: maximumSize)
    }

    /// Reads the file at `path`, whose bytes need not be valid UTF-8.
    ///
    /// - Parameter mappingThreshold: files larger than this are mapped (tests lower it).
    package init(
        contentsOfFile filePath: FilePath, maximumSize: Int = Int.max, mappingThreshold: Int = ByteSource.mappingThreshold
    ) throws(ByteSourceError) {
        let path = filePath.string
        let descriptor = unsafe filePath.withPlatformString { unsafe open($0, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK) }
        guard descriptor >= 0 else { throw ByteSourceError(operation: "open", path: path, code: errno) }
        defer { _ = close(descriptor) }
        var status = stat()
        guard unsafe fstat(descriptor, &status) == 0 else {
            throw ByteSourceError(operation: "fstat", path: path, code: errno)
        }
        let type = status.st_mode & S_IFMT
        if type == S_IFDIR { throw ByteSourceError(operation: "open", path: path, code: EISDIR) }
        guard type == S_IFREG else {
            // FIFOs, devices and sockets could block or never end: not read.
            throw ByteSourceError(operation: "open", path: path, code: EINVAL, detail: "not a regular file")
        }
        let size = Int(status.st_size)
        guard size <= maximumSize else {
            throw ByteSourceError(operation: "open", path: path, code: EFBIG, detail: "larger than the size limit")
        }
        guard size > 0 else {
            count = 0
            unsafe base = nil
            ownership = .empty
            return
        }
        if size > mappingThreshold, let (mapped, slot) = unsafe Self.map(descriptor, size: size) {
            count = size
            unsafe base = UnsafeRawPointer(mapped)
            ownership = .mapped(slot: slot)
            return
        }
        // Small files are read: cheaper than mapping and unmapping (a few system calls and
        // page-table updates against copying a few pages), and a file that shrinks while it
        // is read simply yields fewer bytes.
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        var filled = 0
        while filled < size {
            let result = unsafe pread(descriptor, buffer + filled, size - filled, off_t(filled))
            if result < 0 {
                if errno == EINTR { continue }
                let code = errno
                unsafe buffer.deallocate()
                throw ByteSourceError(operation: "read", path: path, code: code)
            }
            if result == 0 { break }
            filled += result
        }
        count = filled
        unsafe base = UnsafeRawPointer(buffer)
        ownership = .allocated
    }

    /// Maps the file read-only and registers the mapping with the SIGBUS guard
    /// (`CStegCarveMapping`): a file truncated underneath its mapping raises SIGBUS on the
    /// vanished pages, and the guard maps zeros there instead (see ``hasShrunk``). `nil`
    /// when mapping fails or the guard has no free slot: the caller reads the file instead.
    /// Up to ``populateLimit`` the page tables are filled in the `mmap` call itself
    /// (`MAP_POPULATE`: one pass over the page cache instead of a fault every 64 KiB); larger
    /// files fault in as they are read, so a file larger than memory is never loaded whole.
    private static func map(_ descriptor: Int32, size: Int) -> (UnsafeMutableRawPointer, Int32)? {
        let flags = size <= populateLimit ? MAP_PRIVATE | Platform.mapPopulate : MAP_PRIVATE
        guard let mapped = unsafe mmap(nil, size, PROT_READ, flags, descriptor, 0), unsafe mapped != MAP_FAILED else {
            return nil
        }
        let slot = unsafe sc_mapping_register(mapped, size)
        guard slot >= 0 else {
            _ = unsafe munmap(mapped, size)
            return nil
        }
        return unsafe (mapped, slot)
    }

    /// Whether the bytes are a mapping of the file (rather than read into memory).
    package var isMapped: Bool {
        if case .mapped = ownership { return true }
        return false
    }

    /// Whether the file shrank while it was mapped: bytes past its new end read as zeros.
    /// Check it after the bytes were used; an in-memory or read source never shrinks.
    package var hasShrunk: Bool {
        guard case .mapped(let slot) = ownership else { return false }
        return sc_mapping_faulted(slot) != 0
    }

    /// Files up to this size are read into memory; larger ones are memory-mapped.
    ///
    /// Mapping reads the page cache in place: no copy, and no fresh heap pages to zero and
    /// fault in (on 271 MB of photo-sized pictures the sweep's system time fell from 0.12 s
    /// to 0.01 s, a fifth of its CPU time; per file, reading costs as much as mapping at
    /// 1 MiB and 4× more at 2 MiB), and very large files stay out of the heap. A mapped file
    /// that another process truncates while it is scanned reads as zeros past its new end
    /// (``hasShrunk``) instead of raising SIGBUS.
    package static let mappingThreshold = 2 << 20

    /// Mappings up to this size are populated when they are made (``map(_:size:)``).
    static let populateLimit = 256 << 20

    deinit {
        guard let base = unsafe base else { return }
        switch ownership {
        case .mapped(let slot):
            _ = sc_mapping_unregister(slot)
            _ = unsafe munmap(UnsafeMutableRawPointer(mutating: base), count)
        case .allocated: unsafe UnsafeMutableRawPointer(mutating: base).deallocate()
        case .empty: break
        }
    }

    /// Calls `body` with all bytes as a span; the span must not escape the closure.
    package func withSpan<Result, Failure: Error>(
        _ body: (Span<UInt8>) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        let typed = unsafe base?.assumingMemoryBound(to: UInt8.self)
        let buffer = unsafe UnsafeBufferPointer<UInt8>(start: typed, count: typed == nil ? 0 : count)
        return try body(unsafe buffer.span)
    }

    /// Copies the bytes in `range` (clamped to the source) into an array.
    package func copyBytes(in range: Range<Int>) -> [UInt8] {
        withSpan { $0.bytes(in: range) }
    }
}

/// A file could not be opened, inspected or mapped.
package struct ByteSourceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The system call that failed.
    package var operation: String
    /// The path as given.
    package var path: String
    /// The `errno` value.
    package var code: Int32
    /// Extra context when `errno` alone is not enough.
    package var detail: String?

    package init(operation: String, path: String, code: Int32, detail: String? = nil) {
        self.operation = operation
        self.path = path
        self.code = code
        self.detail = detail
    }

    package var description: String {
        let reason = unsafe detail ?? String(cString: strerror(code))
        return "\(operation): \(reason)"
    }
}
