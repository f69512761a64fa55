import Foundation
import StegCarvePlatform
import StegCarve
import SystemPackage
import Testing
import TestSupport

/// What the scanner does with files that are not ordinary readable pictures: each is an
/// error naming the cause, never a hang (FIFOs, devices and sockets are never read) or a crash.
@Suite("File-system reality")
struct FileSystemRealityTests {
    private func scanError(_ path: String) -> ScanError? {
        #expect(throws: ScanError.self) { try Scanner().scan(fileAt: path) }
    }

    @Test("a FIFO is refused at once, with or without a writer")
    func fifo() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/pipe.jpg"
        let made = unsafe mkfifo(path, 0o644)
        #expect(made == 0)
        let started = ContinuousClock.now
        let error = scanError(path)
        #expect(error?.reason == "open: not a regular file")
        // A writer holding the FIFO open changes nothing: it is still not read.
        let writer = unsafe open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC)
        #expect(writer >= 0)
        defer { close(writer) }
        #expect(scanError(path)?.reason == "open: not a regular file")
        #expect(ContinuousClock.now - started < .seconds(5))
    }

    @Test("character devices are refused, never read", arguments: ["/dev/null", "/dev/zero", "/dev/urandom"])
    func devices(path: String) {
        #expect(scanError(path)?.reason == "open: not a regular file")
    }

    @Test("a socket cannot be opened and is reported")
    func socketFile() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/socket.png"
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let pathBytes = Array(path.utf8)
        try #require(pathBytes.count < MemoryLayout.size(ofValue: address.sun_path))
        unsafe withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in pathBytes.enumerated() { unsafe buffer[index] = byte }
        }
        let bound = unsafe withUnsafePointer(to: &address) { pointer in
            unsafe pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { unsafe bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        try #require(bound == 0)
        let error = scanError(path)
        #expect(error?.code == ENXIO)
        #expect(error?.reason.hasPrefix("open:") == true)
    }

    @Test("a directory is an error, not a scan")
    func directory() throws {
        let directory = try TemporaryDirectory()
        #expect(scanError(directory.path)?.code == EISDIR)
    }

    @Test("a zero-length file is an empty report: unknown format, no regions, no findings, no errors")
    func zeroLength() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write([], to: "empty.jpg")
        let report = try Scanner().scan(fileAt: path)
        #expect(report.size == 0 && report.format == "unknown")
        #expect(report.regions.isEmpty && report.findings.isEmpty && report.errors.isEmpty && report.overlay == nil)
        #expect(report.verdict == .clean)
    }

    @Test("a file that vanished before its scan is ENOENT")
    func vanished() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(try CorpusLocator.bytes("clean/jpeg-baseline.jpg"), to: "gone.jpg")
        try FileManager.default.removeItem(atPath: path)
        let error = scanError(path)
        #expect(error?.code == ENOENT)
        #expect(error?.reason == "open: No such file or directory")
    }

    @Test("an unreadable file is EACCES (as a user without the permission)", .enabled(if: geteuid() != 0, "root reads any file; CLIFileSystemTests drops privileges instead"))
    func unreadable() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write([1, 2, 3], to: "secret.jpg")
        let changed = unsafe chmod(path, 0)
        #expect(changed == 0)
        #expect(scanError(path)?.code == EACCES)
    }

    @Test("a file over the size limit is refused before it is read")
    func sizeLimit() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write([UInt8](repeating: 0, count: 4096), to: "big.jpg")
        let scanner = Scanner(configuration: ScanConfiguration(limits: ScanLimits(maxFileSize: 4095)))
        let error = #expect(throws: ScanError.self) { try scanner.scan(fileAt: path) }
        #expect(error?.code == EFBIG && error?.reason == "open: larger than the size limit")
    }

    @Test("a path that is not UTF-8 keeps its exact bytes in the error")
    func nonUTF8ErrorPath() throws {
        let directory = try TemporaryDirectory()
        let raw = Array(directory.path.utf8) + Array("/fifo-".utf8) + [0xC3, 0x28, 0xFF]
        let path = unsafe FilePath(platformString: raw.map { CChar(bitPattern: $0) } + [0])
        let made = unsafe path.withPlatformString { unsafe mkfifo($0, 0o644) }
        #expect(made == 0)
        let error = #expect(throws: ScanError.self) { try Scanner().scan(fileAt: path) }
        #expect(error?.pathBase64.flatMap { Data(base64Encoded: $0) }.map { [UInt8]($0) } == raw)
    }
}
