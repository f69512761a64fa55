import StegCarveBytes
@testable import StegCarveCarving
import StegCarveModel
import Testing
import TestSupport

/// One compressed-stream format: its handler and how the test compresses with the same
/// system library.
struct StreamFormat: Sendable, CustomTestStringConvertible {
    var name: String
    var handler: any ExpandingPayloadHandler
    var compress: @Sendable ([UInt8]) -> [UInt8]
    /// Whether a stream cut short is reported (truncated) rather than ignored.
    var reportsTruncation: Bool
    var testDescription: String { name }

    static let all: [StreamFormat] = [
        StreamFormat(name: "gzip", handler: GzipHandler(), compress: { Compressor.gzip($0, name: "payload.bin", mtime: 1_700_000_000) }, reportsTruncation: true),
        StreamFormat(name: "zlib", handler: ZlibHandler(), compress: { Compressor.deflate($0) }, reportsTruncation: false),
        StreamFormat(name: "bzip2", handler: BZip2Handler(), compress: { Compressor.bzip2($0) }, reportsTruncation: true),
        StreamFormat(name: "xz", handler: XZHandler(), compress: { Compressor.xz($0) }, reportsTruncation: true),
        StreamFormat(name: "zstd", handler: ZstdHandler(), compress: { Compressor.zstd($0) }, reportsTruncation: false),
    ]
}

@Suite("Compressed streams")
struct CompressedStreamTests {
    @Test("carves exactly the stream, with junk before and after", arguments: StreamFormat.all)
    func exactExtent(format: StreamFormat) throws {
        let stream = format.compress(sampleText(format.name))
        try #require(!stream.isEmpty)
        let data = Array("junk before".utf8) + stream + Array("JUNK AFTER THE STREAM".utf8)
        let extent = try #require(carve(format.handler, data, at: 11))
        #expect(extent.range == 11..<(11 + stream.count))
        #expect(extent.confidence == .high)
        #expect(!extent.isTruncated)
    }

    @Test("expands to the original bytes, named by the format", arguments: StreamFormat.all)
    func expandsToOriginal(format: StreamFormat) {
        let original = sampleText(format.name)
        let expansion = expand(format.handler, format.compress(original))
        #expect(expansion.streams == [ExpandedStream(via: format.name, bytes: original)])
        #expect(expansion.limitHits.isEmpty)
        #expect(expansion.errors.isEmpty)
    }

    @Test("two streams back to back are two findings", arguments: StreamFormat.all)
    func backToBack(format: StreamFormat) {
        let first = format.compress(sampleText("first \(format.name)"))
        let second = format.compress(sampleText("second \(format.name)", repeats: 60))
        let data = first + second + [0, 1, 2, 3]
        let payloads = carveAll(data)
        #expect(payloads.map(\.type) == [format.name, format.name])
        #expect(payloads.map(\.range) == [0..<first.count, first.count..<(first.count + second.count)])
    }

    @Test("a stream cut short is truncated (zlib and zstd: not reported)", arguments: StreamFormat.all)
    func truncation(format: StreamFormat) throws {
        var generator = SeededGenerator(seed: 7)
        let stream = format.compress(generator.bytes(4000))  // incompressible: the cut lands in data
        let cut = Array(stream.prefix(stream.count / 2))
        let extent = carve(format.handler, cut)
        if format.reportsTruncation {
            let found = try #require(extent)
            #expect(found.range == 0..<cut.count)
            #expect(found.isTruncated)
            #expect(found.confidence == .medium)
        } else {
            #expect(extent == nil)
        }
    }

    @Test("random bytes after the magic are never reported", arguments: StreamFormat.all)
    func randomAfterMagic(format: StreamFormat) {
        var generator = SeededGenerator(seed: 0x5EED)
        var hits = 0
        for signature in format.handler.signatures {
            for _ in 0..<(3000 / format.handler.signatures.count + 1) {
                let data = signature.magic + generator.bytes(200)
                if carve(format.handler, data) != nil { hits += 1 }
            }
        }
        #expect(hits == 0)
    }

    @Test("a bomb of 32 MiB of zeros stops at the output limit with a limit hit", arguments: StreamFormat.all)
    func bomb(format: StreamFormat) throws {
        let bomb = format.compress([UInt8](repeating: 0, count: 32 << 20))
        try #require(!bomb.isEmpty)
        let extent = try #require(carve(format.handler, bomb + [0x55]))
        #expect(extent.range == 0..<bomb.count)
        let limits = ExpansionLimits(maxOutputBytes: 1 << 20, maxRatio: 1_000_000, maxStreams: 10)
        let expansion = expand(format.handler, bomb, limits: limits)
        #expect(expansion.streams.count == 1)
        #expect(expansion.streams.first?.bytes.count == 1 << 20)
        #expect(expansion.limitHits.map(\.limit) == ["max-output-bytes"])
        #expect(expansion.errors.isEmpty)
        // The ratio cap bites first when it is the smaller budget.
        let ratio = expand(format.handler, bomb, limits: ExpansionLimits(maxOutputBytes: 64 << 20, maxRatio: 10, maxStreams: 10))
        #expect(ratio.streams.first?.bytes.count == bomb.count * 10)
        #expect(ratio.limitHits.map(\.limit) == ["max-ratio"])
    }

