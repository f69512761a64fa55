import StegCarveBytes
@testable import StegCarveImages
import Testing
import TestSupport

/// JUMBF superboxes (ISO/IEC 19566-5) and their carriers: JPEG APP11 packets, PNG `caBX`.
@Suite("JUMBF and C2PA")
struct JUMBFTests {
    static let isoSuffix: [UInt8] = [0x00, 0x11, 0x00, 0x10, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71]

    static func box(_ type: String, _ content: [UInt8]) -> [UInt8] {
        var writer = ByteWriter(bigEndian: true)
        writer.u32(UInt32(8 + content.count))
        writer.append(type)
        writer.append(content)
        return writer.bytes
    }

    static func description(_ code: String, label: String?, toggles extra: UInt8 = 0, fields: [UInt8] = []) -> [UInt8] {
        var content = Array(code.utf8) + isoSuffix
        content.append((label == nil ? 0 : 0x02) | 0x01 | extra)
        if let label { content += Array(label.utf8) + [0] }
        return box("jumd", content + fields)
    }

    static func superbox(_ code: String, _ label: String?, _ children: [UInt8]...) -> [UInt8] {
        box("jumb", description(code, label: label) + children.flatMap { $0 })
    }

    /// A small C2PA manifest store: store → manifest → assertion store → a CBOR assertion.
    static func store(thumbnail: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3]) -> [UInt8] {
        let assertion = superbox("cbor", "c2pa.actions", box("cbor", [0xA0]))
        let embedded = superbox("bfdb", "c2pa.thumbnail.claim.jpeg", box("bfdb", [0] + Array("image/jpeg\0".utf8)), box("bidb", thumbnail))
        let manifest = superbox("c2ma", "urn:uuid:1", superbox("c2as", "c2pa.assertions", assertion, embedded), superbox("c2cl", "c2pa.claim", box("cbor", [0xA0])))
        return superbox("c2pa", "c2pa", manifest)
    }

    static func validate(_ bytes: [UInt8]) -> Result<JUMBF.Superbox.Summary, JUMBF.Problem> {
        JUMBF.Superbox.validate(bytes.span)
    }

    @Test("a C2PA manifest store parses, with its label and every box counted")
    func validStore() throws {
        let summary = try Self.validate(Self.store()).get()
        #expect(summary.isC2PA)
        #expect(summary.label == "c2pa")
        #expect(summary.type == "63327061" + "00110010800000aa00389b71")
        // store, manifest, assertion store, 2 assertions, claim: 6 superboxes with 6
        // descriptions, and the cbor, bfdb, bidb, cbor content boxes.
        #expect(summary.boxCount == 16)
    }

    @Test("description fields the toggles announce: ID, signature, private box; XLBox; LBox 0 last")
    func optionalFields() throws {
        let fields = [0, 0, 0, 7] + [UInt8](repeating: 0xAB, count: 32) + Self.box("c2sh", [1, 2, 3, 4])
        let described = Self.box("jumb", Self.description("json", label: "x", toggles: 0x04 | 0x08 | 0x10, fields: fields) + Self.box("json", Array("{}".utf8)))
        #expect(try Self.validate(described).get().label == "x")
        // XLBox: LBox 1 and a 64-bit length.
        var extended = ByteWriter(bigEndian: true)
        let inner = Self.description("json", label: nil) + [0, 0, 0, 0] + Array("json".utf8) + Array("{\"a\":1}".utf8)
        extended.u32(1)
        extended.append("jumb")
        extended.u64(UInt64(16 + inner.count))
        extended.append(inner)
        #expect(try Self.validate(extended.bytes).get().label == nil)
    }

    struct BrokenCase: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: [UInt8]
        var message: String
        var testDescription: String { name }
    }

    static let broken: [BrokenCase] = {
        let good = store()
        var overrun = good
        overrun[3] &+= 1  // the store declares one byte more than there is
        var shortLength = good
        shortLength.replaceSubrange(0..<4, with: [0, 0, 0, 5])
        var deep = box("json", [])
        for _ in 0..<20 { deep = superbox("json", "d", deep) }
        return [
            BrokenCase(name: "not a superbox", bytes: box("cbor", [0xA0]), message: "not a 'jumb' superbox"),
            BrokenCase(name: "declares more than it holds", bytes: overrun, message: "declares"),
            BrokenCase(name: "bytes after the superbox", bytes: good + [0], message: "follow the superbox"),
            BrokenCase(name: "length below the header", bytes: shortLength, message: "smaller than its header"),
            BrokenCase(name: "no description", bytes: box("jumb", box("json", [])), message: "not a 'jumd' description box"),
            BrokenCase(name: "empty superbox", bytes: box("jumb", []), message: "without a 'jumd'"),
            BrokenCase(name: "label without NUL", bytes: box("jumb", box("jumd", Array("json".utf8) + isoSuffix + [0x03] + Array("abc".utf8))), message: "terminating NUL"),
            BrokenCase(name: "bytes after the description's fields", bytes: box("jumb", description("json", label: "a", fields: [9, 9])), message: "after the fields"),
            BrokenCase(name: "signature announced, not held", bytes: box("jumb", description("json", label: "a", toggles: 0x08, fields: [1, 2])), message: "32-byte signature"),
            BrokenCase(name: "C2PA store with another label", bytes: superbox("c2pa", "evil", superbox("c2ma", "m")), message: "not 'c2pa'"),
            BrokenCase(name: "child box overruns its parent", bytes: box("jumb", description("json", label: "a") + [0, 0, 0, 99] + Array("json".utf8)), message: "declares 99 bytes"),
            BrokenCase(name: "nested deeper than the limit", bytes: deep, message: "nest deeper"),
            BrokenCase(name: "a thumbnail declared image/jpeg that is not one", bytes: store(thumbnail: [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1]), message: "image/jpeg does not start with its signature"),
            BrokenCase(name: "type not printable", bytes: box("jumb", description("json", label: "a") + [0, 0, 0, 8, 0, 1, 2, 3]), message: "not four printable"),
        ]
    }()

    @Test("structures that do not parse say where and why", arguments: broken)
    func brokenStructures(testCase: BrokenCase) throws {
        guard case .failure(let problem) = Self.validate(testCase.bytes) else {
            Issue.record("\(testCase.name) validated")
            return
        }
        #expect(problem.message.contains(testCase.message), "\(problem.message)")
    }

    // MARK: JPEG APP11 packets

    /// APP11 packets of `box` (contents cut into `size`-byte parts), with sequence numbers
    /// `sequences` (default 1…n) for box instance `instance`.
    static func packets(_ box: [UInt8], size: Int, instance: UInt16 = 1, sequences: [UInt32]? = nil, header: [UInt8]? = nil) -> [[UInt8]] {
        let head = Array(box[0..<8]), contents = Array(box[8...])
        let parts = stride(from: 0, to: contents.count, by: size).map { Array(contents[$0..<min(contents.count, $0 + size)]) }
        return parts.enumerated().map { index, part in
            var writer = ByteWriter(bigEndian: true)
            writer.append("JP")
            writer.u16(instance)
            writer.u32(sequences?[index] ?? UInt32(index + 1))
            writer.append(index > 0 ? (header ?? head) : head)
            writer.append(part)
            return SyntheticJPEG.segment(0xEB, writer.bytes)
        }
    }

    static func jpeg(_ segments: [[UInt8]]) -> [UInt8] {
        let minimal = SyntheticJPEG.minimal()
        return [0xFF, 0xD8] + segments.flatMap { $0 } + Array(minimal[2...])
    }

    @Test("packets in any file order are joined by sequence number into the box")
    func packetsJoined() throws {
        let store = Self.store(thumbnail: [0xFF, 0xD8, 0xFF] + [UInt8](repeating: 0x5A, count: 297))
        var segments = Self.packets(store, size: 100)
        segments.swapAt(0, 2)
        let bytes = Self.jpeg(segments)
        let layout = ContainerRegistry.layout(of: bytes.span)
        #expect(layout.anomalies.isEmpty, "\(layout.anomalies)")
        let stream = try #require(layout.joinedStreams.first)
        #expect(stream.name == "segment:APP11:JUMBF")
        #expect((stream.payloadPieces ?? []).flatMap { bytes[$0] } == store)
        #expect(layout.regions.filter { $0.name == "segment:APP11:JUMBF" }.allSatisfy { $0.payload.isEmpty })
        expectWellFormed(layout, count: bytes.count)
    }

    struct PacketLie: Sendable, CustomTestStringConvertible {
        var name: String
        var message: String
        var testDescription: String { name }
    }

    static let packetLies = [
        PacketLie(name: "repeated sequence number", message: "repeated or zero"),
        PacketLie(name: "sequence starts at 2", message: "missing"),
        PacketLie(name: "a later packet repeats another header", message: "different box header"),
        PacketLie(name: "a packet is missing", message: "packet 2 of 6 is missing"),
        PacketLie(name: "the last packet is missing", message: "declares"),
        PacketLie(name: "the joined jumb box has no description", message: "not a 'jumd' description box"),
        PacketLie(name: "segment too short for a packet header", message: "no complete packet header"),
    ]

    @Test("packets that do not join into a valid box are an anomaly", arguments: packetLies)
    func lyingPackets(lie: PacketLie) throws {
        let store = Self.store(thumbnail: [0xFF, 0xD8, 0xFF] + [UInt8](repeating: 0x5A, count: 297))
        var segments = Self.packets(store, size: 100)
        switch lie.name {
        case "repeated sequence number":
            segments = Self.packets(store, size: 100, sequences: (1...UInt32(segments.count)).map { $0 == 3 ? 2 : $0 })
        case "sequence starts at 2":
            segments = Self.packets(store, size: 100, sequences: Array(2...UInt32(segments.count + 1)))
        case "a later packet repeats another header": segments = Self.packets(store, size: 100, header: [0, 0, 0, 9] + Array("jumb".utf8))
        case "a packet is missing": segments.remove(at: 1)
        case "the last packet is missing": segments.removeLast()
        case "the joined jumb box has no description": segments = Self.packets(Self.box("jumb", Self.box("json", [UInt8](repeating: 0x20, count: 50))), size: 20)
        default: segments = [SyntheticJPEG.segment(0xEB, Array("JP".utf8) + [0, 1, 0, 0])]
        }
        let bytes = Self.jpeg(segments)
        let layout = ContainerRegistry.layout(of: bytes.span)
        let anomaly = try #require(layout.anomalies.first)
        #expect(anomaly.code == "jumbf-invalid")
        #expect(anomaly.message.contains(lie.message), "\(anomaly.message)")
        expectWellFormed(layout, count: bytes.count)
    }

    @Test("two box instances are joined and checked apart")
    func twoInstances() {
        let first = Self.store(), second = Self.superbox("json", "other", Self.box("json", Array("{}".utf8)))
        let bytes = Self.jpeg(Self.packets(first, size: 60, instance: 1) + Self.packets(second, size: 10, instance: 7))
        let layout = ContainerRegistry.layout(of: bytes.span)
        #expect(layout.anomalies.isEmpty, "\(layout.anomalies)")
        #expect(layout.joinedStreams.map { ($0.payloadPieces ?? []).flatMap { bytes[$0] } } == [first, second])
    }

    @Test("a JPEG XT box (not jumb) in APP11 packets is checked for its length only")
    func jpegXTBox() {
        let box = Self.box("LCHK", [UInt8](repeating: 7, count: 90))
        let good = Self.jpeg(Self.packets(box, size: 30))
        #expect(ContainerRegistry.layout(of: good.span).anomalies.isEmpty)
        var short = Self.packets(box, size: 30)
        short.removeLast()
        #expect(ContainerRegistry.layout(of: Self.jpeg(short).span).anomalies.map(\.code) == ["jumbf-invalid"])
    }

    // MARK: PNG caBX

    @Test("a caBX chunk must hold one JUMBF superbox", arguments: [true, false])
    func pngChunk(valid: Bool) {
        let data = valid ? Self.store() : Array("not a box at all".utf8)
        var bytes = SyntheticPNG.minimal()
        bytes.insert(contentsOf: SyntheticPNG.chunk("caBX", data), at: bytes.count - 12)
        let layout = ContainerRegistry.layout(of: bytes.span)
        #expect(layout.anomalies.map(\.code) == (valid ? [] : ["jumbf-invalid"]))
        #expect(layout.regions.contains { $0.name == "chunk:caBX" && $0.kind == .metadata })
    }
}
