import StegCarve
import Testing
import TestSupport

/// Issue 19, "clean means clean": real, valid files that are not hiding anything get a clean
/// (or benign-extra) verdict, and the real contradictions next to them still do not.
@Suite("Clean verdicts on valid files")
struct CleanVerdictTests {
    private static func scan(_ bytes: [UInt8]) -> ScanReport {
        Scanner(configuration: ScanConfiguration(rules: nil)).scan(bytes: bytes)
    }

    // MARK: - Camera MPO files (CIPA DC-007)

    /// An APP2 `MPF\0` segment as a 3D camera writes it into each individual image: the first
    /// image's holds the MP Index IFD (MPFVersion, NumberOfImages, MPEntry) linked to its MP
    /// Attribute IFD; every other image's holds an MP Attribute IFD only.
    static func mpfSegment(bigEndian: Bool, entries: [(attribute: UInt32, size: UInt32, offset: UInt32)]?, individualNumber: UInt32) -> [UInt8] {
        var tiff = ByteWriter(bigEndian: bigEndian)
        tiff.append(bigEndian ? [0x4D, 0x4D, 0x00, 0x2A] : [0x49, 0x49, 0x2A, 0x00])
        tiff.u32(8)
        func field(_ tag: UInt16, _ type: UInt16, _ count: UInt32, _ value: UInt32) {
            tiff.u16(tag)
            tiff.u16(type)
            tiff.u32(count)
            tiff.u32(value)
        }
        // "0100" stored in the value field as bytes, whatever the byte order.
        func version() {
            tiff.u16(0xB000)
            tiff.u16(7)
            tiff.u32(4)
            tiff.append("0100")
        }
        func attributeIFD() {
            tiff.u16(2)
            version()
            field(0xB101, 4, 1, individualNumber)
            tiff.u32(0)
        }
        if let entries {
            let indexSize = 2 + 3 * 12 + 4
            let entryTable = 8 + indexSize
            let attributes = entryTable + 16 * entries.count
            tiff.u16(3)
            version()
            field(0xB001, 4, 1, UInt32(entries.count))
            field(0xB002, 7, UInt32(16 * entries.count), UInt32(entryTable))
            tiff.u32(UInt32(attributes))
            for entry in entries {
                tiff.u32(entry.attribute)
                tiff.u32(entry.size)
                tiff.u32(entry.offset)
                tiff.u16(0)
                tiff.u16(0)
            }
            #expect(tiff.bytes.count == attributes)
            attributeIFD()
        } else {
            attributeIFD()
        }
        return SyntheticJPEG.segment(0xE2, Array("MPF\0".utf8) + tiff.bytes)
    }

    /// A two-picture MPO laid out like a Fujifilm FinePix REAL 3D file: each picture carries
    /// its own MPF segment right after SOI; the first's entries point at both pictures.
    /// `secondOffsetAdjustment` moves the second entry's offset to make it lie.
    static func stereoMPO(bigEndian: Bool, secondOffsetAdjustment: Int = 0) throws -> [UInt8] {
        let left = try CorpusLocator.bytes("clean/jpeg-baseline.jpg")
        let right = try CorpusLocator.bytes("clean/jpeg-progressive.jpg")
        func insert(_ segment: [UInt8], into picture: [UInt8]) -> [UInt8] {
            Array(picture.prefix(2)) + segment + Array(picture.dropFirst(2))
        }
        let second = insert(mpfSegment(bigEndian: bigEndian, entries: nil, individualNumber: 2), into: right)
        let placeholder = mpfSegment(bigEndian: bigEndian, entries: [(0, 0, 0), (0, 0, 0)], individualNumber: 1)
        let firstSize = left.count + placeholder.count
        // Offsets count from the MP header: SOI (2), APP2 marker and length (4), "MPF\0" (4).
        let mpHeader = 2 + 4 + 4
        let entries: [(attribute: UInt32, size: UInt32, offset: UInt32)] = [
            (0x2002_0002, UInt32(firstSize), 0),
            (0x0002_0002, UInt32(second.count), UInt32(firstSize - mpHeader + secondOffsetAdjustment)),
        ]
        let first = insert(mpfSegment(bigEndian: bigEndian, entries: entries, individualNumber: 1), into: left)
        #expect(first.count == firstSize)
        return first + second
    }

    @Test("a 3D camera's MPO (an MPF segment in every picture, either byte order) is read, not an anomaly",
          arguments: [false, true])
    func cameraMPO(bigEndian: Bool) throws {
        let report = Self.scan(try Self.stereoMPO(bigEndian: bigEndian))
        #expect(report.anomalies.isEmpty, "\(report.anomalies)")
        #expect(report.pictures == 2)
        #expect(report.overlay == nil)
        #expect(report.verdict == .benignExtra, "\(report.reasons)")
        #expect(report.regions.contains { $0.name == "picture2/segment:APP2:MPF" })
    }

