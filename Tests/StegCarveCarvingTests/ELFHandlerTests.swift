import StegCarveBytes
@testable import StegCarveCarving
import Testing
import TestSupport

/// Carves from an array, so test macros never see a non-escapable `Span`.
private func carveELF(_ bytes: [UInt8], at start: Int = 0) -> CarvedExtent? {
    ELFHandler().carve(bytes.span, at: start)
}

@Suite("ELF handler")
struct ELFHandlerTests {
    struct Shape: Sendable, CustomTestStringConvertible {
        var is64: Bool
        var bigEndian: Bool
        var machine: UInt16
        var testDescription: String { "ELF\(is64 ? 64 : 32) \(bigEndian ? "BE" : "LE") machine \(machine)" }
    }

    static let shapes = [
        Shape(is64: true, bigEndian: false, machine: 62),
        Shape(is64: true, bigEndian: true, machine: 21),
        Shape(is64: false, bigEndian: false, machine: 40),
        Shape(is64: false, bigEndian: true, machine: 8),
    ]

    @Test("carves exactly the declared extent, with junk after it", arguments: shapes)
    func exactExtent(shape: Shape) throws {
        let elf = SyntheticELF(is64: shape.is64, bigEndian: shape.bigEndian, machine: shape.machine).build()
        let data = [UInt8](repeating: 0x41, count: 7) + elf + Array("JUNK AFTER THE ELF".utf8)
        let extent = try #require(carveELF(data, at: 7))
        #expect(extent.range == 7..<(7 + elf.count))
        #expect(extent.confidence == .high)
        #expect(!extent.isTruncated)
        let image = try ELF.Image(parsing: elf.span)
        #expect(image.header.machine == shape.machine)
        #expect(image.header.byteOrder == (shape.bigEndian ? .big : .little))
        let name = image.sectionName(1, in: elf.span)
        #expect(name == ".text")
    }

    @Test("a section past the section table extends the extent", arguments: shapes)
    func sectionPastTable(shape: Shape) throws {
        var builder = SyntheticELF(is64: shape.is64, bigEndian: shape.bigEndian, machine: shape.machine)
        builder.trailingSectionData = 300
        let elf = builder.build()
        let extent = try #require(carveELF(elf + [0, 0, 0], at: 0))
        #expect(extent.range == 0..<elf.count)
    }

    @Test("tables past the end: the bytes that remain, flagged truncated", arguments: shapes)
    func truncated(shape: Shape) throws {
        let elf = SyntheticELF(is64: shape.is64, bigEndian: shape.bigEndian, machine: shape.machine).build()
        let cut = Array(elf.prefix(elf.count - 50))
        let extent = try #require(carveELF(cut, at: 0))
        #expect(extent.range == 0..<cut.count)
        #expect(extent.declaredLength == elf.count)
        #expect(extent.isTruncated)
        #expect(extent.confidence == .medium)
    }

    @Test("every prefix shorter than the header is rejected, never read past")
    func shortPrefixes() {
        let elf = SyntheticELF(is64: true, bigEndian: false, machine: 62).build()
        for length in 0..<64 {
            #expect(carveELF(Array(elf.prefix(length)), at: 0) == nil)
        }
    }

    struct Corruption: Sendable, CustomTestStringConvertible {
        var name: String
        var offset: Int
        var value: [UInt8]
        var expected: ELF.ParseError
        var testDescription: String { name }
    }

    static let corruptions = [
        Corruption(name: "class 3", offset: 4, value: [3], expected: .invalidClass(3)),
        Corruption(name: "data encoding 0", offset: 5, value: [0], expected: .invalidDataEncoding(0)),
        Corruption(name: "EI_VERSION 2", offset: 6, value: [2], expected: .invalidVersion(declared: 2)),
        Corruption(name: "e_version 7", offset: 20, value: [7, 0, 0, 0], expected: .invalidVersion(declared: 7)),
        Corruption(name: "e_ehsize 60", offset: 52, value: [60, 0], expected: .invalidHeaderSize(declared: 60, expected: 64)),
        Corruption(name: "e_phentsize 55", offset: 54, value: [55, 0], expected: .invalidEntrySize(table: "program", declared: 55, expected: 56)),
        Corruption(name: "e_shentsize 40", offset: 58, value: [40, 0], expected: .invalidEntrySize(table: "section", declared: 40, expected: 64)),
        Corruption(name: "e_type 9", offset: 16, value: [9, 0], expected: .invalidType(9)),
        Corruption(name: "e_phoff inside header", offset: 32, value: [16, 0, 0, 0, 0, 0, 0, 0], expected: .invalidTableOffset(table: "program", offset: 16)),
        Corruption(name: "e_shoff 2^60", offset: 40, value: [0, 0, 0, 0, 0, 0, 0, 0x10], expected: .invalidTableOffset(table: "section", offset: 1 << 60)),
        Corruption(name: "e_shstrndx 9", offset: 62, value: [9, 0], expected: .invalidStringTableIndex(9)),
    ]

