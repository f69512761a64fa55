import StegCarveBytes
@testable import StegCarveCarving
import Testing
import TestSupport

/// Carves from an array, so test macros never see a non-escapable `Span`.
private func carvePE(_ bytes: [UInt8], at start: Int = 0) -> CarvedExtent? {
    PEHandler().carve(bytes.span, at: start)
}

private func parsePE(_ bytes: [UInt8]) throws(PE.ParseError) -> PE.Image {
    try PE.Image(parsing: bytes.span)
}

@Suite("PE handler")
struct PEHandlerTests {
    struct Shape: Sendable, CustomTestStringConvertible {
        var is64: Bool
        var machine: UInt16
        var name: String
        var testDescription: String { "\(is64 ? "PE32+" : "PE32") \(name)" }
    }

    static let shapes = [
        Shape(is64: true, machine: 0x8664, name: "x86-64"),
        Shape(is64: false, machine: 0x014C, name: "x86"),
        Shape(is64: true, machine: 0xAA64, name: "ARM64"),
        Shape(is64: false, machine: 0x01C4, name: "ARMv7"),
    ]

    @Test("carves exactly the sections' extent; the overlay after it is not claimed", arguments: shapes)
    func exactExtent(shape: Shape) throws {
        let builder = SyntheticPE(is64: shape.is64, machine: shape.machine)
        let pe = builder.build()
        #expect(pe.count == builder.sectionsEnd)
        let overlay = Array("OVERLAY: installer data appended after the last section".utf8)
        let data = [UInt8](repeating: 0x41, count: 5) + pe + overlay
        let extent = try #require(carvePE(data, at: 5))
        #expect(extent.range == 5..<(5 + pe.count))
        #expect(extent.confidence == .high)
        #expect(!extent.isTruncated)
        let image = try parsePE(pe)
        #expect(image.headers.format == (shape.is64 ? .pe32Plus : .pe32))
        #expect(PE.machineName(image.headers.machine) == shape.name)
        #expect(image.sections.map(\.name) == [".text", ".data", ".bss"])
        #expect(image.certificateTable == nil)
        #expect(!image.isDotNet)
    }

    @Test("a certificate table after the sections extends the extent", arguments: shapes)
    func certificate(shape: Shape) throws {
        var builder = SyntheticPE(is64: shape.is64, machine: shape.machine)
        builder.certificateSize = 0x48
        let pe = builder.build()
        #expect(pe.count == builder.certificateOffset + 0x48)
        let extent = try #require(carvePE(pe + Array("tail".utf8)))
        #expect(extent.range == 0..<pe.count)
        let image = try parsePE(pe)
        #expect(image.certificateTable == UInt64(builder.certificateOffset)..<UInt64(pe.count))
    }

    @Test("COFF symbols and the string table after the sections extend the extent")
    func symbols() throws {
        var builder = SyntheticPE(is64: true, machine: 0x8664)
        builder.symbolCount = 5
        let pe = builder.build()
        #expect(pe.count == builder.sectionsEnd + 5 * 18 + SyntheticPE.stringTable.count)
        let extent = try #require(carvePE(pe + [0, 0, 0, 0]))
        #expect(extent.range == 0..<pe.count)
    }

    @Test("sections past the end: the bytes that remain, flagged truncated", arguments: shapes)
    func truncated(shape: Shape) throws {
        var builder = SyntheticPE(is64: shape.is64, machine: shape.machine)
        builder.certificateSize = 64
        let pe = builder.build()
        for cut in [pe.count - 1, pe.count - 100, builder.sizeOfHeaders + 1] {
            let extent = try #require(carvePE(Array(pe.prefix(cut))))
            #expect(extent.range == 0..<cut)
            #expect(extent.declaredLength == pe.count)
            #expect(extent.confidence == .medium)
        }
    }

    @Test("every prefix that cuts the section table is rejected, never read past")
    func shortPrefixes() {
        let builder = SyntheticPE(is64: true, machine: 0x8664)
        let pe = builder.build()
        for length in 0..<(builder.sectionTable + 3 * 40) {
            #expect(carvePE(Array(pe.prefix(length))) == nil)
        }
    }

    struct Corruption: Sendable, CustomTestStringConvertible {
        var name: String
        var offset: Int
        var value: [UInt8]
        var expected: PE.ParseError
        var testDescription: String { name }
    }

