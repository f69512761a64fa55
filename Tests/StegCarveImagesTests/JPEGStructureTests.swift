import StegCarveBytes
@testable import StegCarveImages
import Testing
import TestSupport

@Suite("JPEG structure")
struct JPEGStructureTests {
    private func layout(_ bytes: [UInt8], limits: StructureLimits = StructureLimits()) -> ImageLayout {
        ContainerRegistry.layout(of: bytes.span, limits: limits)
    }

    @Test("walks segments, entropy data with stuffing/RST/fill bytes, and stops at EOI")
    func minimalStructure() {
        let jpeg = SyntheticJPEG.minimal()
        let result = layout(jpeg + Array("TRAILER".utf8))
        #expect(result.format == .jpeg)
        #expect(result.imageEnd == jpeg.count)
        #expect(result.anomalies.isEmpty)
        #expect(result.regions.map(\.name) == ["SOI", "segment:APP0:JFIF", "segment:DQT", "segment:SOF0", "segment:DHT", "segment:SOS", "scan1", "EOI", "overlay"])
        #expect(result.overlay?.range == jpeg.count..<(jpeg.count + 7))
        let scan = result.regions.first { $0.name == "scan1" }
        // The entropy data runs to the fill byte before EOI (FF FF D9): the first FF is fill.
        #expect(scan?.range.count == 8)
        // Regions tile the file.
        var cursor = 0
        for region in result.regions {
            #expect(region.range.lowerBound == cursor)
            cursor = region.range.upperBound
        }
        #expect(cursor == jpeg.count + 7)
    }

    @Test("progressive files: tables and several scans between SOS segments")
    func severalScans() {
        var bytes = SyntheticJPEG.minimal()
        bytes.removeLast(3)  // FF FF D9
        bytes += SyntheticJPEG.segment(0xC4, [0x10] + [UInt8](repeating: 0, count: 15) + [1, 0])
        bytes += SyntheticJPEG.segment(0xDA, [1, 1, 0, 1, 63, 0])
        bytes += [0x01, 0xFF, 0x00, 0x02]
        bytes += SyntheticJPEG.segment(0xDA, [1, 1, 0, 1, 63, 0x10])
        bytes += [0x03, 0xFF, 0xD7, 0x04]
        bytes += [0xFF, 0xD9]
        let result = layout(bytes)
        #expect(result.imageEnd == bytes.count)
        #expect(result.regions.filter { $0.kind == .imageData }.count == 3)
        #expect(result.overlay == nil)
    }

    struct FrameCase: Sendable, CustomTestStringConvertible {
        var marker: UInt8
        var precision: UInt8
        var coding: String
        var arithmetic: Bool
        var testDescription: String { "SOF\(marker - 0xC0) P=\(precision)" }
    }

    static let frames = [
        FrameCase(marker: 0xC0, precision: 8, coding: "baseline", arithmetic: false),
        FrameCase(marker: 0xC1, precision: 12, coding: "extended", arithmetic: false),
        FrameCase(marker: 0xC2, precision: 12, coding: "progressive", arithmetic: false),
        FrameCase(marker: 0xC3, precision: 16, coding: "lossless", arithmetic: false),
        FrameCase(marker: 0xC5, precision: 8, coding: "hierarchical", arithmetic: false),
        FrameCase(marker: 0xC9, precision: 12, coding: "extended", arithmetic: true),
        FrameCase(marker: 0xCA, precision: 8, coding: "progressive", arithmetic: true),
        FrameCase(marker: 0xCB, precision: 8, coding: "lossless", arithmetic: true),
    ]

    @Test("every frame type, 12-bit precision and arithmetic coding (DAC) walk the same way", arguments: frames)
    func frameTypes(frame: FrameCase) throws {
        var bytes: [UInt8] = [0xFF, 0xD8]
        bytes += SyntheticJPEG.segment(0xDD, [0, 4])  // DRI before the frame header
        bytes += SyntheticJPEG.segment(frame.marker, [frame.precision, 0, 16, 0, 24, 1, 1, 0x11, 0])
        if frame.arithmetic { bytes += SyntheticJPEG.segment(0xCC, [0x00, 0x10]) }
        bytes += SyntheticJPEG.segment(0xDA, [1, 1, 0, 0, 63, 0])
        bytes += [0x55, 0xFF, 0x00, 0xFF, 0xD0, 0x66, 0xFF, 0xD9]
        let result = layout(bytes + [0x00])
        #expect(result.anomalies.isEmpty)
        #expect(result.imageEnd == bytes.count)
        let header = try #require(result.header)
        #expect(header.coding == frame.coding)
        #expect(header.arithmeticCoding == frame.arithmetic)
        #expect(header.bitsPerSample == Int(frame.precision))
        #expect(header.width == 24 && header.height == 16)
    }

