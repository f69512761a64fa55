import StegCarveBytes
@testable import StegCarveCarving
import StegCarveModel
import Testing
import TestSupport

@Suite("tar handler")
struct TarHandlerTests {
    static let members: [(name: String, data: [UInt8])] = [("etc/motd", sampleText("tar motd")), ("bin/run", Array(repeating: 0x41, count: 1025))]

    @Test("walks headers and data to the two zero blocks and the record padding", arguments: [false, true])
    func exactExtent(gnu: Bool) throws {
        let bare = SyntheticTar.build(Self.members, gnu: gnu)
        let padded = SyntheticTar.build(Self.members, gnu: gnu, padToRecord: true)
        #expect(carve(TarHandler(), bare + Array("JUNK".utf8))?.range == 0..<bare.count)
        #expect(carve(TarHandler(), padded + [0, 0, 0, 0] + Array("JUNK".utf8))?.range == 0..<padded.count)
        #expect(padded.count == 10240)
        let expansion = expand(TarHandler(), bare)
        #expect(expansion.streams.map(\.via) == ["tar:etc/motd", "tar:bin/run"])
        #expect(expansion.streams.map(\.bytes) == Self.members.map(\.data))
    }

    @Test("the carver finds a tar by the magic at offset 257 of its first header")
    func carverOffset() {
        let tar = SyntheticTar.build(Self.members)
        let payloads = carveAll(Array("xyz".utf8) + tar)
        #expect(payloads.map(\.type) == ["tar"])
        #expect(payloads.first?.range == 3..<(3 + tar.count))
    }

    @Test("a member cut short makes the archive truncated; a bad checksum is no header")
    func truncatedAndChecksum() throws {
        let tar = SyntheticTar.build(Self.members)
        let extent = try #require(carve(TarHandler(), Array(tar.prefix(1200))))
        #expect(extent.range == 0..<1200)
        #expect(extent.isTruncated)
        var broken = tar
        broken[0] ^= 0x01
        #expect(carve(TarHandler(), broken) == nil)
    }

    @Test("random bytes around the ustar magic are never reported")
    func randomAroundMagic() {
        var generator = SeededGenerator(seed: 4242)
        var hits = 0
        for index in 0..<3000 {
            var block = generator.bytes(1024)
            let magic = Array((index % 2 == 0 ? "ustar\u{0}00" : "ustar  \u{0}").utf8)
            block.replaceSubrange(257..<(257 + magic.count), with: magic)
            if carve(TarHandler(), block) != nil { hits += 1 }
        }
        #expect(hits == 0)
    }
}

@Suite("7z handler")
struct SevenZipHandlerTests {
    static let nextHeader: [UInt8] = [0x01, 0x04, 0x06, 0x00, 0x01, 0x09, 0x20, 0x00, 0x00]
    static let packed = sampleText("7z packed")

    @Test("extent is 32 + NextHeaderOffset + NextHeaderSize; an empty archive is 32 bytes")
    func exactExtent() throws {
        let archive = Synthetic7z.build(packed: Self.packed, nextHeader: Self.nextHeader)
        #expect(carve(SevenZipHandler(), archive + [1, 2, 3])?.range == 0..<archive.count)
        let empty = Synthetic7z.build(packed: [], nextHeader: [])
        #expect(carve(SevenZipHandler(), empty + [0x37, 0x7A])?.range == 0..<32)
        let parsed = SevenZip.SignatureHeader(archive.span)
        let header = try #require(parsed)
        #expect(header.minorVersion == 4)
    }

    @Test("start header or next header CRC mismatches are rejected; huge offsets are lies")
    func lies() {
        var archive = Synthetic7z.build(packed: Self.packed, nextHeader: Self.nextHeader)
        archive[archive.count - 2] ^= 1
        #expect(carve(SevenZipHandler(), archive) == nil)
        var start = Synthetic7z.build(packed: Self.packed, nextHeader: Self.nextHeader)
        start[12] ^= 1
        #expect(carve(SevenZipHandler(), start) == nil)
    }

