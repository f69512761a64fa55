import Foundation
import StegCarve
import Testing
import TestSupport

/// The inputs of issue 18 that made the carver quadratic, scanned at default settings: each
/// finishes well inside `max-seconds` (60) plus one second, with the payload reported.
@Suite("Hostile scale: chains of signature hits")
struct HostileScaleScanTests {
    /// Default settings' time budget plus the stated slack: one second in a release build.
    /// A debug build hashes and labels what it found by then ~50x slower, on a machine shared
    /// by parallel test suites, so it gets ten.
    #if DEBUG
    static let allowed = Duration.seconds(ScanLimits().maxSecondsPerFile + 10)
    #else
    static let allowed = Duration.seconds(ScanLimits().maxSecondsPerFile + 1)
    #endif

    static func picture() throws -> [UInt8] { try CorpusLocator.bytes("clean/jpeg-baseline.jpg") }

    /// Scans `bytes` at default settings and returns the report and the time it took.
    static func timedScan(_ bytes: [UInt8]) -> (ScanReport, Duration) {
        let started = ContinuousClock.now
        let report = Scanner().scan(bytes: bytes)
        return (report, ContinuousClock.now - started)
    }

    @Test("a JPEG followed by a ZIP of 100,000 or 200,000 one-byte members", arguments: [100_000, 200_000])
    func manyMembers(count: Int) throws {
        let picture = try Self.picture()
        let zip = HostileScale.zipOfOneByteMembers(count)
        let (report, elapsed) = Self.timedScan(picture + zip)
        #expect(elapsed < Self.allowed, "\(elapsed)")
        let finding = try #require(report.findings.first)
        #expect(finding.type == "zip" && finding.offset == picture.count && finding.length == zip.count)
        #expect(finding.metadata["entries"]?.integerValue == Int64(count))
        #expect(!report.limits.contains { $0.limit == "max-seconds" })
        print("zip of \(count) members: \(elapsed)")
    }

    @Test("60,000 bare local headers with no central directory")
    func bareLocalHeaders() throws {
        let (report, elapsed) = Self.timedScan(try Self.picture() + HostileScale.bareLocalHeaders(60_000))
        #expect(elapsed < Self.allowed, "\(elapsed)")
        #expect(!report.limits.contains { $0.limit == "max-seconds" })
        print("bare local headers: \(elapsed)")
    }

    @Test("stored deflate blocks chained by 78 01 headers, 2.5 MB and 10 MB", arguments: [5 << 19, 10 << 20])
    func deflateChain(length: Int) throws {
        let (report, elapsed) = Self.timedScan(try Self.picture() + HostileScale.storedDeflateChain(length: length))
        #expect(elapsed < Self.allowed, "\(elapsed)")
        // The chain itself costs one decode (LinearCarvingTests counts it). What remains is
        // the linear search for encodings over the overlay, whose XOR key search is ~50x
        // slower in a debug build than in a release one: on a busy machine it may reach the
        // deadline, which must then be the only limit.
        #expect(report.limits.allSatisfy { $0.limit == "max-seconds" }, "\(report.limits)")
        #expect(report.findings.isEmpty)
        print("deflate chain of \(length) bytes: \(elapsed)")
    }

    @Test("a cancelled token stops the scan and the report says cancelled")
    func cancellationToken() throws {
        let bytes = try Self.picture() + CorpusLocator.bytes("elf/payload-x86_64.elf")
        let token = ScanCancellation()
        #expect(!token.isCancelled)
        let scanner = Scanner(configuration: ScanConfiguration(verifiesDecoding: false))
        #expect(scanner.scan(bytes: bytes, cancellation: token).findings.count == 1)
        token.cancel()
        #expect(token.isCancelled)
        let report = scanner.scan(bytes: bytes, cancellation: token)
        #expect(report.findings.isEmpty)
        #expect(report.limits.map(\.limit) == ["cancelled"])
    }

    @Test("a token cancelled from another thread stops a running scan within its slack")
    func cancelMidScan() throws {
        // 10 MB of a chain is searched for encodings too: long enough to be caught mid-scan.
        let bytes = try Self.picture() + HostileScale.storedDeflateChain(length: 10 << 20)
        let token = ScanCancellation()
        let scanner = Scanner(configuration: ScanConfiguration(verifiesDecoding: false))
        let started = ContinuousClock.now
        let canceller = Thread {
            Thread.sleep(forTimeInterval: 0.05)
            token.cancel()
        }
        canceller.start()
        let report = scanner.scan(bytes: bytes, cancellation: token)
        let elapsed = ContinuousClock.now - started
        #expect(report.limits.contains { $0.limit == "cancelled" } || elapsed < .milliseconds(50))
        #expect(elapsed < .seconds(5), "\(elapsed)")
    }
}
