import StegCarvePlatform
import StegCarveBytes
import SystemPackage
import Testing
import TestSupport

/// File-system reality for the one place files are opened: mapped files truncated under the
/// scanner, files over 4 GiB.
@Suite("ByteSource on real files")
struct ByteSourceFileTests {
    /// Creates `path` with `size` bytes: `fill` in the first `filled` bytes, a hole after.
    private func makeFile(_ path: String, size: Int, filled: Int, fill: UInt8) throws {
        let descriptor = unsafe open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        let bytes = [UInt8](repeating: fill, count: filled)
        #expect(unsafe write(descriptor, bytes, bytes.count) == bytes.count)
        #expect(ftruncate(descriptor, off_t(size)) == 0)
    }

    @Test("a mapped file truncated underneath reads as zeros past its new end, no SIGBUS, and says it shrank")
    func truncatedWhileMapped() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/shrinking.bin"
        let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
        try makeFile(path, size: 64 * pageSize, filled: 64 * pageSize, fill: 0x41)
        let source = try ByteSource(contentsOfFile: FilePath(path), mappingThreshold: 0)
        #expect(source.isMapped)
        // Touch every page while the file is whole, then cut it to one page.
        let before = source.withSpan { span in stride(from: 0, to: span.count, by: pageSize).reduce(0) { $0 + Int(span[$1]) } }
        #expect(before == 64 * 0x41)
        #expect(!source.hasShrunk)
        let truncated = unsafe truncate(path, off_t(pageSize))
        #expect(truncated == 0)
        let after = source.withSpan { span in stride(from: 0, to: span.count, by: pageSize / 4).reduce(0) { $0 + Int(span[$1]) } }
        #expect(after == 4 * 0x41, "the first page keeps its bytes, the vanished ones read as zeros")
        #expect(source.hasShrunk)
        #expect(source.count == 64 * pageSize)
    }

    @Test("a mapped file that is not truncated is not reported as shrunk; read files never are")
    func unchangedFiles() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/steady.bin"
        try makeFile(path, size: 8192, filled: 8192, fill: 7)
        let mapped = try ByteSource(contentsOfFile: FilePath(path), mappingThreshold: 0)
        #expect(mapped.isMapped && mapped.withSpan { $0[8191] } == 7 && !mapped.hasShrunk)
        let read = try ByteSource(contentsOfFile: FilePath(path))
        #expect(!read.isMapped && read.count == 8192 && !read.hasShrunk)
    }

    @Test("files above the mapping threshold are mapped (populated), files at or below it are read")
    func mappingThreshold() throws {
        let directory = try TemporaryDirectory()
        let threshold = ByteSource.mappingThreshold
        for (name, size) in [("at.bin", threshold), ("above.bin", threshold + 1), ("large.bin", 4 * threshold + 4095)] {
            let path = directory.path + "/" + name
            try makeFile(path, size: size, filled: size, fill: UInt8(truncatingIfNeeded: size))
            let source = try ByteSource(contentsOfFile: FilePath(path))
            #expect(source.isMapped == (size > threshold), "\(name)")
            #expect(source.count == size && !source.hasShrunk)
            let last = source.withSpan { $0[size - 1] }
            #expect(last == UInt8(truncatingIfNeeded: size))
        }
    }

    @Test("a file mapped at the default threshold and truncated to nothing reads as zeros and says it shrank")
    func truncatedToNothingAtDefaultThreshold() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/vanishing.bin"
        let size = ByteSource.mappingThreshold + 12_345
        try makeFile(path, size: size, filled: size, fill: 0x5A)
        let source = try ByteSource(contentsOfFile: FilePath(path))
        #expect(source.isMapped)
        let truncated = unsafe truncate(path, 0)
        #expect(truncated == 0)
        let sum = source.withSpan { span in stride(from: 0, to: span.count, by: 1024).reduce(0) { $0 + Int(span[$1]) } }
        #expect(sum == 0)
        #expect(source.hasShrunk)
    }

    @Test("a sparse file over 4 GiB is mapped whole and addressed past 2^32")
    func overFourGiB() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/sparse.bin"
        let size = (4 << 30) + 8192
        try makeFile(path, size: size, filled: 0, fill: 0)
        let descriptor = unsafe open(path, O_WRONLY | O_CLOEXEC)
        try #require(descriptor >= 0)
        let marker: [UInt8] = [0x5A, 0xA5]
        #expect(unsafe pwrite(descriptor, marker, 2, off_t((4 << 30) + 100)) == 2)
        close(descriptor)
        let source = try ByteSource(contentsOfFile: FilePath(path))
        #expect(source.isMapped && source.count == size)
        #expect(source.withSpan { $0.uint16(at: (4 << 30) + 100, .big) } == 0x5AA5)
        #expect(source.withSpan { $0[size - 1] } == 0)
        let limited = #expect(throws: ByteSourceError.self) { try ByteSource(contentsOfFile: FilePath(path), maximumSize: 4 << 30) }
        #expect(limited?.code == EFBIG)
    }
}
