import StegCarveBytes
@testable import StegCarveCarving
import Testing
import TestSupport

private func carveClass(_ bytes: [UInt8], at start: Int = 0) -> CarvedExtent? {
    JavaClassHandler().carve(bytes.span, at: start)
}

private func parseClass(_ bytes: [UInt8]) throws(JavaClass.ParseError) -> JavaClass.File {
    try JavaClass.File(parsing: bytes.span)
}

private func carveDEX(_ bytes: [UInt8], at start: Int = 0) -> CarvedExtent? {
    DEXHandler().carve(bytes.span, at: start)
}

private func parseDEX(_ bytes: [UInt8]) throws(DEX.ParseError) -> DEX.Header {
    try DEX.Header(parsing: bytes.span)
}

@Suite("Java class handler")
struct JavaClassHandlerTests {
    @Test("the walk over pool, members and attributes ends exactly at the class's end")
    func exactExtent() throws {
        let file = SyntheticJavaClass.build()
        let extent = try #require(carveClass([1, 2] + file + Array("junk after".utf8), at: 2))
        #expect(extent.range == 2..<(2 + file.count))
        #expect(extent.confidence == .high)
        let parsed = try parseClass(file)
        #expect(parsed.className == "Hello")
        #expect(parsed.superClassName == "java/lang/Object")
        #expect(parsed.methodCount == 1)
        #expect(parsed.constantPoolCount == 12)
    }

    @Test("cut inside the members: truncated; cut inside the constant pool: rejected")
    func truncated() throws {
        let file = SyntheticJavaClass.build()
        let cut = Array(file.prefix(file.count - 10))
        let extent = try #require(carveClass(cut))
        #expect(extent.range == 0..<cut.count)
        #expect(extent.declaredLength > cut.count)
        #expect(extent.confidence == .medium)
        #expect(carveClass(Array(file.prefix(40))) == nil)
    }

    struct Corruption: Sendable, CustomTestStringConvertible {
        var name: String
        var offset: Int
        var value: [UInt8]
        var expected: JavaClass.ParseError
        var testDescription: String { name }
    }

    static let corruptions = [
        Corruption(name: "major 44", offset: 6, value: [0, 44], expected: .unsupportedVersion(major: 44, minor: 0)),
        Corruption(name: "major 71", offset: 6, value: [0, 71], expected: .unsupportedVersion(major: 71, minor: 0)),
        Corruption(name: "fat Mach-O arch count 2 where the version is", offset: 4, value: [0, 0, 0, 2], expected: .unsupportedVersion(major: 2, minor: 0)),
        Corruption(name: "empty constant pool", offset: 8, value: [0, 0], expected: .emptyConstantPool),
        Corruption(name: "tag 2 (undefined)", offset: 10, value: [2], expected: .invalidConstantTag(index: 1, tag: 2)),
        Corruption(name: "0xF5 in a UTF-8 constant", offset: 16, value: [0xF5], expected: .invalidUTF8(index: 2)),
        Corruption(name: "this_class names a UTF-8 entry", offset: 119, value: [0, 2], expected: .invalidClassIndex(2)),
    ]

    @Test("lying structures are rejected with the value that lies", arguments: corruptions)
    func lying(corruption: Corruption) {
        var file = SyntheticJavaClass.build()
        file.replaceSubrange(corruption.offset..<(corruption.offset + corruption.value.count), with: corruption.value)
        let error = #expect(throws: JavaClass.ParseError.self) { try parseClass(file) }
        #expect(error == corruption.expected)
        #expect(carveClass(file) == nil)
    }

    @Test("class files and fat Mach-O files share CAFEBABE but never each other's handler")
    func sharedMagic() {
        let java = SyntheticJavaClass.build()
        let macho = SyntheticMachO(is64: true, bigEndian: false, cpuType: 0x0100_0007).build()
        let fat = SyntheticMachO.fat([(0x0100_0007, macho)])
        #expect(MachOHandler().carve(java.span, at: 0) == nil)
        #expect(carveClass(fat) == nil)
        let data = java + fat
        let outcome = Carver().carve(data.span, targets: [CarveTarget(name: "overlay", range: 0..<data.count)], maxFindings: 10)
        #expect(outcome.payloads.map(\.type) == ["java-class", "macho"])
        #expect(outcome.payloads.map(\.range) == [0..<java.count, java.count..<data.count])
    }

