import StegCarveBytes
@testable import StegCarveImages
import Testing
import TestSupport

/// AFCP, FotoStation and Photo Mechanic trailers after the EOI: declared regions when their
/// records verify, `declared-content-invalid` when they lie.
@Suite("JPEG end-of-file trailers")
struct EndTrailerTests {
    static let picture = SyntheticJPEG.minimal()

    static func iptc(_ record: UInt8, _ dataset: UInt8, _ value: [UInt8]) -> [UInt8] {
        [0x1C, record, dataset, UInt8(value.count >> 8), UInt8(value.count & 0xFF)] + value
    }

    static let caption = iptc(1, 90, [0x1B, 0x25, 0x47]) + iptc(2, 120, Array("a caption".utf8))
    static let thumbnail: [UInt8] = [0xFF, 0xD8, 0xFF, 0xDB, 0, 4, 0, 0, 0xFF, 0xD9]

    /// An AFCP trailer at absolute offset `start`.
    static func afcp(start: Int, _ entries: [(String, [UInt8])], bigEndian: Bool = true, endOffset: Int? = nil) -> [UInt8] {
        let signature = bigEndian ? "AXS!" : "AXS*"
        var writer = ByteWriter(bigEndian: bigEndian)
        writer.append(signature)
        writer.u16(1)
        writer.u16(UInt16(entries.count))
        writer.u32(0)
        var valueAt = start + 12 + 12 * entries.count
        for (tag, value) in entries {
            writer.append(tag)
            writer.u32(UInt32(value.count))
            writer.u32(UInt32(valueAt))
            valueAt += value.count
        }
        for (_, value) in entries { writer.append(value) }
        writer.append(signature)
        writer.u32(UInt32(endOffset ?? start))
        writer.u32(0)
        return writer.bytes
    }

    static func fotoStation(_ records: [(UInt16, [UInt8])]) -> [UInt8] {
        SyntheticTrailers.fotoStation(records.map { (tag: $0.0, data: $0.1) })
    }

    static func softEdit(validity: UInt32 = 0x1122_2211) -> [UInt8] {
        var writer = ByteWriter(bigEndian: true)
        for value: UInt32 in [160, 120, 3, 72000, 0, validity, 0, 0, 100_000, 100_000, 0, 0] { writer.u32(value) }
        return writer.bytes
    }

    static func photoMechanic(_ data: [UInt8], declared: Int? = nil) -> [UInt8] {
        var writer = ByteWriter(bigEndian: true)
        writer.append(data)
        writer.u32(UInt32(declared ?? data.count))
        writer.append("cbipcbbl")
        return writer.bytes
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var trailer: [UInt8]
        /// Declared region names, file order.
        var declared: [String]
        /// Expected anomaly message fragment, when the trailer lies.
        var lie: String?
        var testDescription: String { name }
    }

    static let cases: [Case] = {
        let start = picture.count
        let softEditPadded = iptc(2, 221, [0, 0, 0, 1]) + [UInt8](repeating: 0, count: 100)
        var shifted = afcp(start: start, [("IPTC", caption)])
        shifted[shifted.count - 5] &+= 1  // the end record points one byte past the header
        return [
            Case(name: "AFCP big-endian", trailer: afcp(start: start, [("IPTC", caption), ("Nail", [UInt8](repeating: 0, count: 18) + thumbnail), ("TEXT", Array("hi".utf8))]), declared: ["declared:afcp"]),
            Case(name: "AFCP little-endian", trailer: afcp(start: start, [("IPTC", caption)], bigEndian: false), declared: ["declared:afcp"]),
            Case(name: "FotoStation", trailer: fotoStation([(1, caption), (2, softEdit()), (3, thumbnail), (4, thumbnail)]), declared: ["declared:fotostation"]),
            Case(name: "Photo Mechanic", trailer: photoMechanic(softEditPadded), declared: ["declared:photo-mechanic"]),
            Case(name: "stacked: AFCP, FotoStation, Photo Mechanic",
                 trailer: afcp(start: start, [("IPTC", caption)]) + fotoStation([(1, caption)]) + photoMechanic(softEditPadded),
                 declared: ["declared:afcp", "declared:fotostation", "declared:photo-mechanic"]),
            // The header is found by its signature (as ExifTool does); offsets written for
            // another place must then all be off by the same amount.
            Case(name: "AFCP end record points one byte past the header", trailer: shifted, declared: [], lie: "directory entry 1 is not a tag with a value inside the trailer"),
            Case(name: "AFCP end record points before the picture's end", trailer: afcp(start: start, [("IPTC", caption)], endOffset: 2), declared: [], lie: "directory entry 1"),
            Case(name: "AFCP moved: every offset written for 100 bytes further on", trailer: afcp(start: start + 100, [("IPTC", caption), ("TEXT", Array("hi".utf8))]), declared: ["declared:afcp"]),
            Case(name: "AFCP header declares more entries than fit", trailer: Array("AXS!".utf8) + [0, 0, 0, 9, 0, 0, 0, 0] + Array("AXS!".utf8) + [0, 0, 0, 0, 0, 0, 0, 0], declared: [], lie: "directory entries"),
            Case(name: "AFCP end record without a header", trailer: Array("twelve bytes".utf8) + Array("AXS!".utf8) + [0, 0, 0, 0, 0, 0, 0, 0], declared: [], lie: "no AFCP header after the picture"),
            Case(name: "FotoStation: IPTC with FotoStation's record 240 and zero padding, an empty thumbnail record",
                 trailer: fotoStation([(1, caption + iptc(240, 10, Array("FotoWare".utf8)) + [0, 0, 0, 0]), (3, []), (4, thumbnail)]), declared: ["declared:fotostation"]),
            Case(name: "FotoStation: an empty record of an unknown tag", trailer: fotoStation([(7, [])]), declared: [], lie: "unknown record tag"),
            Case(name: "AFCP IPTC entry is not IPTC", trailer: afcp(start: start, [("IPTC", Array("\u{7F}ELF....".utf8))]), declared: [], lie: "not IPTC data sets"),
            Case(name: "AFCP thumbnail is not a JPEG", trailer: afcp(start: start, [("Nail", [UInt8](repeating: 7, count: 40))]), declared: [], lie: "holds no JPEG"),
            Case(name: "FotoStation preview is not a JPEG", trailer: fotoStation([(4, Array("MZ not a picture".utf8))]), declared: [], lie: "not a JPEG"),
            Case(name: "FotoStation soft edit without validity word", trailer: fotoStation([(2, softEdit(validity: 0))]), declared: [], lie: "validity word"),
            Case(name: "FotoStation unknown tag", trailer: fotoStation([(9, caption)]), declared: [], lie: "unknown record tag"),
            Case(name: "FotoStation record longer than the file", trailer: [0, 1, 0x7F, 0xFF, 0xFF, 0xFF, 0xA1, 0xB2, 0xC3, 0xD4], declared: [], lie: "more bytes than follow"),
            Case(name: "Photo Mechanic length past the picture", trailer: photoMechanic(caption, declared: 100_000), declared: [], lie: "more bytes than follow"),
            Case(name: "Photo Mechanic data is not IPTC", trailer: photoMechanic([0x7F, 0x45, 0x4C, 0x46, 2, 1, 1]), declared: [], lie: "not IPTC"),
            // The trailer on top verifies; the one under it lies: the top one stays declared.
            Case(name: "a valid trailer over a lying one", trailer: fotoStation([(9, caption)]) + photoMechanic(softEditPadded), declared: ["declared:photo-mechanic"], lie: "unknown record tag"),
        ]
    }()