    @Test("an MP entry that does not point at an SOI, or points outside the file, is still an anomaly",
          arguments: [1, 1 << 24])
    func lyingMPEntry(adjustment: Int) throws {
        let report = Self.scan(try Self.stereoMPO(bigEndian: false, secondOffsetAdjustment: adjustment))
        #expect(report.anomalies.map(\.code) == ["mpf-entry-invalid"])
        #expect(report.verdict == .suspicious)
    }

    // MARK: - Trailing padding

    struct PaddingCase: Sendable, CustomTestStringConvertible {
        var name: String
        var tail: [UInt8]
        /// Whether the tail is padding (else an overlay).
        var padding: Bool
        var testDescription: String { name }
    }

    static let paddingCases = [
        PaddingCase(name: "one line feed", tail: [0x0A], padding: true),
        PaddingCase(name: "CR LF", tail: [0x0D, 0x0A], padding: true),
        PaddingCase(name: "spaces", tail: [0x20, 0x20, 0x0A], padding: true),
        PaddingCase(name: "tabs", tail: [0x09, 0x09, 0x09], padding: false),
        PaddingCase(name: "zeros to a 4 KiB block", tail: [UInt8](repeating: 0, count: 4096 - 37), padding: true),
        PaddingCase(name: "8 KiB of zeros", tail: [UInt8](repeating: 0, count: 8192), padding: true),
        PaddingCase(name: "more zeros than padding reaches", tail: [UInt8](repeating: 0, count: 8193), padding: false),
        PaddingCase(name: "a line feed before text", tail: Array("\nhidden".utf8), padding: false),
        PaddingCase(name: "zeros before a byte", tail: [0, 0, 0, 0, 1], padding: false),
        PaddingCase(name: "text before a line feed", tail: Array("x\n".utf8), padding: false),
    ]

    @Test("line endings, whitespace and zeros that end the file are padding; anything else is an overlay",
          arguments: ["clean/png-rgb.png", "clean/jpeg-baseline.jpg", "clean/gif-87a.gif"], paddingCases)
    func trailingPadding(picture: String, testCase: PaddingCase) throws {
        let original = try CorpusLocator.bytes(picture)
        let report = Self.scan(original + testCase.tail)
        let last = try #require(report.regions.last)
        if testCase.padding {
            #expect(last.kind == .padding)
            #expect(last.name == "padding")
            #expect(last.offset == original.count)
            #expect(last.length == testCase.tail.count)
            #expect(report.overlay?.explained == true)
            #expect(report.verdict == .clean, "\(report.reasons)")
            #expect(report.reasons.isEmpty)
        } else {
            #expect(last.kind == .overlay)
            #expect(!report.regions.contains { $0.kind == .padding })
            #expect(report.overlay?.offset == original.count)
            #expect(report.overlay?.length == testCase.tail.count)
            #expect(report.overlay?.explained == false)
            #expect(report.verdict == .suspicious)
        }
    }

    // MARK: - Writer padding in BMP files

    /// A 3×2 24-bit BMP whose pixel array (24 bytes) is followed by `extra`, counted in
    /// bfSize and, when `inImageSize`, in biSizeImage: NSIS's and older Photoshop's BMPs end
    /// with two zero bytes counted that way.
    static func paddedBMP(extra: [UInt8], inImageSize: Bool) -> [UInt8] {
        let base = SyntheticBMP.file(width: 3, height: 2, bitCount: 24)
        let pixels = [UInt8](repeating: 0x40, count: 24) + extra
        return SyntheticBMP.file(
            width: 3, height: 2, bitCount: 24, imageSize: inImageSize ? UInt32(pixels.count) : nil, pixels: pixels,
            fileSize: UInt32(base.count + extra.count))
    }

    @Test("a BMP writer's 1-3 zero bytes counted in bfSize (and biSizeImage) are part of the picture", arguments: [false, true])
    func bmpWriterPadding(inImageSize: Bool) {
        let report = Self.scan(Self.paddedBMP(extra: [0, 0], inImageSize: inImageSize))
        #expect(report.anomalies.isEmpty, "\(report.anomalies)")
        #expect(report.overlay == nil)
        #expect(report.verdict == .clean, "\(report.reasons)")
    }

    @Test("other bytes counted that way, or more of them, are still a mismatch")
    func bmpDeclaredTail() {
        let lying = Self.scan(Self.paddedBMP(extra: [0x4D, 0x5A], inImageSize: true))
        #expect(lying.anomalies.map(\.code) == ["image-size-mismatch", "bfsize-mismatch"])
        #expect(lying.verdict == .suspicious)
        let long = Self.scan(Self.paddedBMP(extra: [0, 0, 0, 0], inImageSize: false))
        #expect(long.anomalies.map(\.code).contains("bfsize-mismatch"))
        #expect(long.verdict == .suspicious)
    }

