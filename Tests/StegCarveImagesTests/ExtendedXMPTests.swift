import StegCarveBytes
@testable import StegCarveImages
import Testing
import TestSupport

/// Extended XMP (XMP Part 3, 1.1.3.1): pieces joined by GUID and offset, checked against
/// their full length, the MD5 GUID and the main XMP's `xmpNote:HasExtendedXMP`.
@Suite("Extended XMP")
struct ExtendedXMPTests {
    static let identifier = Array("http://ns.adobe.com/xmp/extension/\0".utf8)

    /// A packet of `count` deterministic text bytes.
    static func packet(_ count: Int) -> [UInt8] {
        Array("<x:xmpmeta xmlns:x='adobe:ns:meta/'>".utf8) + (0..<count).map { UInt8(0x41 + $0 % 26) }
    }

    /// The uppercase MD5 of `bytes`, by coreutils.
    static func guid(_ bytes: [UInt8]) -> String {
        ExternalDigest.hex(of: bytes, tool: "md5sum").uppercased()
    }

    /// One extension piece as it is written: (full length, offset, data).
    struct Piece {
        var fullLength: UInt32
        var offset: UInt32
        var data: [UInt8]
        var guid: String
    }

    /// `packet` cut into `size`-byte pieces.
    static func pieces(of packet: [UInt8], size: Int, guid: String) -> [Piece] {
        stride(from: 0, to: packet.count, by: size).map { start in
            Piece(fullLength: UInt32(packet.count), offset: UInt32(start), data: Array(packet[start..<min(packet.count, start + size)]), guid: guid)
        }
    }

    static func segment(_ piece: Piece) -> [UInt8] {
        var writer = ByteWriter(bigEndian: true)
        writer.append(identifier)
        writer.append(piece.guid)
        writer.u32(piece.fullLength)
        writer.u32(piece.offset)
        writer.append(piece.data)
        return SyntheticJPEG.segment(0xE1, writer.bytes)
    }

    /// A JPEG with a main XMP naming `named` (none when `nil`) and the pieces in the given order.
    static func jpeg(named: String?, pieces: [Piece]) -> [UInt8] {
        var main = Array("http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><rdf:Description".utf8)
        if let named { main += Array(" xmpNote:HasExtendedXMP=\"\(named)\"".utf8) }
        main += Array("/></x:xmpmeta>".utf8)
        let minimal = SyntheticJPEG.minimal()
        return [0xFF, 0xD8] + SyntheticJPEG.segment(0xE1, main) + pieces.flatMap(segment) + Array(minimal[2...])
    }

    static func joined(_ stream: ImageRegion, in bytes: [UInt8]) -> [UInt8] {
        (stream.payloadPieces ?? []).flatMap { bytes[$0] }
    }

    @Test("pieces in any order are joined by offset; the segments leave their bytes to the stream")
    func validAnyOrder() {
        let packet = Self.packet(1000)
        let guid = Self.guid(packet)
        var pieces = Self.pieces(of: packet, size: 300, guid: guid)
        pieces.swapAt(0, 2)
        let bytes = Self.jpeg(named: guid, pieces: pieces)
        let layout = ContainerRegistry.layout(of: bytes.span)
        #expect(layout.anomalies.isEmpty, "\(layout.anomalies)")
        #expect(layout.joinedStreams.count == 1)
        let stream = layout.joinedStreams[0]
        #expect(stream.name == "segment:APP1:ExtendedXMP" && stream.kind == .metadata)
        #expect(stream.payloadPieces?.count == 4)
        #expect(Self.joined(stream, in: bytes) == packet)
        let segments = layout.regions.filter { $0.name == "segment:APP1:ExtendedXMP" }
        #expect(segments.count == 4)
        #expect(segments.allSatisfy { $0.payload.isEmpty })
        expectWellFormed(layout, count: bytes.count)
    }

    struct LieCase: Sendable, CustomTestStringConvertible {
        var name: String
        var message: String
        var testDescription: String { name }
    }