    // Offsets in the PE32+ image SyntheticPE builds: PE\0\0 at 0x80, COFF at 0x84, optional
    // header at 0x98, section table at 0x188, certificate directory at 0x128.
    static let corruptions = [
        Corruption(name: "e_lfanew 2", offset: 0x3C, value: [2, 0, 0, 0], expected: .invalidHeaderOffset(2)),
        Corruption(name: "e_lfanew 0x20000", offset: 0x3C, value: [0, 0, 2, 0], expected: .invalidHeaderOffset(0x2_0000)),
        Corruption(name: "e_lfanew past the end", offset: 0x3C, value: [0, 0xF0, 0, 0], expected: .truncatedHeader(available: 0x600, needed: 0xF018)),
        Corruption(name: "signature PE\\0\\1", offset: 0x83, value: [1], expected: .missingSignature(offset: 0x80)),
        Corruption(name: "machine 0x1234", offset: 0x84, value: [0x34, 0x12], expected: .unknownMachine(0x1234)),
        Corruption(name: "machine unknown (0)", offset: 0x84, value: [0, 0], expected: .unknownMachine(0)),
        Corruption(name: "no sections", offset: 0x86, value: [0, 0], expected: .invalidSectionCount(0)),
        Corruption(name: "97 sections", offset: 0x86, value: [97, 0], expected: .invalidSectionCount(97)),
        Corruption(name: "not an executable image", offset: 0x96, value: [0x20, 0], expected: .notExecutableImage(characteristics: 0x20)),
        Corruption(name: "optional magic 0x107 (ROM)", offset: 0x98, value: [0x07, 0x01], expected: .invalidOptionalHeaderMagic(0x107)),
        Corruption(name: "SizeOfOptionalHeader 100", offset: 0x94, value: [100, 0], expected: .invalidOptionalHeaderSize(declared: 100, minimum: 112)),
        Corruption(name: "SizeOfOptionalHeader 200 with 16 directories", offset: 0x94, value: [200, 0], expected: .invalidOptionalHeaderSize(declared: 200, minimum: 240)),
        Corruption(name: "SectionAlignment 0x1001", offset: 0xB8, value: [0x01, 0x10, 0, 0], expected: .invalidSectionAlignment(0x1001)),
        Corruption(name: "FileAlignment 0x300", offset: 0xBC, value: [0, 0x03, 0, 0], expected: .invalidFileAlignment(0x300)),
        Corruption(name: "FileAlignment 0x100 below a 4K SectionAlignment", offset: 0xBC, value: [0, 0x01, 0, 0], expected: .invalidFileAlignment(0x100)),
        Corruption(name: "FileAlignment above SectionAlignment", offset: 0xBC, value: [0, 0x20, 0, 0], expected: .invalidSectionAlignment(0x1000)),
        Corruption(name: "SizeOfHeaders 0x100", offset: 0xD4, value: [0, 0x01, 0, 0], expected: .invalidHeadersSize(declared: 0x100, minimum: 0x188)),
        Corruption(name: "SizeOfHeaders 1 GiB", offset: 0xD4, value: [0, 0, 0, 0x40], expected: .invalidHeadersSize(declared: 0x4000_0000, minimum: 0x188)),
        Corruption(name: ".text raw data past 4 GiB", offset: 0x188 + 20, value: [0, 0xFF, 0xFF, 0xFF], expected: .implausibleExtent(0x1_0000_0100)),
        Corruption(name: "certificate table inside the headers", offset: 0x128, value: [0x10, 0, 0, 0, 0x10, 0, 0, 0], expected: .invalidCertificateTable(offset: 0x10, size: 0x10)),
    ]

    @Test("lying headers are rejected with the field that lies", arguments: corruptions)
    func lyingHeaders(corruption: Corruption) {
        var pe = SyntheticPE(is64: true, machine: 0x8664).build()
        pe.replaceSubrange(corruption.offset..<(corruption.offset + corruption.value.count), with: corruption.value)
        let error = #expect(throws: PE.ParseError.self) { try parsePE(pe) }
        #expect(error == corruption.expected)
        #expect(carvePE(pe) == nil)
    }

    @Test("a malformed WIN_CERTIFICATE is rejected")
    func malformedCertificate() {
        var builder = SyntheticPE(is64: false, machine: 0x014C)
        builder.certificateSize = 0x40
        var pe = builder.build()
        pe[builder.certificateOffset + 4] = 0x07  // wRevision 0x0207
        let error = #expect(throws: PE.ParseError.self) { try parsePE(pe) }
        #expect(error == .invalidCertificateTable(offset: UInt32(builder.certificateOffset), size: 0x40))
    }

    @Test("random bytes behind MZ, or behind MZ and a real PE signature, are never a PE", arguments: 0..<4)
    func randomBytesAfterMagic(seed: Int) {
        var generator = SeededGenerator(seed: UInt64(seed) + 200)
        var hits = 0
        for _ in 0..<2000 {
            let data = [0x4D, 0x5A] + generator.bytes(600)
            if carvePE(data) != nil { hits += 1 }
            var signed = data
            signed.replaceSubrange(0x3C..<0x40, with: [0x80, 0, 0, 0])
            signed.replaceSubrange(0x80..<0x84, with: [0x50, 0x45, 0, 0])
            if carvePE(signed) != nil { hits += 1 }
        }
        #expect(hits == 0)
    }

    @Test("the carver finds the PE after stray MZ bytes and leaves the overlay")
    func carver() {
        let pe = SyntheticPE(is64: true, machine: 0x8664).build()
        let data = Array("MZ not a PE, MZMZ".utf8) + pe + Array("MZ overlay".utf8)
        let outcome = Carver().carve(data.span, targets: [CarveTarget(name: "overlay", range: 0..<data.count)], maxFindings: 10)
        #expect(outcome.payloads.map(\.range) == [17..<(17 + pe.count)])
        #expect(outcome.payloads.map(\.type) == ["pe"])
    }
}