    @Test("an ICC profile split over APP2 segments is joined and checked; a broken one is an anomaly")
    func iccProfiles() {
        var profile = [UInt8](repeating: 0, count: 300)
        profile.replaceSubrange(0..<4, with: [0, 0, 1, 44])  // declared size 300
        profile.replaceSubrange(36..<40, with: Array("acsp".utf8))
        func file(_ pieces: [(UInt8, UInt8, ArraySlice<UInt8>)]) -> [UInt8] {
            var bytes: [UInt8] = [0xFF, 0xD8]
            for (sequence, count, data) in pieces {
                bytes += SyntheticJPEG.segment(0xE2, Array("ICC_PROFILE\0".utf8) + [sequence, count] + data)
            }
            return bytes + [0xFF, 0xD9]
        }
        // In order or not, two pieces form the profile.
        #expect(layout(file([(2, 2, profile[100...]), (1, 2, profile[..<100])])).anomalies.isEmpty)
        #expect(layout(file([(1, 1, profile[...])])).anomalies.isEmpty)
        let missing = layout(file([(1, 2, profile[..<100])]))
        #expect(missing.anomalies.map(\.code) == ["icc-invalid"])
        var noSignature = profile
        noSignature[36] = 0x41
        #expect(layout(file([(1, 1, noSignature[...])])).anomalies.first?.message.contains("acsp") == true)
        #expect(layout(file([(1, 1, profile[..<250])])).anomalies.first?.message.contains("declares 300 bytes but holds 250") == true)
    }

    @Test("motion-photo declarations with absurd lengths are rejected without overflow", arguments: [
        "Item:Length='9223372036854775807' Item:Padding='9223372036854775807'",
        "Item:Length='9223372036854775807' Item:Padding='0'",
        "Item:Length='5' Item:Padding='9223372036854775807'",
        "Item:Length='-5' Item:Padding='0'",
    ])
    func lyingMotionPhoto(attributes: String) {
        let xmp = "http://ns.adobe.com/xap/1.0/\0<rdf:Description><Container:Directory><rdf:Seq>"
            + "<rdf:li><Container:Item Item:Mime='image/jpeg' Item:Semantic='Primary' Item:Length='0'/></rdf:li>"
            + "<rdf:li><Container:Item Item:Mime='video/mp4' Item:Semantic='MotionPhoto' \(attributes)/></rdf:li>"
            + "</rdf:Seq></Container:Directory><GCamera:MicroVideoOffset>9223372036854775807</GCamera:MicroVideoOffset></rdf:Description>"
        let jpeg: [UInt8] = [0xFF, 0xD8] + SyntheticJPEG.segment(0xE1, Array(xmp.utf8)) + [0xFF, 0xD9]
        let result = layout(jpeg + Array("not a video at all".utf8))
        #expect(result.regions.allSatisfy { $0.kind != .declared })
        #expect(result.overlay?.range.count == 18)
    }

    @Test("identifies application segments by their identifier")
    func segmentIdentities() {
        var bytes: [UInt8] = [0xFF, 0xD8]
        bytes += SyntheticJPEG.segment(0xE1, Array("Exif\0\0".utf8) + [0x49, 0x49, 0x2A, 0, 8, 0, 0, 0])
        bytes += SyntheticJPEG.segment(0xE1, Array("http://ns.adobe.com/xap/1.0/\0<x:xmpmeta/>".utf8))
        bytes += SyntheticJPEG.segment(0xE2, Array("ICC_PROFILE\0".utf8) + [1, 1])
        bytes += SyntheticJPEG.segment(0xED, Array("Photoshop 3.0\0".utf8))
        bytes += SyntheticJPEG.segment(0xEE, Array("Adobe".utf8) + [0, 100, 0, 0, 0, 0, 1])
        bytes += SyntheticJPEG.segment(0xEF, Array("whatever".utf8))
        bytes += SyntheticJPEG.segment(0xFE, Array("a comment".utf8))
        bytes += [0xFF, 0xD9]
        let names = layout(bytes).regions.map(\.name)
        #expect(names == ["SOI", "segment:APP1:Exif", "segment:APP1:XMP", "segment:APP2:ICC", "segment:APP13:Photoshop", "segment:APP14:Adobe", "segment:APP15", "segment:COM", "EOI"])
        #expect(layout(bytes).regions.filter { $0.kind == .metadata }.count == 7)
    }

    @Test("segment payload excludes the marker and length")
    func segmentPayload() {
        let bytes: [UInt8] = [0xFF, 0xD8] + SyntheticJPEG.segment(0xFE, [1, 2, 3]) + [0xFF, 0xD9]
        let comment = layout(bytes).regions.first { $0.name == "segment:COM" }
        #expect(comment?.range == 2..<9)
        #expect(comment?.payload == 6..<9)
    }

    @Test("truncated files and lying lengths end with anomalies, never past the input")
    func truncation() {
        let jpeg = SyntheticJPEG.minimal()
        for length in 3..<jpeg.count {
            let result = layout(Array(jpeg.prefix(length)))
            #expect(result.imageEnd ?? 0 <= length)
            #expect(result.regions.allSatisfy { $0.range.upperBound <= length && $0.payload.upperBound <= length })
            #expect(!result.anomalies.isEmpty, "prefix of \(length) bytes has no anomaly")
        }
        let lying: [UInt8] = [0xFF, 0xD8, 0xFF, 0xFE, 0xFF, 0xF0, 1, 2, 3]
        let result = layout(lying)
        #expect(result.anomalies.map(\.code) == ["truncated-segment"])
        #expect(result.imageEnd == lying.count)
        let short: [UInt8] = [0xFF, 0xD8, 0xFF, 0xFE, 0x00, 0x01, 0xFF, 0xD9]
        #expect(layout(short).anomalies.first?.code == "invalid-segment-length")
    }