    @Test("trailers verify by their own records, or are anomalies", arguments: cases)
    func trailers(testCase: Case) {
        let bytes = Self.picture + testCase.trailer
        let layout = ContainerRegistry.layout(of: bytes.span)
        #expect(layout.regions.filter { $0.kind == .declared }.map(\.name) == testCase.declared)
        if let lie = testCase.lie {
            #expect(layout.anomalies.map(\.code) == ["declared-content-invalid"])
            #expect(layout.anomalies.first?.message.contains(lie) == true, "\(layout.anomalies)")
            #expect(layout.overlay != nil)
        } else {
            #expect(layout.anomalies.isEmpty, "\(layout.anomalies)")
            #expect(layout.overlay == nil)
            #expect(layout.regions.last?.range.upperBound == bytes.count)
        }
        // (`expectWellFormed` wants the overlay last; here declared content follows it.)
        if testCase.lie == nil || testCase.declared.isEmpty {
            expectWellFormed(layout, count: bytes.count)
        }
    }

    @Test("bytes without a trailer signature stay plain overlay, with no anomaly")
    func noSignature() {
        let bytes = Self.picture + Array("just some bytes after the picture".utf8)
        let layout = ContainerRegistry.layout(of: bytes.span)
        #expect(layout.anomalies.isEmpty)
        #expect(layout.overlay?.range == Self.picture.count..<bytes.count)
    }

    struct IPTCCase: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: [UInt8]
        var padding: Bool
        var count: Int?
        var testDescription: String { name }
    }

    static let iptcCases = [
        IPTCCase(name: "two data sets", bytes: caption, padding: false, count: 2),
        IPTCCase(name: "extended length (2 length bytes)", bytes: [0x1C, 2, 202, 0x80, 0x02, 0x00, 0x03, 1, 2, 3], padding: false, count: 1),
        IPTCCase(name: "zero padding allowed", bytes: caption + [0, 0, 0], padding: true, count: 2),
        IPTCCase(name: "zero padding not allowed", bytes: caption + [0, 0, 0], padding: false, count: nil),
        IPTCCase(name: "non-zero after padding", bytes: caption + [0, 0, 1], padding: true, count: nil),
        IPTCCase(name: "length past the end", bytes: [0x1C, 2, 120, 0, 9, 1], padding: false, count: nil),
        IPTCCase(name: "record number 0", bytes: [0x1C, 0, 120, 0, 0], padding: false, count: nil),
        IPTCCase(name: "FotoStation's record 240", bytes: caption + [0x1C, 240, 10, 0, 1, 0x41], padding: false, count: 3),
        IPTCCase(name: "record number 10", bytes: [0x1C, 10, 120, 0, 0], padding: false, count: nil),
        IPTCCase(name: "extended length of 5 bytes", bytes: [0x1C, 2, 202, 0x80, 0x05, 0, 0, 0, 0, 0], padding: false, count: nil),
        IPTCCase(name: "empty", bytes: [], padding: true, count: nil),
    ]

    @Test("IPTC data sets tile their range", arguments: iptcCases)
    func iptcRecords(testCase: IPTCCase) {
        let count = IPTC.Records.count(in: testCase.bytes.span, range: 0..<testCase.bytes.count, allowingZeroPadding: testCase.padding)
        #expect(count == testCase.count)
    }
}