    @Test("random bytes after a plausible class header are never a class", arguments: 0..<4)
    func random(seed: Int) {
        var generator = SeededGenerator(seed: UInt64(seed) + 500)
        var hits = 0
        for _ in 0..<3000 {
            if carveClass([0xCA, 0xFE, 0xBA, 0xBE, 0, 0, 0, 52] + generator.bytes(200)) != nil { hits += 1 }
        }
        #expect(hits == 0)
    }
}

@Suite("DEX handler")
struct DEXHandlerTests {
    @Test("extent is file_size, with the checksum verified", arguments: ["035", "037", "039"])
    func exactExtent(version: String) throws {
        let dex = SyntheticDEX.build(version: version)
        let extent = try #require(carveDEX([9] + dex + [0xAA, 0xBB], at: 1))
        #expect(extent.range == 1..<(1 + dex.count))
        #expect(extent.confidence == .high)
        let header = try parseDEX(dex)
        #expect(header.version == version)
        #expect(header.checksumVerified)
    }

    @Test("cut short: the bytes that remain, checksum unverifiable")
    func truncated() throws {
        let dex = SyntheticDEX.build()
        let extent = try #require(carveDEX(Array(dex.prefix(0x90))))
        #expect(extent.range == 0..<0x90)
        #expect(extent.declaredLength == dex.count)
        #expect(extent.confidence == .medium)
    }

    struct Corruption: Sendable, CustomTestStringConvertible {
        var name: String
        var offset: Int
        var value: [UInt8]
        var expected: DEX.ParseError
        var testDescription: String { name }
    }

    static let corruptions = [
        Corruption(name: "version 034", offset: 4, value: Array("034".utf8), expected: .unsupportedVersion(Array("034\0".utf8))),
        Corruption(name: "header_size 0x78", offset: 36, value: [0x78], expected: .invalidHeaderSize(0x78)),
        Corruption(name: "byte-swapped endian tag", offset: 40, value: [0x12, 0x34, 0x56, 0x78], expected: .invalidEndianTag(0x7856_3412)),
        Corruption(name: "file_size 0x10", offset: 32, value: [0x10, 0], expected: .invalidFileSize(0x10)),
        Corruption(name: "file_size 2 GiB", offset: 32, value: [0, 0, 0, 0x80], expected: .invalidFileSize(0x8000_0000)),
        Corruption(name: "string_ids past the file", offset: 60, value: [0xB0], expected: .invalidSection(name: "string_ids", offset: 0xB0, size: 1)),
        Corruption(name: "map inside the header", offset: 52, value: [0x20], expected: .invalidSection(name: "map", offset: 0x20, size: 0)),
        Corruption(name: "a flipped data byte", offset: 0x76, value: [0x45], expected: .checksumMismatch(declared: SyntheticDEX.adler32(Array(SyntheticDEX.build()[12...])), computed: {
            var dex = SyntheticDEX.build()
            dex[0x76] = 0x45
            return SyntheticDEX.adler32(Array(dex[12...]))
        }())),
    ]

    @Test("lying headers are rejected with the field that lies", arguments: corruptions)
    func lying(corruption: Corruption) {
        var dex = SyntheticDEX.build()
        dex.replaceSubrange(corruption.offset..<(corruption.offset + corruption.value.count), with: corruption.value)
        let error = #expect(throws: DEX.ParseError.self) { try parseDEX(dex) }
        #expect(error == corruption.expected)
        #expect(carveDEX(dex) == nil)
    }

    @Test("random bytes after the magic and version are never a DEX", arguments: 0..<4)
    func random(seed: Int) {
        var generator = SeededGenerator(seed: UInt64(seed) + 600)
        var hits = 0
        for _ in 0..<3000 {
            if carveDEX(Array("dex\n035\0".utf8) + generator.bytes(300)) != nil { hits += 1 }
        }
        #expect(hits == 0)
    }
}