    @Test("garbage between segments becomes a gap region")
    func garbageBetweenSegments() {
        let bytes: [UInt8] = [0xFF, 0xD8] + SyntheticJPEG.segment(0xFE, [1]) + Array("junk".utf8) + SyntheticJPEG.segment(0xFE, [1]) + [0xFF, 0xD9]
        let result = layout(bytes)
        #expect(result.regions.map(\.name) == ["SOI", "segment:COM", "gap", "segment:COM", "EOI"])
        #expect(result.regions[2].range == 7..<11)
        #expect(result.anomalies.map(\.code) == ["garbage-between-segments"])
    }

    @Test("the region limit stops parsing, is reported, and the rest stays scannable")
    func regionLimit() {
        var bytes: [UInt8] = [0xFF, 0xD8]
        for _ in 0..<1000 { bytes += SyntheticJPEG.segment(0xFE, [0]) }
        bytes += [0xFF, 0xD9]
        let result = layout(bytes, limits: StructureLimits(maxRegions: 100))
        #expect(result.limitHits.map(\.limit) == ["max-regions"])
        #expect(result.regions.count == 101)
        #expect(result.regions.last?.name == "unparsed")
        #expect(result.regions.last?.range.upperBound == bytes.count)
        #expect(result.imageEnd == nil)
    }

    @Test("200,000 segments parse quickly within the default limit")
    func manySegments() {
        var bytes: [UInt8] = [0xFF, 0xD8]
        bytes.reserveCapacity(200_000 * 5 + 4)
        for _ in 0..<200_000 { bytes += [0xFF, 0xFE, 0x00, 0x03, 0x00] }
        bytes += [0xFF, 0xD9]
        let result = layout(bytes)
        #expect(result.limitHits.map(\.limit) == ["max-regions"])
        #expect(result.regions.last?.range.upperBound == bytes.count)
    }

    @Test("an MPF index makes the following pictures part of the image")
    func multiPicture() {
        let second = SyntheticJPEG.minimal()
        // MPF APP2: TIFF header (big-endian), IFD with NumberOfImages and MPEntry.
        func mpfSegment(firstSize: Int, secondOffset: Int) -> [UInt8] {
            var w = ByteWriter(bigEndian: true)
            w.append("MPF\0")
            w.append([0x4D, 0x4D, 0x00, 0x2A])
            w.u32(8)
            w.u16(2)
            w.u16(0xB001); w.u16(4); w.u32(1); w.u32(2)
            w.u16(0xB002); w.u16(7); w.u32(32); w.u32(8 + 2 + 24 + 4)
            w.u32(0)
            w.u32(0x2003_0000); w.u32(UInt32(firstSize)); w.u32(0); w.u32(0)
            w.u32(0x0002_0002); w.u32(UInt32(second.count)); w.u32(UInt32(secondOffset)); w.u32(0)
            return SyntheticJPEG.segment(0xE2, w.bytes)
        }
        let base = SyntheticJPEG.minimal()
        let placeholder = mpfSegment(firstSize: 0, secondOffset: 0)
        let firstSize = base.count + placeholder.count
        // Offsets count from the MP header: SOI(2) + APP2 marker/length(4) + "MPF\0"(4).
        let mpHeader = 2 + 4 + 4
        var first = Array(base.prefix(2)) + mpfSegment(firstSize: firstSize, secondOffset: firstSize - mpHeader) + Array(base.dropFirst(2))
        #expect(first.count == firstSize)
        let file = first + second + [0x7F, 0x45]
        let result = layout(file)
        #expect(result.pictureCount == 2)
        #expect(result.imageEnd == first.count + second.count)
        #expect(result.overlay?.range.count == 2)
        #expect(result.anomalies.isEmpty)
        #expect(result.regions.contains { $0.name == "picture2/scan1" })

        // A lying entry that does not land on SOI is an anomaly and the bytes stay overlay.
        first = Array(base.prefix(2)) + mpfSegment(firstSize: firstSize, secondOffset: firstSize - mpHeader + 1) + Array(base.dropFirst(2))
        let lying = layout(first + second)
        #expect(lying.pictureCount == 1)
        #expect(lying.anomalies.map(\.code) == ["mpf-entry-invalid"])
        #expect(lying.overlay?.range == first.count..<(first.count + second.count))
    }

    @Test("content decides the format, not a file name; unknown bytes are one raw region")
    func detection() {
        #expect(layout([0xFF, 0xD8, 0xFF, 0xD9]).format == .jpeg)
        let unknown = layout(Array("FORM0000AIFF: no image decoder".utf8))
        #expect(unknown.format == .unknown)
        #expect(unknown.regions.map(\.kind) == [.raw])
        #expect(layout([]).regions.isEmpty)
    }
}
