import Foundation
import StegCarve
import Testing
import TestSupport

/// The per-file time budget and task cancellation stop the payload search between bounded
/// units of work, and say so in the report.
@Suite("Time budget and cancellation")
struct ScanBudgetTests {
    /// A picture followed by `count` small ELF files: each is carved, hashed and labelled.
    static func manyPayloads(_ count: Int) throws -> [UInt8] {
        let picture = try CorpusLocator.bytes("clean/jpeg-baseline.jpg")
        let elf = try CorpusLocator.bytes("elf/min-arm-le.elf")
        var bytes = picture
        for _ in 0..<count { bytes += elf }
        return bytes
    }

    @Test("a short budget stops a long search soon after it runs out, and reports max-seconds")
    func budgetHonoured() throws {
        let bytes = try Self.manyPayloads(5_000)
        let limits = ScanLimits(maxFindings: 100_000, maxSecondsPerFile: 0.5)
        let started = ContinuousClock.now
        let report = Scanner(configuration: ScanConfiguration(verifiesDecoding: false, limits: limits)).scan(bytes: bytes)
        let elapsed = ContinuousClock.now - started
        #expect(report.limits.map(\.limit).contains("max-seconds"))
        #expect(report.findings.count < 5_000, "stopped before the end")
        // Structure parsing, carving candidates and hashing the file are outside the search
        // budget; generous for debug and sanitizer builds.
        #expect(elapsed < .seconds(30), "\(elapsed)")
    }

    @Test("a cancelled task stops the payload search and the report says cancelled")
    func cancellation() async throws {
        let bytes = try Self.manyPayloads(50)
        let task = Task {
            unsafe withUnsafeCurrentTask { unsafe $0?.cancel() }
            return Scanner(configuration: ScanConfiguration(verifiesDecoding: false)).scan(bytes: bytes)
        }
        let report = await task.value
        #expect(report.limits.map(\.limit) == ["cancelled"])
        #expect(report.findings.isEmpty)
        #expect(report.overlay != nil, "structure is still reported")
        let uncancelled = Scanner(configuration: ScanConfiguration(verifiesDecoding: false)).scan(bytes: bytes)
        #expect(uncancelled.findings.count == 50 && uncancelled.limits.isEmpty)
    }
}
