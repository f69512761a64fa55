import StegCarveBytes
@testable import StegCarveImages
import Testing
import TestSupport

@Suite("PNG image data against IHDR")
struct PNGImageDataTests {
    private func png(width: UInt32 = 1, height: UInt32 = 1, idat: [[UInt8]]) -> [UInt8] {
        SyntheticPNG.signature + SyntheticPNG.header(width: width, height: height)
            + idat.flatMap { SyntheticPNG.chunk("IDAT", $0) } + SyntheticPNG.chunk("IEND", [])
    }

    private func layout(_ bytes: [UInt8], maxInflatedBytes: Int = 256 << 20) -> ImageLayout {
        ContainerRegistry.layout(of: bytes.span, limits: StructureLimits(maxInflatedBytes: maxInflatedBytes))
    }

    private func parseHeader(_ ihdr: [UInt8]) -> PNG.Header? {
        PNG.Header(bytes: ihdr.span, data: 0..<13)
    }

    @Test("a valid stream passes and its scanlines are handed on")
    func validStream() {
        let scanlines = (0..<3).flatMap { row in [UInt8(0)] + (0..<6).map { UInt8(row * 10 + $0) } }
        let result = layout(png(width: 2, height: 3, idat: [Compressor.deflate(scanlines)]))
        #expect(result.anomalies.isEmpty)
        #expect(result.derivedStreams == [DerivedStream(name: "scanlines", via: "inflate:IDAT", bytes: scanlines)])
    }

    @Test("scanline sizes per IHDR, Adam7 passes included", arguments: [
        // (width, height, colour type, bit depth, interlace, bytes): 3x3 RGB Adam7 has passes
        // 1, 4, 5, 6, 7 with 1, 1, 1, 2, 1 rows of 1, 1, 2, 1, 3 pixels.
        (3, 3, 2, 8, 0, 3 * (1 + 9)), (3, 3, 2, 8, 1, 4 + 4 + 7 + 8 + 10),
        (1, 1, 6, 16, 0, 1 + 8), (9, 2, 0, 1, 0, 2 * (1 + 2)), (1, 1, 2, 8, 1, 4),
    ])
    func scanlineByteCount(_ width: Int, _ height: Int, _ colorType: Int, _ depth: Int, _ interlace: Int, _ expected: Int) throws {
        var ihdr = ByteWriter(bigEndian: true)
        ihdr.u32(UInt32(width)); ihdr.u32(UInt32(height))
        ihdr.append([UInt8(depth), UInt8(colorType), 0, 0, UInt8(interlace)])
        let data = ihdr.bytes
        let header = try #require(parseHeader(data))
        #expect(header.scanlineByteCount == expected)
    }

    @Test("an IHDR whose size overflows is checked as needing more than any stream gives")
    func hugeDimensions() throws {
        var ihdr = ByteWriter(bigEndian: true)
        ihdr.u32(0x7FFF_FFFF); ihdr.u32(0x7FFF_FFFF); ihdr.append([16, 6, 0, 0, 0])
        let data = ihdr.bytes
        let header = try #require(parseHeader(data))
        #expect(header.scanlineByteCount == nil)
        // Inflating the tiny stream is bounded; only the size disagreement is reported.
        let result = layout(SyntheticPNG.signature + SyntheticPNG.chunk("IHDR", data) + SyntheticPNG.chunk("IDAT", SyntheticPNG.imageData()) + SyntheticPNG.chunk("IEND", []))
        #expect(result.anomalies.map(\.code) == ["idat-size-mismatch"])
    }

    @Test("too few and too many inflated bytes are reported")
    func sizeMismatch() {
        let short = layout(png(width: 2, height: 2, idat: [Compressor.deflate([0, 1, 2, 3, 4, 5, 6])]))
        #expect(short.anomalies.map(\.code) == ["idat-size-mismatch"])
        #expect(short.anomalies.first?.message == "IDAT inflates to 7 bytes; IHDR implies 14")
        let long = layout(png(idat: [Compressor.deflate([UInt8](repeating: 0, count: 100))]))
        #expect(long.anomalies.map(\.code) == ["idat-size-mismatch"])
        #expect(long.anomalies.first?.message == "IDAT inflates to 100 bytes; IHDR implies 4")
    }

