import Foundation
@testable import StegCarveCarving
@testable import StegCarveLabeling
import StegCarveModel
import Testing
import TestSupport

/// PE imports (and the imphash), exports, resources and sections, on a PE whose directories a
/// test writes by hand and on the MinGW PEs of the corpus; imphashes checked against pefile.
@Suite("PE directories and imphash")
struct PEDirectoryTests {
    /// A SyntheticPE with an import directory (names, ws2_32/oleaut32 ordinals, an unknown
    /// ordinal) in `.data`, and an export directory and a resource tree in `.text`.
    static func peWithDirectories(is64: Bool) -> [UInt8] {
        let builder = SyntheticPE(is64: is64, machine: is64 ? 0x8664 : 0x14C)
        var pe = builder.build()
        let text = (rva: 0x1000, file: builder.sizeOfHeaders)
        let data = (rva: 0x2000, file: builder.sizeOfHeaders + SyntheticPE.rawSectionSize)
        func put(_ bytes: [UInt8], at offset: Int) { pe.replaceSubrange(offset..<(offset + bytes.count), with: bytes) }
        func little(_ value: UInt64, _ size: Int) -> [UInt8] { (0..<size).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
        func u32(_ value: Int) -> [UInt8] { little(UInt64(value), 4) }
        func u16(_ value: Int) -> [UInt8] { little(UInt64(value), 2) }
        func thunk(_ value: UInt64) -> [UInt8] { little(value, is64 ? 8 : 4) }
        let ordinal: UInt64 = is64 ? 1 << 63 : 1 << 31
        // Hint/name entries and DLL names at .data + 0x180.
        var strings = ByteWriter()
        var at: [String: Int] = [:]
        for name in ["ExitProcess", "GetProcAddress"] {
            at[name] = data.rva + 0x180 + strings.bytes.count
            strings.append([0, 0]); strings.append(name + "\0")
            if strings.bytes.count % 2 == 1 { strings.u8(0) }
        }
        for name in ["KERNEL32.dll", "WS2_32.dll", "OLEAUT32.dll"] {
            at[name] = data.rva + 0x180 + strings.bytes.count
            strings.append(name + "\0")
        }
        put(strings.bytes, at: data.file + 0x180)
        // Import lookup tables.
        let tables: [(String, [UInt64])] = [
            ("KERNEL32.dll", [UInt64(at["ExitProcess"] ?? 0), UInt64(at["GetProcAddress"] ?? 0)]),
            ("WS2_32.dll", [ordinal | 3, ordinal | 115, ordinal | 999]),
            ("OLEAUT32.dll", [ordinal | 2]),
        ]
        var descriptors: [UInt8] = []
        for (index, (library, thunks)) in tables.enumerated() {
            let table = 0x60 + 0x30 * index
            put(thunks.flatMap(thunk) + thunk(0), at: data.file + table)
            descriptors += u32(data.rva + table) + u32(0) + u32(0) + u32(at[library] ?? 0) + u32(data.rva + table)
        }
        put(descriptors + [UInt8](repeating: 0, count: 20), at: data.file)
        // Export directory at .text + 0x40: name, base 1, two functions, two names.
        let exports = text.rva + 0x40
        put(Array("sample.dll\0first\0second\0".utf8), at: text.file + 0x100)
        put(u32(0) + u32(0) + u16(0) + u16(0) + u32(text.rva + 0x100) + u32(1) + u32(2) + u32(2)
            + u32(text.rva + 0x80) + u32(text.rva + 0x90) + u32(text.rva + 0xA0), at: text.file + 0x40)
        put(u32(text.rva) + u32(text.rva + 8), at: text.file + 0x80)
        put(u32(text.rva + 0x10B) + u32(text.rva + 0x111), at: text.file + 0x90)
        put(u16(0) + u16(1), at: text.file + 0xA0)
        // Resource tree at .text + 0x120: one RT_ICON (id 3) with two names, one RT_MANIFEST;
        // directories are 16 bytes plus 8 per entry, data entries 16 bytes.
        let root = text.file + 0x120
        func directory(_ entries: [(UInt32, UInt32)]) -> [UInt8] {
            u32(0) + u32(0) + u16(0) + u16(0) + u16(0) + u16(entries.count) + entries.flatMap { u32(Int($0.0)) + u32(Int($0.1)) }
        }
        put(directory([(3, 0x8000_0000 | 0x20), (24, 0x8000_0000 | 0x40)]), at: root)
        put(directory([(1, 0x8000_0000 | 0x58), (2, 0x8000_0000 | 0x70)]), at: root + 0x20)
        put(directory([(1, 0x8000_0000 | 0x88)]), at: root + 0x40)
        put(directory([(0x409, 0xA0)]), at: root + 0x58)
        put(directory([(0x409, 0xB0)]), at: root + 0x70)
        put(directory([(0x409, 0xC0)]), at: root + 0x88)
        put(u32(text.rva) + u32(0x40) + u32(0) + u32(0), at: root + 0xA0)
        put(u32(text.rva) + u32(0x20) + u32(0) + u32(0), at: root + 0xB0)
        put(u32(data.rva) + u32(0x10) + u32(0) + u32(0), at: root + 0xC0)
        // Data directories 0 (export), 1 (import), 2 (resource).
        put(u32(exports) + u32(40), at: builder.directoryOffset(0))
        put(u32(data.rva) + u32(descriptors.count + 20), at: builder.directoryOffset(1))
        put(u32(text.rva + 0x120) + u32(0xD0), at: builder.directoryOffset(2))
        return pe
    }

    /// `pefile.PE(data=…).get_imphash()` (pefile 2024.8.26) of ``peWithDirectories(is64:)``.
    static let pefileImphash = "c538a6f80ca6f993bdff8392ecc666d7"

    @Test("imports, ordinals named as pefile names them, exports and resources", arguments: [true, false])
    func directories(is64: Bool) throws {
        let pe = Self.peWithDirectories(is64: is64)
        let image = try PE.Image(parsing: pe.span)
        let found = image.imports(in: pe.span)
        let imports = try #require(found)
        #expect(imports.libraries.map(\.name) == ["KERNEL32.dll", "WS2_32.dll", "OLEAUT32.dll"])
        #expect(Imphash.imphashEntries(imports) == [
            "kernel32.exitprocess", "kernel32.getprocaddress",
            "ws2_32.closesocket", "ws2_32.wsastartup", "ws2_32.ord999", "oleaut32.sysallocstring",
        ])
        let profile = ArtifactLabeler().profile(pe.span, type: "pe", truncated: false)
        #expect(profile.metadata["imphash"] == .string(Self.pefileImphash))
        #expect(profile.metadata["importCount"] == 6)
        #expect(profile.metadata["exportName"] == "sample.dll")
        #expect(profile.metadata["exportCount"] == 2)
        #expect(profile.metadata["exports"] == .array(["first", "second"]))
        guard case .array(let kinds)? = profile.metadata["resources"] else {
            Issue.record("no resources")
            return
        }
        let summary: [[String: MetadataValue]] = kinds.compactMap { if case .object(let entry) = $0 { entry } else { nil } }
        #expect(summary.map { $0["type"] } == ["RT_ICON", "RT_MANIFEST"])
        #expect(summary.map { $0["count"] } == [2, 1])
        #expect(summary.map { $0["bytes"] } == [0x60, 0x10])
        // The largest icon is 64 bytes of 0xCC.
        #expect(summary.first?["largestEntropy"] == .number(0))
        #expect(profile.labels.first?.reason.contains("6 imports from 3 libraries") == true)
    }

    @Test("sections carry addresses, sizes, permissions and entropy; the timestamp reads as UTC")
    func sections() throws {
        let pe = SyntheticPE(is64: false, machine: 0x14C).build()
        let profile = ArtifactLabeler().profile(pe.span, type: "pe", truncated: false)
        guard case .array(let sections)? = profile.metadata["sectionTable"] else {
            Issue.record("no section table")
            return
        }
        #expect(sections.count == 3)
        #expect(sections.first == .object([
            "name": ".text", "virtualAddress": 0x1000, "virtualSize": 0x200, "rawOffset": 0x200, "rawSize": 0x200,
            "permissions": "r-x", "entropy": .number(0),
        ]))
        #expect(sections.last == .object([
            "name": ".bss", "virtualAddress": 0x3000, "virtualSize": 0x100, "rawOffset": 0, "rawSize": 0, "permissions": "rw-",
        ]))
        #expect(profile.metadata["timestampUTC"] == "2023-11-14T15:15:12Z")
        #expect(PEDescriber.utc(0) == "1970-01-01T00:00:00Z")
        #expect(PEDescriber.utc(951_782_400) == "2000-02-29T00:00:00Z")
        #expect(PEDescriber.utc(UInt32.max) == "2106-02-07T06:28:15Z")
        #expect(profile.metadata["imphash"] == .null)
    }

    /// Imphashes pefile computes for the corpus PEs (MinGW hello-world builds).
    static let corpusImphashes: [(path: String, offset: Int, length: Int, imphash: String, imports: Int)] = [
        ("payload/jpeg-eoi-pe-overlay.jpg", 2921, 14848, "8a98287583280596621b430fd66919dd", 37),
        ("payload/png-chunk-exEc-pe-i686.png", 2039, 34668, "69130c753d8657ba4999f3c002510c64", 40),
        ("payload/png-iend-pe-certificate.png", 4856, 14920, "8a98287583280596621b430fd66919dd", 37),
        ("payload/png-iend-pe-truncated.png", 11581, 14548, "8a98287583280596621b430fd66919dd", 37),
    ]

    @Test("the corpus PEs get pefile's imphash", arguments: corpusImphashes)
    func corpus(entry: (path: String, offset: Int, length: Int, imphash: String, imports: Int)) throws {
        let file = try CorpusLocator.bytes(entry.path)
        let pe = Array(file[entry.offset..<(entry.offset + entry.length)])
        let profile = ArtifactLabeler().profile(pe.span, type: "pe", truncated: false)
        #expect(profile.metadata["imphash"] == .string(entry.imphash))
        #expect(profile.metadata["importCount"] == .integer(Int64(entry.imports)))
        if let live = Self.pefile(pe) { #expect(live == entry.imphash) }
    }

    @Test("pefile, when installed, agrees on the hand-built PEs", arguments: [true, false])
    func livePefile(is64: Bool) throws {
        let pe = Self.peWithDirectories(is64: is64)
        guard let live = Self.pefile(pe) else { return }
        #expect(live == Self.pefileImphash)
    }

    @Test("hostile directories: loops, huge counts and addresses outside the file stay bounded")
    func hostile() throws {
        var pe = Self.peWithDirectories(is64: true)
        let builder = SyntheticPE(is64: true, machine: 0x8664)
        // Resource directory whose subdirectory points back at the root, with 65535 entries declared.
        let root = builder.sizeOfHeaders + 0x120
        pe.replaceSubrange((root + 14)..<(root + 16), with: [0xFF, 0xFF])
        pe.replaceSubrange((root + 20)..<(root + 24), with: [0x00, 0x00, 0x00, 0x80])
        // An import table whose lookup table runs to the end of the section without a zero.
        let data = builder.sizeOfHeaders + SyntheticPE.rawSectionSize
        pe.replaceSubrange((data + 0x60)..<(data + 0x200), with: [UInt8](repeating: 0x41, count: 0x1A0))
        // Export directory declaring 2^32-1 names.
        pe.replaceSubrange((builder.sizeOfHeaders + 0x40 + 24)..<(builder.sizeOfHeaders + 0x40 + 28), with: [0xFF, 0xFF, 0xFF, 0xFF])
        let image = try PE.Image(parsing: pe.span)
        let resources = image.resources(in: pe.span)
        // The loop is followed only as deep as the format's three levels; the entries past
        // the file end the walk.
        #expect(resources.map { $0.kinds.count <= PE.maximumResourceEntries } == true)
        let exports = image.exports(in: pe.span)
        #expect(exports.map { $0.names.count <= PE.maximumExportedNames } == true)
        let imports = image.imports(in: pe.span)
        #expect(imports.map { $0.count <= PE.maximumImportedSymbols } == true)
        // Every truncation describes without trapping.
        for length in stride(from: 0, through: pe.count, by: 7) {
            _ = ArtifactLabeler().profile(Array(pe.prefix(length)).span, type: "pe", truncated: true)
        }
    }

    @Test("byte flips in the headers and directories never trap and keep every list bounded", arguments: [true, false])
    func flips(is64: Bool) throws {
        let original = Self.peWithDirectories(is64: is64)
        var generator = SeededGenerator(seed: is64 ? 64 : 32)
        for _ in 0..<400 {
            var mutated = original
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                // The headers, the export/resource area of .text and the import area of .data.
                let index = Int.random(in: 0..<min(mutated.count, 0x800), using: &generator)
                mutated[index] = UInt8.random(in: 0...255, using: &generator)
            }
            let profile = ArtifactLabeler().profile(mutated.span, type: "pe", truncated: false)
            if case .array(let exports)? = profile.metadata["exports"] { #expect(exports.count <= PEDescriber.maximumListed) }
            if case .integer(let imports)? = profile.metadata["importCount"] { #expect(imports <= Int64(PE.maximumImportedSymbols)) }
        }
    }

    /// pefile's imphash of `bytes`, or `nil` when python3 with pefile is not installed.
    static func pefile(_ bytes: [UInt8]) -> String? {
        guard let directory = try? TemporaryDirectory(), let path = try? directory.write(bytes, to: "sample.bin") else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import sys, pefile; print(pefile.PE(sys.argv[1]).get_imphash())", path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = Pipe()
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
