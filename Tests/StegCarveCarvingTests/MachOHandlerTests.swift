import StegCarveBytes
@testable import StegCarveCarving
import Testing
import TestSupport

/// Carves from an array, so test macros never see a non-escapable `Span`.
private func carveMachO(_ bytes: [UInt8], at start: Int = 0) -> CarvedExtent? {
    MachOHandler().carve(bytes.span, at: start)
}

private func parseThin(_ bytes: [UInt8]) throws(MachO.ParseError) -> MachO.Image {
    try MachO.Image(parsing: bytes.span)
}

private func parseFat(_ bytes: [UInt8]) throws(MachO.ParseError) -> MachO.FatImage {
    try MachO.FatImage(parsing: bytes.span)
}

private extension [UInt8] {
    mutating func put32(_ value: UInt32, at offset: Int, bigEndian: Bool = false) {
        for index in 0..<4 {
            let shift = bigEndian ? 8 * (3 - index) : 8 * index
            self[offset + index] = UInt8(truncatingIfNeeded: value >> UInt32(shift))
        }
    }
}

@Suite("Mach-O handler")
struct MachOHandlerTests {
    struct Shape: Sendable, CustomTestStringConvertible {
        var is64: Bool
        var bigEndian: Bool
        var cpuType: UInt32
        var name: String
        var testDescription: String { "Mach-O \(is64 ? 64 : 32) \(bigEndian ? "BE" : "LE") \(name)" }
    }

    static let shapes = [
        Shape(is64: true, bigEndian: false, cpuType: 0x0100_0007, name: "x86-64"),
        Shape(is64: true, bigEndian: false, cpuType: 0x0100_000C, name: "ARM64"),
        Shape(is64: false, bigEndian: false, cpuType: 7, name: "x86"),
        Shape(is64: false, bigEndian: true, cpuType: 18, name: "PowerPC"),
        Shape(is64: true, bigEndian: true, cpuType: 0x0100_0012, name: "PowerPC64"),
    ]

    @Test("carves exactly the declared extent, with junk after it", arguments: shapes)
    func exactExtent(shape: Shape) throws {
        let macho = SyntheticMachO(is64: shape.is64, bigEndian: shape.bigEndian, cpuType: shape.cpuType).build()
        let data = Array("prefix".utf8) + macho + Array("JUNK AFTER THE MACH-O".utf8)
        let extent = try #require(carveMachO(data, at: 6))
        #expect(extent.range == 6..<(6 + macho.count))
        #expect(extent.confidence == .high)
        let image = try parseThin(macho)
        #expect(MachO.cpuName(image.header.cpuType) == shape.name)
        #expect(image.header.byteOrder == (shape.bigEndian ? .big : .little))
        #expect(image.segments.map(\.name) == ["__PAGEZERO", "__TEXT", "__LINKEDIT"])
        #expect(image.libraries == ["/usr/lib/libSystem.B.dylib"])
        #expect(image.entryOffset != nil)
        #expect(!image.hasCodeSignature)
    }

    @Test("a code signature past __LINKEDIT's declared size extends the extent", arguments: shapes)
    func codeSignature(shape: Shape) throws {
        var builder = SyntheticMachO(is64: shape.is64, bigEndian: shape.bigEndian, cpuType: shape.cpuType)
        builder.codeSignatureSize = 200
        let macho = builder.build()
        let extent = try #require(carveMachO(macho + [0xFF, 0xFE]))
        #expect(extent.range == 0..<macho.count)
        #expect(try parseThin(macho).hasCodeSignature)
    }

    @Test("tables past the end: the bytes that remain, flagged truncated", arguments: shapes)
    func truncated(shape: Shape) throws {
        var builder = SyntheticMachO(is64: shape.is64, bigEndian: shape.bigEndian, cpuType: shape.cpuType)
        builder.codeSignatureSize = 200
        let macho = builder.build()
        let cut = Array(macho.prefix(macho.count - 150))
        let extent = try #require(carveMachO(cut))
        #expect(extent.range == 0..<cut.count)
        #expect(extent.declaredLength == macho.count)
        #expect(extent.confidence == .medium)
    }

