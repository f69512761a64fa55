import StegCarveBytes
@testable import StegCarveCarving
import StegCarveModel
import Testing
import TestSupport

/// Chains of signature hits cost work proportional to the input, measured by the work the
/// carver charges to its meter (not seconds, so the test is not flaky): four times the input
/// may cost at most five times the work, where a carver that repeats a walk or a decode at
/// every hit costs sixteen times.
@Suite("Linear carving (counted work)")
struct LinearCarvingTests {
    /// Carves `bytes` as one overlay region; the payloads and the work units charged.
    static func carveCounting(_ bytes: [UInt8]) -> (payloads: [CarvedPayload], units: Int) {
        let meter = WorkMeter.unbounded()
        let outcome = Carver().carve(
            bytes.span, targets: [CarveTarget(name: "overlay", range: 0..<bytes.count, kind: .overlay)], maxFindings: 1_000, meter: meter
        )
        return (outcome.payloads, meter.units)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var size: Int
        var build: @Sendable (Int) -> [UInt8]
        var testDescription: String { name }
    }

    static let cases = [
        Case(name: "ZIP of one-byte stored members", size: 2_000, build: HostileScale.zipOfOneByteMembers),
        Case(name: "bare local headers, no central directory", size: 2_000, build: HostileScale.bareLocalHeaders),
        Case(name: "stored deflate blocks chained by 78 01", size: 64 << 10, build: { HostileScale.storedDeflateChain(length: $0) }),
    ]

    @Test("n and 4n: at most 5x the counted work", arguments: cases)
    func linearWork(_ input: Case) {
        let small = Self.carveCounting(input.build(input.size))
        let large = Self.carveCounting(input.build(input.size * 4))
        #expect(small.units > 0)
        let ratio = Double(large.units) / Double(small.units)
        #expect(ratio <= 5, "\(input.name): \(small.units) units at n, \(large.units) at 4n (x\(ratio))")
    }

    @Test("a ZIP of 100,000 members is carved whole, from its first local header to its EOCD")
    func hundredThousandMembers() throws {
        let zip = HostileScale.zipOfOneByteMembers(100_000)
        let (payloads, _) = Self.carveCounting(zip)
        let first = try #require(payloads.first)
        #expect(first.type == "zip" && first.range == 0..<zip.count && first.confidence == .high)
        #expect(payloads.count == 1)
    }

    @Test("bare local headers: the walk is made once and its path declined, not retried per header")
    func bareHeadersDeclined() {
        let bytes = HostileScale.bareLocalHeaders(500)
        let context = CarveContext.unbounded()
        #expect(ZIPHandler().carve(bytes.span, at: 0, context: context) == nil)
        let walked = context.meter.units
        // The second header is on the failed walk's path: answered without walking.
        let second = 30 + "m0".utf8.count + 1
        #expect(context.isDeclined(second, for: "zip"))
        #expect(ZIPHandler().carve(bytes.span, at: second, context: context) == nil)
        #expect(context.meter.units == walked)
    }

    @Test("a candidate inside a decoded chain that ran out of input is declined; one off the block boundaries is not")
    func zlibBoundaryDeclines() {
        let chain = HostileScale.storedDeflateChain(length: 4_096)
        let context = CarveContext.unbounded()
        #expect(ZlibHandler().carve(chain.span, at: 0, context: context) == nil)
        // Block 1: header at 2, 5 bytes of LEN/NLEN, 64 bytes of data ending in 78 01.
        let nextHeader = 2 + 5 + 64 - 2
        #expect(chain[nextHeader] == 0x78 && chain[nextHeader + 1] == 0x01)
        #expect(context.isDeclined(nextHeader, for: "zlib"))
        #expect(!context.isDeclined(nextHeader + 1, for: "zlib"))
    }

    @Test("a real zlib stream inside a failed chain's stored data is still carved")
    func streamInsideChainFound() throws {
        let text = Array(String(repeating: "hidden inside stored blocks; ", count: 20).utf8)
        let inner = Compressor.deflate(text)
        // One stored block holding the real stream, then a chain that runs out of input.
        let size = UInt16(inner.count)
        var bytes: [UInt8] = [0x78, 0x01, 0x00, UInt8(size & 0xFF), UInt8(size >> 8), UInt8(~size & 0xFF), UInt8(~size >> 8)]
        bytes += inner
        bytes += HostileScale.storedDeflateChain(length: 1_024).dropFirst(2)
        let payloads = Self.carveCounting(bytes).payloads
        let found = try #require(payloads.first { $0.type == "zlib" })
        #expect(found.range == 7..<(7 + inner.count))
    }
}