    @Test("an icon with several sizes is clean, not extra content")
    func multiSizeIcon() throws {
        let report = Self.scan(try CorpusLocator.bytes("clean/ico-bmp-png.ico"))
        #expect(report.pictures == 2)
        #expect(report.verdict == .clean, "\(report.reasons)")
    }

    // MARK: - Application trailers and ICC after SOF

    @Test("an ICC profile segment after the frame header, as libjpeg accepts it, is part of the picture")
    func iccAfterFrameHeader() throws {
        let source = try CorpusLocator.bytes("clean/jpeg-xmp-icc-com.jpg")
        let base = try CorpusLocator.bytes("clean/jpeg-baseline.jpg")
        let icc = try #require(Self.segment(0xE2, in: source))
        let frame = try #require(Self.segment(0xC0, in: base))
        let bytes = Array(base[..<frame.upperBound]) + Array(source[icc]) + Array(base[frame.upperBound...])
        let report = Self.scan(bytes)
        #expect(report.regions.map(\.name).firstIndex(of: "segment:APP2:ICC").map { $0 > (report.regions.map(\.name).firstIndex(of: "segment:SOF0") ?? .max) } == true)
        #expect(report.anomalies.isEmpty, "\(report.anomalies)")
        #expect(report.decode?.decodes == true)
        #expect(report.verdict == .clean, "\(report.reasons)")
    }

    /// The range of the first segment with `marker` before the first SOS.
    static func segment(_ marker: UInt8, in bytes: [UInt8]) -> Range<Int>? {
        var position = 2
        while bytes.count - position >= 4, bytes[position] == 0xFF, bytes[position + 1] != 0xDA {
            let end = position + 2 + (Int(bytes[position + 2]) << 8 | Int(bytes[position + 3]))
            if bytes[position + 1] == marker { return position..<end }
            position = end
        }
        return nil
    }

    @Test("a FotoStation trailer with FotoStation's IPTC record 240 and an empty record is declared content")
    func fotoStationTrailer() throws {
        let picture = try CorpusLocator.bytes("clean/jpeg-baseline.jpg")
        let iptc: [UInt8] = [0x1C, 2, 120, 0, 9] + Array("a caption".utf8) + [0x1C, 240, 10, 0, 8] + Array("FotoWare".utf8)
        let report = Self.scan(picture + SyntheticTrailers.fotoStation([(1, iptc), (3, [])]))
        #expect(report.regions.last?.name == "declared:fotostation")
        #expect(report.anomalies.isEmpty, "\(report.anomalies)")
        #expect(report.verdict == .benignExtra, "\(report.reasons)")
    }

    // MARK: - Valid pictures the decoder cannot handle

    /// An 8×8 gray 12-bit extended-sequential JPEG (SOF1, 16-bit quantisation table, one
    /// Huffman code per table): every block's DC difference and AC run are category 0 / EOB.
    static let twelveBitJPEG: [UInt8] = {
        var bytes: [UInt8] = [0xFF, 0xD8]
        bytes += SyntheticJPEG.segment(0xDB, [0x10] + [UInt8](repeating: 0, count: 64).flatMap { _ in [0, 1] })
        bytes += SyntheticJPEG.segment(0xC1, [12, 0, 8, 0, 8, 1, 1, 0x11, 0])
        bytes += SyntheticJPEG.segment(0xC4, [0x00, 1] + [UInt8](repeating: 0, count: 15) + [0])
        bytes += SyntheticJPEG.segment(0xC4, [0x10, 1] + [UInt8](repeating: 0, count: 15) + [0])
        bytes += SyntheticJPEG.segment(0xDA, [1, 1, 0x00, 0, 63, 0])
        bytes += [0x3F, 0xFF, 0xD9]
        return bytes
    }()

    @Test("a valid 12-bit JPEG that this libjpeg build cannot decode is unsupported, not damaged")
    func twelveBitJPEG() {
        let report = Self.scan(Self.twelveBitJPEG)
        #expect(report.header?.bitsPerSample == 12)
        #expect(report.anomalies.isEmpty, "\(report.anomalies)")
        // libjpeg-turbo before 3.0 has no 12-bit API: no decode status, as for other
        // pictures this build does not decode.
        #expect(report.decode == nil)
        #expect(report.verdict == .clean, "\(report.reasons)")
    }

    @Test("a JPEG declaring a precision T.81 does not define still does not decode")
    func invalidPrecisionJPEG() throws {
        var bytes = Self.twelveBitJPEG
        let frame = try #require(Self.segment(0xC1, in: bytes))
        bytes[frame.lowerBound + 4] = 9
        let report = Self.scan(bytes)
        #expect(report.decode?.decodes == false)
        #expect(report.verdict == .suspicious)
    }
}