    @Test("every prefix that cuts the load commands is rejected")
    func shortPrefixes() throws {
        let (macho, commands) = SyntheticMachO(is64: true, bigEndian: false, cpuType: 0x0100_0007).buildWithLayout()
        let commandsEnd = try #require(commands["dylib"]) + 48
        for length in 0..<commandsEnd {
            #expect(carveMachO(Array(macho.prefix(length))) == nil)
        }
    }

    struct Corruption: Sendable, CustomTestStringConvertible {
        var name: String
        var offset: Int
        var value: UInt32
        var expected: MachO.ParseError
        var testDescription: String { name }
    }

    // 64-bit little-endian x86-64 layout: header 32 bytes; __PAGEZERO at 32, __TEXT at 104,
    // __LINKEDIT at 256, LC_SYMTAB at 328, LC_MAIN at 352, LC_LOAD_DYLIB at 376 (56 bytes).
    static let corruptions = [
        Corruption(name: "cputype 99", offset: 4, value: 99, expected: .unknownCPUType(99)),
        Corruption(name: "32-bit cputype in a 64-bit header", offset: 4, value: 7, expected: .cpuTypeClassMismatch(cpuType: 7, headerIs64: true)),
        Corruption(name: "filetype 0", offset: 12, value: 0, expected: .invalidFileType(0)),
        Corruption(name: "filetype 13", offset: 12, value: 13, expected: .invalidFileType(13)),
        Corruption(name: "ncmds 0", offset: 16, value: 0, expected: .invalidCommandCount(count: 0, size: 400)),
        Corruption(name: "ncmds 51 > sizeofcmds / 8", offset: 16, value: 51, expected: .invalidCommandCount(count: 51, size: 400)),
        Corruption(name: "sizeofcmds 1 GiB", offset: 20, value: 1 << 30, expected: .invalidCommandCount(count: 6, size: 1 << 30)),
        Corruption(name: "sizeofcmds past the file", offset: 20, value: 0x10000, expected: .truncatedHeader(available: 527, needed: 0x10020)),
        Corruption(name: "cmdsize 4", offset: 36, value: 4, expected: .invalidCommandSize(index: 0, command: 0x19, size: 4)),
        Corruption(name: "cmdsize not a multiple of 8", offset: 36, value: 76, expected: .invalidCommandSize(index: 0, command: 0x19, size: 76)),
        Corruption(name: "cmdsize past sizeofcmds", offset: 380, value: 64, expected: .invalidCommandSize(index: 5, command: 0xC, size: 64)),
        Corruption(name: "ncmds 7 walks past sizeofcmds", offset: 16, value: 7, expected: .invalidCommandSize(index: 6, command: 0, size: 0)),
        Corruption(name: "segment nsects 2 with room for 1", offset: 104 + 64, value: 2, expected: .invalidCommandLayout(command: 0x19, size: 152, expected: 232)),
        Corruption(name: "LC_SYMTAB cmdsize 32", offset: 332, value: 32, expected: .invalidCommandLayout(command: 0x2, size: 32, expected: 24)),
        Corruption(name: "__LINKEDIT fileoff near 2^64", offset: 256 + 44, value: 0xFFFF_FFFF, expected: .implausibleExtent(0xFFFF_FFFF_0000_020F)),
        Corruption(name: "__TEXT filesize 2^40", offset: 104 + 52, value: 0x100, expected: .implausibleExtent(0x100_0000_01E0)),
    ]

    @Test("lying headers and load commands are rejected with the field that lies", arguments: corruptions)
    func lyingHeaders(corruption: Corruption) {
        var macho = SyntheticMachO(is64: true, bigEndian: false, cpuType: 0x0100_0007).build()
        macho.put32(corruption.value, at: corruption.offset)
        let error = #expect(throws: MachO.ParseError.self) { try parseThin(macho) }
        #expect(error == corruption.expected)
        #expect(carveMachO(macho) == nil)
    }

    @Test("random bytes behind each magic are never a Mach-O", arguments: 0..<6)
    func randomBytesAfterMagic(magicIndex: Int) {
        let magic = MachOHandler.magics[magicIndex]
        var generator = SeededGenerator(seed: UInt64(magicIndex) + 300)
        var hits = 0
        for _ in 0..<3000 {
            if carveMachO(magic + generator.bytes(300)) != nil { hits += 1 }
        }
        #expect(hits == 0)
    }
}

