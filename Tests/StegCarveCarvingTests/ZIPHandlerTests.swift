import StegCarveBytes
@testable import StegCarveCarving
import StegCarveModel
import Testing
import TestSupport

@Suite("ZIP handler")
struct ZIPHandlerTests {
    static let members = [
        SyntheticZIP.Member(name: "readme.txt", data: sampleText("zip readme"), method: 8),
        SyntheticZIP.Member(name: "bin/update.bin", data: Array(0..<200).map { UInt8($0) }, method: 0),
        SyntheticZIP.Member(name: "docs/", data: [], method: 0),
    ]

    struct Variant: Sendable, CustomTestStringConvertible {
        var name: String
        var dataDescriptor: Bool
        var zip64: Bool
        var comment: String
        var testDescription: String { name }
    }

    static let variants = [
        Variant(name: "plain", dataDescriptor: false, zip64: false, comment: ""),
        Variant(name: "comment", dataDescriptor: false, zip64: false, comment: "an archive comment"),
        Variant(name: "data descriptors", dataDescriptor: true, zip64: false, comment: ""),
        Variant(name: "ZIP64 records and extra fields", dataDescriptor: false, zip64: true, comment: "64"),
        Variant(name: "ZIP64 with data descriptors", dataDescriptor: true, zip64: true, comment: ""),
    ]

    @Test("carves first local header to end of EOCD comment", arguments: variants)
    func exactExtent(variant: Variant) throws {
        let zip = SyntheticZIP.build(Self.members, comment: variant.comment, dataDescriptor: variant.dataDescriptor, zip64: variant.zip64)
        let data = SyntheticJPEG.minimal() + zip + Array("trailing junk PK".utf8)
        let start = SyntheticJPEG.minimal().count
        let extent = try #require(carve(ZIPHandler(), data, at: start))
        #expect(extent.range == start..<(start + zip.count))
        #expect(extent.confidence == .high)
        let parsed = ZIP.Archive(zip.span, localHeaderAt: 0)
        let archive = try #require(parsed)
        #expect(archive.entries.map(\.name) == ["readme.txt", "bin/update.bin", "docs/"])
        #expect(archive.isZip64 == variant.zip64)
    }