    @Test("a next header past the end makes the archive truncated")
    func truncated() throws {
        let archive = Synthetic7z.build(packed: Self.packed, nextHeader: Self.nextHeader)
        let extent = try #require(carve(SevenZipHandler(), Array(archive.prefix(100))))
        #expect(extent.range == 0..<100)
        #expect(extent.declaredLength == archive.count)
    }

    @Test("random bytes after the signature are never reported")
    func randomAfterMagic() {
        var generator = SeededGenerator(seed: 77)
        var hits = 0
        for _ in 0..<3000 where carve(SevenZipHandler(), SevenZip.signature + generator.bytes(120)) != nil { hits += 1 }
        #expect(hits == 0)
    }
}

@Suite("RAR handler")
struct RARHandlerTests {
    static let files: [(name: String, data: [UInt8])] = [("a.txt", sampleText("rar a")), ("b.bin", [1, 2, 3, 4, 5])]

    @Test("RAR 4 and RAR 5 are walked to the end-of-archive block", arguments: [4, 5])
    func exactExtent(version: Int) throws {
        let archive = version == 4 ? SyntheticRAR.rar4(Self.files) : SyntheticRAR.rar5(Self.files)
        let extent = try #require(carve(RARHandler(), archive + Array("trailing".utf8)))
        #expect(extent.range == 0..<archive.count)
        #expect(extent.confidence == .high)
        let walked = version == 4 ? RAR.walk4(archive.span, from: 0) : RAR.walk5(archive.span, from: 0)
        let walk = try #require(walked)
        #expect(walk.version == version)
        #expect(walk.fileCount == 2)
    }

    @Test("a header CRC that does not match is rejected; a cut archive is truncated", arguments: [4, 5])
    func crcAndTruncation(version: Int) throws {
        let archive = version == 4 ? SyntheticRAR.rar4(Self.files) : SyntheticRAR.rar5(Self.files)
        var broken = archive
        broken[version == 4 ? 9 : 13] ^= 0x10  // inside the main archive header
        #expect(carve(RARHandler(), broken) == nil)
        let cut = Array(archive.prefix(archive.count - 20))
        let extent = try #require(carve(RARHandler(), cut))
        #expect(extent.range == 0..<cut.count)
        #expect(extent.isTruncated)
    }

    @Test("random bytes after either signature are never reported")
    func randomAfterMagic() {
        var generator = SeededGenerator(seed: 1234)
        var hits = 0
        for index in 0..<3000 {
            let magic = index % 2 == 0 ? RAR.signature4 : RAR.signature5
            if carve(RARHandler(), magic + generator.bytes(150)) != nil { hits += 1 }
        }
        #expect(hits == 0)
    }

    @Test("RAR 5 with encrypted headers is carved through its encryption header only, with low confidence")
    func encryptedHeaders() throws {
        // Archive encryption header (type 4): version, flags, KDF count, 16-byte salt.
        let fields = SyntheticRAR.vint(0) + SyntheticRAR.vint(0) + [15] + [UInt8](repeating: 0xA5, count: 16)
        let body = SyntheticRAR.vint(4) + SyntheticRAR.vint(0) + fields
        let sized = SyntheticRAR.vint(body.count) + body
        var crc = ByteWriter()
        crc.u32(Compressor.crc32(sized))
        let archive = RAR.signature5 + crc.bytes + sized
        let extent = try #require(carve(RARHandler(), archive + [UInt8](repeating: 0x3C, count: 64)))
        #expect(extent.range == 0..<archive.count)
        #expect(extent.confidence == .low)
    }

    @Test("vint: 7 bits per byte, low group first")
    func vint() {
        var cursor = 0
        let bytes: [UInt8] = [0xE5, 0x8E, 0x26]
        let value = RAR.vint(bytes.span, &cursor)
        #expect(value == 624_485)
        #expect(cursor == 3)
        var overflow = 0
        let long = [UInt8](repeating: 0xFF, count: 12)
        let tooLong = RAR.vint(long.span, &overflow)
        #expect(tooLong == nil)
    }
}