    @Test("lying headers are rejected with the field that lies", arguments: corruptions)
    func lyingHeaders(corruption: Corruption) {
        var elf = SyntheticELF(is64: true, bigEndian: false, machine: 62).build()
        elf.replaceSubrange(corruption.offset..<(corruption.offset + corruption.value.count), with: corruption.value)
        let error = #expect(throws: ELF.ParseError.self) { try ELF.Image(parsing: elf.span) }
        #expect(error == corruption.expected)
        #expect(carveELF(elf, at: 0) == nil)
    }

    @Test("a segment whose offset + size overflows is rejected")
    func overflowingSegment() {
        var elf = SyntheticELF(is64: true, bigEndian: false, machine: 62).build()
        // p_offset of the only program header (at 64 + 8) = 2^64 - 16.
        elf.replaceSubrange(72..<80, with: [0xF0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF])
        let error = #expect(throws: ELF.ParseError.self) { try ELF.Image(parsing: elf.span) }
        #expect(error == .implausibleExtent(0xFFFF_FFFF_FFFF_FFF0))
    }

    @Test("random bytes behind the magic are never an ELF", arguments: 0..<4)
    func randomBytesAfterMagic(seed: Int) {
        var generator = SeededGenerator(seed: UInt64(seed) + 100)
        var hits = 0
        for _ in 0..<2000 {
            let data = [0x7F, 0x45, 0x4C, 0x46] + generator.bytes(200)
            if carveELF(data, at: 0) != nil { hits += 1 }
        }
        #expect(hits == 0)
    }

    @Test("the carver carves two ELFs back to back and skips magic inside a carved ELF")
    func carverBackToBack() throws {
        let first = SyntheticELF(is64: true, bigEndian: false, machine: 62).build()
        var inner = SyntheticELF(is64: false, bigEndian: true, machine: 8)
        inner.code = first  // an ELF's bytes inside the first segment of another
        let outer = inner.build()
        let second = SyntheticELF(is64: false, bigEndian: false, machine: 3).build()
        let data = Array("prefix".utf8) + outer + second + [0x7F, 0x45, 0x4C, 0x46, 1, 1]
        let outcome = Carver().carve(data.span, targets: [CarveTarget(name: "overlay", range: 0..<data.count)], maxFindings: 10)
        #expect(outcome.payloads.map(\.range) == [6..<(6 + outer.count), (6 + outer.count)..<(6 + outer.count + second.count)])
        #expect(outcome.payloads.allSatisfy { $0.region == "overlay" && $0.type == "elf" })
        // A region cuts the payload: it is carved truncated at the region's end.
        let cut = Carver().carve(data.span, targets: [CarveTarget(name: "segment:COM", range: 6..<(6 + outer.count - 10))], maxFindings: 10)
        #expect(cut.payloads.first?.isTruncated == true)
        #expect(cut.payloads.first?.range == 6..<(6 + outer.count - 10))
        let limited = Carver().carve(data.span, targets: [CarveTarget(name: "overlay", range: 0..<data.count)], maxFindings: 1)
        #expect(limited.payloads.count == 1)
        #expect(limited.findingsLimitHit)
    }
}

@Suite("ELF corpus")
struct ELFCorpusTests {
    @Test("every corpus ELF is carved whole from offset 0", arguments: CorpusManifest.shared.elves)
    func corpusELF(entry: CorpusManifest.ELFEntry) throws {
        let bytes = try CorpusLocator.bytes(entry.path)
        let extent = try #require(carveELF(bytes, at: 0))
        #expect(extent.range == 0..<entry.size)
        #expect(extent.confidence == .high)
        let image = try ELF.Image(parsing: bytes.span)
        #expect(ELF.machineName(image.header.machine) == entry.machine)
        #expect(image.header.fileClass.rawValue == entry.class)
        #expect(image.header.byteOrder.rawValue == entry.endian)
        #expect(ELF.typeName(image.header.type) == entry.type)
        #expect(image.header.entry == UInt64(entry.entry))
        let interpreter = image.interpreter(in: bytes.span)
        let needed = image.neededLibraries(in: bytes.span)
        #expect(interpreter == entry.interpreter)
        #expect(needed == entry.needed)
        #expect(image.hasSymbolTable == !entry.stripped)
        let buildID = image.buildID(in: bytes.span).map { $0.map { byte in (byte < 16 ? "0" : "") + String(byte, radix: 16) }.joined() }
        #expect(buildID == entry.buildID)
    }

    @Test("every registered payload handler has a corpus case")
    func everyHandlerHasACorpusCase() {
        let covered = Set(CorpusManifest.shared.files.flatMap { $0.findings.map(\.type) })
        for handler in PayloadRegistry.handlers {
            #expect(covered.contains(handler.type), "no corpus file expects a \(handler.type) finding")
        }
    }
}