@Suite("Mach-O universal")
struct MachOFatTests {
    static let x86_64 = SyntheticMachO(is64: true, bigEndian: false, cpuType: 0x0100_0007).build()
    static let arm64: [UInt8] = {
        var builder = SyntheticMachO(is64: true, bigEndian: false, cpuType: 0x0100_000C)
        builder.codeSignatureSize = 64
        return builder.build()
    }()

    @Test("a fat file with two slices ends at the end of the last slice", arguments: [false, true])
    func twoSlices(fat64: Bool) throws {
        let fat = SyntheticMachO.fat([(0x0100_0007, Self.x86_64), (0x0100_000C, Self.arm64)], fat64: fat64)
        #expect(fat.count == 8192 + Self.arm64.count)
        let extent = try #require(carveMachO([0, 0] + fat + Array("after".utf8), at: 2))
        #expect(extent.range == 2..<(2 + fat.count))
        #expect(extent.confidence == .high)
        let image = try parseFat(fat)
        #expect(image.is64 == fat64)
        #expect(image.slices.map(\.offset) == [4096, 8192])
        #expect(image.slices.compactMap { $0.image.map { MachO.cpuName($0.header.cpuType) } } == ["x86-64", "ARM64"])
    }

    @Test("a fat file cut inside its second slice is truncated; cut before any slice header, rejected")
    func truncated() throws {
        let fat = SyntheticMachO.fat([(0x0100_0007, Self.x86_64), (0x0100_000C, Self.arm64)])
        let cut = Array(fat.prefix(8192 + 100))
        let extent = try #require(carveMachO(cut))
        #expect(extent.range == 0..<cut.count)
        #expect(extent.declaredLength == fat.count)
        #expect(carveMachO(Array(fat.prefix(4096 + 10))) == nil)
    }

    struct Corruption: Sendable, CustomTestStringConvertible {
        var name: String
        var offset: Int
        var value: UInt32
        var expected: MachO.ParseError
        var testDescription: String { name }
    }

    // fat_arch entries at 8 and 28: cputype, cpusubtype, offset, size, align.
    static let corruptions = [
        Corruption(name: "nfat_arch 0", offset: 4, value: 0, expected: .invalidArchitectureCount(0)),
        Corruption(name: "nfat_arch 33", offset: 4, value: 33, expected: .invalidArchitectureCount(33)),
        Corruption(name: "Java class version 52.0 where nfat_arch is", offset: 4, value: 52, expected: .invalidArchitectureCount(52)),
        Corruption(name: "unknown cputype", offset: 28, value: 77, expected: .unknownCPUType(77)),
        Corruption(name: "slice inside the arch table", offset: 16, value: 16, expected: .invalidSliceBounds(index: 0, offset: 16, size: 527)),
        Corruption(name: "misaligned slice", offset: 36, value: 8200, expected: .invalidSliceBounds(index: 1, offset: 8200, size: 608)),
        Corruption(name: "overlapping slices", offset: 36, value: 4096, expected: .invalidSliceBounds(index: 1, offset: 4096, size: 608)),
        Corruption(name: "slice smaller than its Mach-O", offset: 20, value: 500, expected: .invalidSliceBounds(index: 0, offset: 4096, size: 500)),
        Corruption(name: "slice CPU differs from its entry", offset: 8, value: 0x0100_0012, expected: .sliceCPUMismatch(index: 0, declared: 0x0100_0012, actual: 0x0100_0007)),
    ]

    @Test("lying arch tables are rejected with the entry that lies", arguments: corruptions)
    func lyingArchTable(corruption: Corruption) {
        var fat = SyntheticMachO.fat([(0x0100_0007, Self.x86_64), (0x0100_000C, Self.arm64)])
        fat.put32(corruption.value, at: corruption.offset, bigEndian: true)
        let error = #expect(throws: MachO.ParseError.self) { try parseFat(fat) }
        #expect(error == corruption.expected)
        #expect(carveMachO(fat) == nil)
    }

    @Test("a slice that is not a Mach-O names the slice and the reason")
    func invalidSlice() {
        var fat = SyntheticMachO.fat([(0x0100_0007, Self.x86_64), (0x0100_000C, Self.arm64)])
        fat.put32(0, at: 8192 + 12)  // the ARM64 slice's filetype
        let error = #expect(throws: MachO.ParseError.self) { try parseFat(fat) }
        #expect(error == .invalidSlice(index: 1, .invalidFileType(0)))
    }
}