    @Test("expands stored and deflated members under zip:<name>", arguments: variants)
    func expansion(variant: Variant) {
        let zip = SyntheticZIP.build(Self.members, dataDescriptor: variant.dataDescriptor, zip64: variant.zip64)
        let expansion = expand(ZIPHandler(), zip)
        #expect(expansion.streams == [
            ExpandedStream(via: "zip:readme.txt", bytes: Self.members[0].data),
            ExpandedStream(via: "zip:bin/update.bin", bytes: Self.members[1].data),
        ])
        #expect(expansion.errors.isEmpty)
        #expect(expansion.limitHits.isEmpty)
    }

    @Test("a polyglot whose directory offsets count from the enclosing file is carved from its first local header")
    func polyglotOffsets() throws {
        let picture = SyntheticJPEG.minimal()
        let zip = SyntheticZIP.build(Self.members, offsetBase: picture.count)
        let data = picture + zip
        let extent = try #require(carve(ZIPHandler(), data, at: picture.count))
        #expect(extent.range == picture.count..<data.count)
        // Carved alone (as a nested scan sees it), the base lies before the payload.
        #expect(carve(ZIPHandler(), zip)?.range == 0..<zip.count)
        let expansion = expand(ZIPHandler(), zip)
        #expect(expansion.streams.map(\.via) == ["zip:readme.txt", "zip:bin/update.bin"])
        #expect(expansion.errors.isEmpty)
    }

    @Test("thousands of stray local headers without a directory cost no search and are not reported")
    func strayLocalHeaders() {
        // A valid-looking local header (stored, empty name "a") followed by a non-signature,
        // repeated: the walk stops at once for each, and no EOCD search runs.
        var header = SyntheticZIP.build([SyntheticZIP.Member(name: "a", data: [], method: 0)])
        header = Array(header.prefix(31)) + Array("xxxx".utf8)
        let data = Array([[UInt8]](repeating: header, count: 20_000).joined()) + [0x50, 0x4B, 0x05, 0x06] + [UInt8](repeating: 0, count: 18)
        let clock = ContinuousClock()
        let elapsed = clock.measure { #expect(carveAll(data).isEmpty) }
        #expect(elapsed < .seconds(5))
    }

    @Test("a member whose data does not match the directory's CRC-32 is unpacked with an error")
    func crcMismatch() throws {
        var zip = SyntheticZIP.build([SyntheticZIP.Member(name: "s.bin", data: Array(repeating: 7, count: 50), method: 0)])
        let dataOffset = 30 + 5
        zip[dataOffset + 10] = 8
        let expansion = expand(ZIPHandler(), zip)
        #expect(expansion.streams.first?.bytes.count == 50)
        #expect(expansion.errors == ["zip:s.bin: CRC-32 does not match the central directory"])
    }

    @Test("encrypted members are reported, not decrypted; unknown methods are errors")
    func encrypted() {
        let zip = SyntheticZIP.build([SyntheticZIP.Member(name: "secret.bin", data: sampleText("secret"), method: 0, encrypted: true)])
        #expect(carve(ZIPHandler(), zip)?.range == 0..<zip.count)
        let expansion = expand(ZIPHandler(), zip)
        #expect(expansion.streams.isEmpty)
        #expect(expansion.errors == ["zip:secret.bin: encrypted (method 0); not decrypted"])
    }

    struct Lie: Sendable, CustomTestStringConvertible {
        var name: String
        var patch: @Sendable (inout [UInt8], _ eocd: Int) -> Void
        var testDescription: String { name }
    }

    static let lies = [
        Lie(name: "central directory offset off by one") { zip, eocd in zip[eocd + 16] &+= 1 },
        Lie(name: "central directory size too small") { zip, eocd in zip[eocd + 12] &-= 1 },
        Lie(name: "entry count one more") { zip, eocd in zip[eocd + 10] &+= 1; zip[eocd + 8] &+= 1 },
        Lie(name: "a local header offset pointing elsewhere") { zip, eocd in
            let directory = Int(zip[eocd + 16]) | Int(zip[eocd + 17]) << 8
            zip[directory + 42] &+= 3
        },
        Lie(name: "a multi-disk archive") { zip, eocd in zip[eocd + 4] = 1 },
    ]

    @Test("lying directory records are rejected", arguments: lies)
    func lyingSizes(lie: Lie) {
        var zip = SyntheticZIP.build(Self.members)
        lie.patch(&zip, zip.count - 22)
        let parsed = ZIP.Archive(zip.span, localHeaderAt: 0)
        #expect(parsed == nil)
        // With no valid EOCD and entries that do not run to the end, nothing is reported.
        #expect(carve(ZIPHandler(), zip + [UInt8](repeating: 0x20, count: 40)) == nil)
    }

    @Test("an archive cut inside its members or directory is truncated", arguments: [0.3, 0.6, 0.95])
    func truncated(fraction: Double) throws {
        let zip = SyntheticZIP.build(Self.members, comment: "comment")
        let cut = Array(zip.prefix(Int(Double(zip.count) * fraction)))
        let extent = try #require(carve(ZIPHandler(), cut))
        #expect(extent.range == 0..<cut.count)
        #expect(extent.isTruncated)
        #expect(extent.confidence == .medium)
    }

    @Test("random bytes after PK\\3\\4 are never reported", arguments: 0..<3)
    func randomAfterMagic(seed: Int) {
        var generator = SeededGenerator(seed: UInt64(seed) + 900)
        var hits = 0
        for _ in 0..<2000 {
            let data = ZIP.localSignature + generator.bytes(300)
            if carve(ZIPHandler(), data) != nil { hits += 1 }
        }
        #expect(hits == 0)
    }

    @Test("a deflated bomb member stops at the output limit")
    func bomb() {
        let zip = SyntheticZIP.build([
            SyntheticZIP.Member(name: "zeros.bin", data: [UInt8](repeating: 0, count: 24 << 20)),
            SyntheticZIP.Member(name: "more-zeros.bin", data: [UInt8](repeating: 0, count: 24 << 20)),
        ])
        let expansion = expand(ZIPHandler(), zip, limits: ExpansionLimits(maxOutputBytes: 1 << 20, maxRatio: 1_000_000, maxStreams: 10))
        #expect(expansion.streams.map(\.bytes.count) == [1 << 20, 0])
        #expect(expansion.limitHits.map(\.limit) == ["max-output-bytes"])
        let few = expand(ZIPHandler(), SyntheticZIP.build(Self.members), limits: ExpansionLimits(maxStreams: 1))
        #expect(few.streams.map(\.via) == ["zip:readme.txt"])
        #expect(few.limitHits.map(\.limit) == ["max-streams"])
    }
}

@Suite("Archive corpus")
struct ArchiveCorpusTests {
    /// Files whose expected children come from unpacking an archive or compressed stream
    /// (children of encoded wrappers are checked by the corpus test through the scanner).
    static let expanding = Set(PayloadRegistry.handlers.filter { $0 is any ExpandingPayloadHandler }.map(\.type))
    static let withChildren = CorpusManifest.shared.files.filter { file in
        file.findings.contains { expanding.contains($0.type) && $0.children?.isEmpty == false }
    }

    @Test("the manifest's expected children lie in the named unpacked stream", arguments: withChildren)
    func children(file: CorpusManifest.File) throws {
        let bytes = try CorpusLocator.bytes(file.path)
        for parent in file.findings where Self.expanding.contains(parent.type) {
            let handler = try #require(PayloadRegistry.handlers.first { $0.type == parent.type } as? any ExpandingPayloadHandler)
            let expansion = expand(handler, Array(bytes[parent.offset..<(parent.offset + parent.length)]))
            for child in parent.children ?? [] {
                // Member names may repeat (two members of one name): the child is in one of them.
                let stream = try #require(expansion.streams.first { stream in
                    stream.via == child.via && stream.bytes.count >= child.offset + child.length
                        && SHA256Hex.of(Array(stream.bytes[child.offset..<(child.offset + child.length)])) == child.sha256
                }, "no stream \(child.via) holds the child")
                // The child's own handler claims exactly those bytes in the stream.
                let handler = try #require(PayloadRegistry.handlers.first { $0.type == child.type })
                let extent = carve(handler, stream.bytes, at: child.offset)
                #expect(extent?.range == child.offset..<(child.offset + child.length))
            }
        }
    }
}
