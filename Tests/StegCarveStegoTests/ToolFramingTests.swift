import StegCarveStego
import TestSupport
import Testing

/// wbStego's and Camouflage's framing, written here after the layouts zsteg and stegdetect parse.
@Suite struct ToolFramingTests {
    static func size(_ value: Int) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value >> 16 & 0xFF)] }

    @Test func plainFormGivesTheFileRange() throws {
        let stream = Self.size(700) + Array("txt".utf8) + [UInt8](repeating: 0x41, count: 700)
        let header = try #require(WbStegoHeader(stream, capacity: 2000))
        #expect(header.form == .plain)
        #expect(header.fileExtension == "txt")
        #expect(header.dataRange == 6..<706)
        #expect(header.cipher == nil)
    }

    @Test func encryptedFormSkipsTheInnerHeader() throws {
        let stream = Self.size(300) + [0x00, 0xFF, 12, 2] + [UInt8](repeating: 7, count: 311)
        let header = try #require(WbStegoHeader(stream, capacity: 400))
        #expect(header.form == .encrypted4x)
        #expect(header.cipher == "Twofish")
        #expect(header.dataRange == 18..<318)
    }

    @Test("implausible framing is rejected", arguments: [
        Self.size(0) + Array("txt".utf8) + [1],  // empty
        Self.size(5000) + Array("txt".utf8) + [1],  // larger than the carrier
        Self.size(10) + [0x7F, 0x45, 0x4C, 0x46],  // an ELF magic: not an extension
        Self.size(10) + Array("123".utf8) + [1],  // no letter
        Self.size(10) + [0x00, 0xFF, 0, 1],  // empty inner header
        Self.size(10) + [0x00, 0xFF, 8, 9],  // unknown cipher
        Self.size(10) + [0x00, 0xFF, 200, 1],  // inner header over the cap
        Self.size(10) + [0xC1, 0x20, 0x20, 0x20],  // 2.x/3.x control byte: not recognised
    ])
    func rejects(_ stream: [UInt8]) {
        #expect(WbStegoHeader(stream, capacity: 1000) == nil)
    }

    static func fileOrder(_ bytes: [UInt8], _ array: Range<Int>, bits: Int) -> [UInt8] {
        BMPFileOrder.stream(bytes.span, array: array, bitsPerPixel: bits, maxBytes: 4)
    }

    static func padded(_ bytes: [UInt8]) -> Bool? {
        BMPFileOrder.pixelArray(bytes.span)?.padded
    }

    @Test func fileOrderReadsEverySampleIncludingPadding() throws {
        // 8-bit: bit 0 of every byte; 4-bit: bit 4 then bit 0 of every byte.
        let bytes: [UInt8] = [1, 0, 1, 1, 0, 0, 0, 1, 0x10, 0x01, 0x11, 0x00]
        #expect(Self.fileOrder(bytes, 0..<8, bits: 8) == [0b1011_0001])
        #expect(Self.fileOrder(bytes, 8..<12, bits: 4) == [0b1001_1100])
        #expect(Self.padded(try CorpusLocator.bytes("stego/wbstego-padded-text.bmp")) == true)
        #expect(Self.padded(try CorpusLocator.bytes("stego/wbstego-elf.bmp")) == false)
    }

    static func camouflage(host: Int, data: Int, equalStamps: Bool = true, hostField: Int? = nil) -> [UInt8] {
        var writer = ByteWriter()
        writer.append([UInt8](repeating: 0xAA, count: host))
        writer.append([0, 0])
        writer.u32(0x01DC_7A11)
        writer.u32(0x1234_5678)
        writer.u32(0x01DC_7A11)
        writer.u32(0x9ABC_DEF0)
        writer.u32(equalStamps ? 0x01DC_7A11 : 0x01DC_7A12)
        writer.u32(0)
        writer.u32(UInt32(data))
        writer.append([UInt8](repeating: 0x5C, count: data))
        writer.u32(UInt32(hostField ?? host))
        writer.append([UInt8](repeating: 0, count: 273))
        writer.append(Array("    ".utf8))
        return writer.bytes
    }

    static func trailer(_ bytes: [UInt8], at start: Int) -> CamouflageTrailer? {
        CamouflageTrailer(bytes.span, appendedAt: start)
    }

    @Test func camouflageBlockIsTiedToTheHostLength() throws {
        let file = Self.camouflage(host: 500, data: 64)
        let trailer = try #require(Self.trailer(file, at: 500))
        #expect(trailer.block == 500..<file.count)
        #expect(trailer.declaredDataLength == 64)
        #expect(trailer.hostLength == 500)
        #expect(Self.trailer(file, at: 499) == nil)
    }

    @Test func camouflageNeedsEveryCheck() {
        #expect(Self.trailer(Self.camouflage(host: 500, data: 64, equalStamps: false), at: 500) == nil)
        #expect(Self.trailer(Self.camouflage(host: 500, data: 64, hostField: 400), at: 500) == nil)
        var file = Self.camouflage(host: 500, data: 64)
        file[file.count - 1] = 0x21
        #expect(Self.trailer(file, at: 500) == nil)
        #expect(Self.trailer(Array(Self.camouflage(host: 500, data: 0).prefix(700)), at: 500) == nil)
    }
}