    @Test("data after the zlib stream is its own region, in one chunk or in extra chunks")
    func trailingData() throws {
        let stream = SyntheticPNG.imageData()
        let extra: [UInt8] = [0xC6, 0xA5, 0x79, 0xEA, 1, 2, 3, 4, 5]
        // Inside the one IDAT chunk: signature (8) + IHDR (25) + IDAT header (8).
        let inside = layout(png(idat: [stream + extra]))
        #expect(inside.anomalies.map(\.code) == ["idat-trailing-data"])
        #expect(!inside.regions.contains { $0.name == "idat-trailing" })
        let start = 41 + stream.count
        let region = try #require(inside.joinedStreams.first { $0.name == "idat-trailing" })
        #expect(region.kind == .gap && region.range == start..<(start + extra.count) && region.payloadPieces == nil)
        // The image data region no longer covers the trailing bytes: they are searched once.
        #expect(inside.regions.first { $0.name == "chunk:IDAT" }?.payload == 41..<start)
        // Split over two extra chunks: one region joined from both pieces.
        let split = layout(png(idat: [stream, Array(extra.prefix(4)), Array(extra.dropFirst(4))]))
        let pieces = try #require(split.joinedStreams.first { $0.name == "idat-trailing" }?.payloadPieces)
        let second = 41 + stream.count + 4
        #expect(pieces == [(second + 8)..<(second + 12), (second + 24)..<(second + 29)])
        #expect(split.anomalies.map(\.code) == ["idat-trailing-data"])
        #expect(split.anomalies.first?.offset == second + 8)
    }

    @Test("IDAT that is not zlib, is corrupt or stops early is reported", arguments: [
        ([0x12, 0x34, 0x56, 0x78], "idat-not-zlib"),
        (Array(SyntheticPNG.imageData().prefix(5)), "idat-truncated"),
        (Array(SyntheticPNG.imageData().dropLast(1)) + [0xFF ^ (SyntheticPNG.imageData().last ?? 0)], "idat-corrupt"),
    ] as [([UInt8], String)])
    func brokenStreams(_ idat: [UInt8], _ code: String) {
        #expect(layout(png(idat: [idat])).anomalies.map(\.code) == [code])
    }

    @Test("without inflation (directory sweeps) only the zlib header is checked, across chunk boundaries", arguments: [
        ([[0x12, 0x34, 0x56, 0x78]], ["idat-not-zlib"]),
        ([[0x78, 0xDA, 0x00]], []),
        ([[0x78], [0xDA, 0x00]], []),
        ([[0x78, 0xBB]], ["idat-not-zlib"]),  // FDICT: PNG allows no preset dictionary
        ([[0x88, 0x98]], ["idat-not-zlib"]),  // window above 32 KiB
        ([[0x78]], ["idat-truncated"]),
        ([SyntheticPNG.imageData().dropLast(1) + [0]], []),  // corrupt after the header: not seen
    ] as [([[UInt8]], [String])])
    func headerOnly(_ idat: [[UInt8]], _ codes: [String]) {
        let layout = ContainerRegistry.layout(of: png(idat: idat).span, limits: StructureLimits(inflatesImageData: false))
        #expect(layout.anomalies.map(\.code) == codes)
        #expect(layout.derivedStreams.isEmpty)
    }

    @Test("inflating stops at the limit and says so")
    func inflateLimit() {
        let big = png(width: 1000, height: 100, idat: [SyntheticPNG.imageData(width: 1000, height: 100)])
        let limited = layout(big, maxInflatedBytes: 10_000)
        #expect(limited.anomalies.isEmpty)
        #expect(limited.limitHits.map(\.limit) == ["max-decoded-bytes"])
        #expect(limited.derivedStreams.first?.bytes.count == 10_000)
        #expect(layout(big).limitHits.isEmpty)
    }
}