    @Test("corrupt data inside a carved stream is an expansion error, not a crash", arguments: StreamFormat.all)
    func corruptExpansion(format: StreamFormat) {
        var stream = format.compress(sampleText(format.name, repeats: 200))
        stream[stream.count / 2] ^= 0xFF
        stream[stream.count / 2 + 1] ^= 0x55
        let expansion = expand(format.handler, stream)
        #expect(!expansion.errors.isEmpty || expansion.streams.first?.bytes != sampleText(format.name, repeats: 200))
    }
}

@Suite("gzip")
struct GzipTests {
    @Test("header fields: FNAME, MTIME and a valid FHCRC")
    func headerFields() throws {
        let member = Compressor.gzip(sampleText("gzip"), name: "update.bin", mtime: 1_700_000_000, headerCRC: true)
        let header = try Gzip.Header(parsing: member.span)
        #expect(header.originalName == "update.bin")
        #expect(header.modificationTime == 1_700_000_000)
        #expect(header.length == 10 + 11 + 2)
        #expect(carve(GzipHandler(), member)?.range == 0..<member.count)
    }

    struct Lie: Sendable, CustomTestStringConvertible {
        var name: String
        var offsetFromEnd: Int
        var testDescription: String { name }
    }

    @Test("a trailer that lies about CRC-32 or ISIZE is rejected", arguments: [Lie(name: "CRC-32", offsetFromEnd: 8), Lie(name: "ISIZE", offsetFromEnd: 4)])
    func lyingTrailer(lie: Lie) {
        var member = Compressor.gzip(sampleText("gzip"))
        member[member.count - lie.offsetFromEnd] ^= 0x01
        #expect(carve(GzipHandler(), member) == nil)
    }

    @Test("FEXTRA and FCOMMENT are skipped by their lengths")
    func extraAndComment() throws {
        let plain = Compressor.gzip(sampleText("gzip"))
        let extra: [UInt8] = [0x41, 0x70, 4, 0, 1, 2, 3, 4]  // XLEN 8: one subfield "Ap", 4 bytes
        let member = Array(plain[0..<3]) + [0x14] + Array(plain[4..<10]) + [8, 0] + extra + Array("a comment\u{0}".utf8) + Array(plain[10...])
        let header = try Gzip.Header(parsing: member.span)
        #expect(header.comment == "a comment")
        #expect(header.length == 10 + 2 + 8 + 10)
        #expect(carve(GzipHandler(), member)?.range == 0..<member.count)
    }

    @Test("header errors name the field")
    func headerErrors() {
        var member = Compressor.gzip(sampleText("gzip"), name: "a", headerCRC: true)
        member[3] |= 0x80
        #expect(throws: Gzip.ParseError.reservedFlags(0x8A)) { try Gzip.Header(parsing: member.span) }
        member[3] &= 0x7F
        member[8] = 7
        #expect(throws: Gzip.ParseError.invalidExtraFlags(7)) { try Gzip.Header(parsing: member.span) }
        member[8] = 2
        member[12] ^= 0xFF  // the FHCRC bytes after "a\0"
        let error = #expect(throws: Gzip.ParseError.self) { try Gzip.Header(parsing: member.span) }
        if case .headerChecksum = error {} else { Issue.record("expected headerChecksum, got \(String(describing: error))") }
    }

    @Test("a missing trailer makes the member truncated with the trailer's 8 bytes declared")
    func missingTrailer() throws {
        let member = Compressor.gzip(sampleText("gzip"))
        let extent = try #require(carve(GzipHandler(), Array(member.dropLast(5))))
        #expect(extent.range == 0..<(member.count - 5))
        #expect(extent.declaredLength == member.count)
    }
}

@Suite("zlib, xz, zstd specifics")
struct StreamSpecificsTests {
    @Test("zlib under 64 bytes of output is not reported; an Adler-32 that lies is rejected")
    func zlibEvidence() {
        let small = Compressor.deflate(Array("short".utf8))
        #expect(carve(ZlibHandler(), small) == nil)
        var stream = Compressor.deflate(sampleText("zlib"))
        stream[stream.count - 1] ^= 1
        #expect(carve(ZlibHandler(), stream) == nil)
    }

    @Test("xz: a damaged footer magic or stream header CRC is rejected")
    func xzFooter() {
        let stream = Compressor.xz(sampleText("xz"))
        var footer = stream
        footer[footer.count - 1] = 0x41
        #expect(carve(XZHandler(), footer) == nil)
        var header = stream
        header[8] ^= 1
        #expect(carve(XZHandler(), header) == nil)
        #expect(XZ.StreamFlags(header: stream.span)?.checkName == "CRC64")
    }

    @Test("zstd: the frame size comes from the headers; a frame with neither checksum nor size is not reported")
    func zstdEvidence() {
        let frame = Compressor.zstd(sampleText("zstd"))
        #expect(Zstd.frameCompressedSize((frame + [9, 9, 9]).span) == frame.count)
        let bare = Compressor.zstd(sampleText("zstd"), checksum: false, contentSize: false)
        #expect(carve(ZstdHandler(), bare) == nil)
        let sized = Compressor.zstd(sampleText("zstd"), checksum: false, contentSize: true)
        #expect(carve(ZstdHandler(), sized)?.range == 0..<sized.count)
    }
}