    static let lies = [
        LieCase(name: "GUID is not the MD5", message: "not the GUID"),
        LieCase(name: "a piece is missing", message: "missing"),
        LieCase(name: "pieces overlap", message: "overlaps"),
        LieCase(name: "main XMP names another GUID", message: "not this GUID"),
        LieCase(name: "no main XMP names it", message: "no main XMP"),
        LieCase(name: "full lengths disagree", message: "disagree"),
        LieCase(name: "pieces hold less than the full length", message: "hold 900 of 1036"),
    ]

    @Test("a group that does not check out is an anomaly, and is still searched joined", arguments: lies)
    func lyingGroups(lie: LieCase) throws {
        let packet = Self.packet(1000)
        let guid = Self.guid(packet)
        var pieces = Self.pieces(of: packet, size: 300, guid: guid)
        var named: String? = guid
        switch lie.name {
        case "GUID is not the MD5":
            let fake = String(repeating: "AB", count: 16)
            pieces = pieces.map { var piece = $0; piece.guid = fake; return piece }
            named = fake
        case "a piece is missing": pieces.remove(at: 1)
        case "pieces overlap": pieces[1].offset -= 10
        case "main XMP names another GUID": named = String(repeating: "0", count: 32)
        case "no main XMP names it": named = nil
        case "full lengths disagree": pieces[2].fullLength += 1
        default: pieces.removeLast()
        }
        let bytes = Self.jpeg(named: named, pieces: pieces)
        let layout = ContainerRegistry.layout(of: bytes.span)
        let anomaly = try #require(layout.anomalies.first)
        #expect(layout.anomalies.count == 1)
        #expect(anomaly.code == "extended-xmp-invalid")
        #expect(anomaly.message.contains(lie.message), "\(anomaly.message)")
        #expect(layout.joinedStreams.count == 1)
        expectWellFormed(layout, count: bytes.count)
    }

    struct MalformedCase: Sendable, CustomTestStringConvertible {
        var name: String
        var payload: [UInt8]
        var message: String
        var testDescription: String { name }
    }

    static let malformed: [MalformedCase] = {
        let guid = Array(String(repeating: "A", count: 32).utf8)
        return [
            MalformedCase(name: "cut inside the header", payload: identifier + guid + [0, 0], message: "no complete header"),
            MalformedCase(name: "GUID not hex", payload: identifier + Array(String(repeating: "G", count: 32).utf8) + [0, 0, 0, 4, 0, 0, 0, 0, 1, 2, 3, 4], message: "not 32 hex digits"),
            MalformedCase(name: "piece past the full length", payload: identifier + guid + [0, 0, 0, 4, 0, 0, 0, 2, 1, 2, 3], message: "runs past the full length"),
            MalformedCase(name: "offset past the full length", payload: identifier + guid + [0, 0, 0, 4, 0xFF, 0xFF, 0xFF, 0xFF], message: "runs past the full length"),
        ]
    }()

    @Test("a malformed extension segment is an anomaly and searched on its own", arguments: malformed)
    func malformedSegments(testCase: MalformedCase) throws {
        let minimal = SyntheticJPEG.minimal()
        let bytes = [0xFF, 0xD8] + SyntheticJPEG.segment(0xE1, testCase.payload) + Array(minimal[2...])
        let layout = ContainerRegistry.layout(of: bytes.span)
        let anomaly = try #require(layout.anomalies.first)
        #expect(anomaly.code == "extended-xmp-invalid")
        #expect(anomaly.message.contains(testCase.message), "\(anomaly.message)")
        #expect(layout.joinedStreams.isEmpty)
        #expect(layout.regions.first { $0.name == "segment:APP1:ExtendedXMP" }?.payload.isEmpty == false)
    }

    @Test("two GUIDs: the one the main XMP names is fine, the other is an anomaly")
    func twoGroups() {
        let first = Self.packet(400), second = Self.packet(500)
        let guid = Self.guid(first)
        let bytes = Self.jpeg(named: guid, pieces: Self.pieces(of: first, size: 150, guid: guid) + Self.pieces(of: second, size: 150, guid: Self.guid(second)))
        let layout = ContainerRegistry.layout(of: bytes.span)
        #expect(layout.joinedStreams.count == 2)
        #expect(layout.anomalies.map(\.code) == ["extended-xmp-invalid"])
        #expect(layout.joinedStreams.map { Self.joined($0, in: bytes) } == [first, second])
    }
}
