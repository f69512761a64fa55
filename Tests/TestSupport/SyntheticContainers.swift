/// Builds GIF, BMP, RIFF/WebP, TIFF and ICO structures byte by byte for structure-parser
/// tests that need exact offsets. Pixel data is filler, not meant to decode.
public enum SyntheticGIF {
    /// `data` as sub-blocks of at most `size` bytes, then the zero-length terminator.
    public static func subBlocks(_ data: [UInt8], size: Int = 255) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(data.count + data.count / max(1, size) + 2)
        var index = 0
        while index < data.count {
            let end = min(data.count, index + size)
            out.append(UInt8(end - index))
            out.append(contentsOf: data[index..<end])
            index = end
        }
        out.append(0)
        return out
    }

    /// `GIF89a`, a logical screen descriptor and a global colour table of `2^colorBits` entries
    /// (none when `colorBits` is nil).
    public static func header(width: UInt16 = 4, height: UInt16 = 2, colorBits: Int? = 1, version: String = "GIF89a") -> [UInt8] {
        var w = ByteWriter()
        w.append(version)
        w.u16(width)
        w.u16(height)
        let packed: UInt8 = colorBits.map { 0x80 | 0x70 | UInt8($0 - 1) } ?? 0x70
        w.append([packed, 0, 0])
        if let colorBits { w.append([UInt8](repeating: 0x55, count: 3 << colorBits)) }
        return w.bytes
    }

    /// An image descriptor, optional local colour table, LZW minimum code size and data.
    public static func image(
        width: UInt16 = 4, height: UInt16 = 2, localColorBits: Int? = nil, interlaced: Bool = false,
        codeSize: UInt8 = 2, data: [UInt8] = [0x84, 0x1D, 0x81, 0x7A, 0x50]
    ) -> [UInt8] {
        var w = ByteWriter()
        w.u8(0x2C)
        w.u16(0)
        w.u16(0)
        w.u16(width)
        w.u16(height)
        var packed: UInt8 = interlaced ? 0x40 : 0
        if let bits = localColorBits { packed |= 0x80 | UInt8(bits - 1) }
        w.u8(packed)
        if let bits = localColorBits { w.append([UInt8](repeating: 0x33, count: 3 << bits)) }
        w.u8(codeSize)
        w.append(subBlocks(data))
        return w.bytes
    }

    /// An extension: introducer, label, the given blocks as sub-blocks, terminator.
    public static func extensionBlock(label: UInt8, blocks: [[UInt8]]) -> [UInt8] {
        var out: [UInt8] = [0x21, label]
        for block in blocks {
            out.append(UInt8(block.count))
            out += block
        }
        out.append(0)
        return out
    }

    /// A graphic control extension (GIF89a §23).
    public static let graphicControl: [UInt8] = extensionBlock(label: 0xF9, blocks: [[0x04, 0x0A, 0x00, 0x00]])

    /// A comment extension with `text` in sub-blocks of `size` bytes.
    public static func comment(_ text: [UInt8], size: Int = 255) -> [UInt8] {
        [0x21, 0xFE] + subBlocks(text, size: size)
    }

    /// An application extension: the 11-byte identifier block, then `data` in sub-blocks.
    public static func application(_ identifier: String, _ data: [UInt8]) -> [UInt8] {
        [0x21, 0xFF, 11] + Array(identifier.utf8) + subBlocks(data)
    }

    /// The NETSCAPE2.0 looping extension.
    public static let netscape: [UInt8] = application("NETSCAPE2.0", [0x01, 0x00, 0x00])

    /// An `XMP DataXMP` extension: the raw packet and the 258-byte magic trailer.
    public static func xmp(_ packet: [UInt8]) -> [UInt8] {
        [0x21, 0xFF, 11] + Array("XMP DataXMP".utf8) + packet + [0x01] + (0...255).reversed().map { UInt8($0) } + [0x00]
    }

    /// Header, the given blocks, one image, trailer.
    public static func minimal(blocks: [[UInt8]] = []) -> [UInt8] {
        header() + blocks.flatMap { $0 } + image() + [0x3B]
    }
}

/// Bitmaps with a chosen DIB header version and every field overridable.
public enum SyntheticBMP {
    /// Bytes per padded row.
    public static func stride(width: Int, bitCount: Int) -> Int {
        (width * bitCount + 31) / 32 * 4
    }

    /// `BITMAPFILEHEADER`, a DIB header of `headerSize` bytes (12, 40, 52, 56, 108, 124),
    /// separate masks for 40-byte `BI_BITFIELDS`, a palette, `gap`, pixels, then `profile`
    /// (V5: `bV5ProfileData` points at it, after `profileGap` bytes). Fields left nil are
    /// computed to be consistent.
    public static func file(
        width: Int32 = 3, height: Int32 = 2, bitCount: UInt16 = 24, headerSize: Int = 40, compression: UInt32 = 0,
        paletteEntries: Int? = nil, colorsUsed: UInt32 = 0, gap: [UInt8] = [], imageSize: UInt32? = nil,
        pixels: [UInt8]? = nil, fileSize: UInt32? = nil, offBits: UInt32? = nil,
        profile: [UInt8]? = nil, profileGap: [UInt8] = []
    ) -> [UInt8] {
        // Computed only when no pixels are given, so absurd dimensions can be declared.
        let pixelBytes = pixels ?? [UInt8](repeating: 0xA5, count: stride(width: Int(width), bitCount: Int(bitCount)) * Int(abs(height)))
        let entries = paletteEntries ?? (bitCount <= 8 ? 1 << Int(bitCount) : 0)
        let palette = [UInt8](repeating: 0x22, count: entries * (headerSize == 12 ? 3 : 4))
        let masks: [UInt8] = headerSize == 40 && compression == 3 ? [0, 0xF8, 0, 0, 0xE0, 0x07, 0, 0, 0x1F, 0, 0, 0] : []
        let headersEnd = 14 + headerSize + masks.count + palette.count
        let pixelOffset = Int(offBits ?? UInt32(headersEnd + gap.count))
        let profileOffset = pixelOffset + pixelBytes.count + profileGap.count

        var dib = ByteWriter()
        dib.u32(UInt32(headerSize))
        if headerSize == 12 {
            dib.u16(UInt16(truncatingIfNeeded: width))
            dib.u16(UInt16(truncatingIfNeeded: height))
            dib.u16(1)
            dib.u16(bitCount)
        } else {
            dib.u32(UInt32(bitPattern: width))
            dib.u32(UInt32(bitPattern: height))
            dib.u16(1)
            dib.u16(bitCount)
            dib.u32(compression)
            dib.u32(imageSize ?? UInt32(pixelBytes.count))
            dib.u32(2835)
            dib.u32(2835)
            dib.u32(colorsUsed)
            dib.u32(0)
            if headerSize >= 52 { dib.u32(0xFF0000); dib.u32(0xFF00); dib.u32(0xFF) }
            if headerSize >= 56 { dib.u32(0xFF00_0000) }
            if headerSize >= 108 {
                dib.u32(profile == nil ? 0x7352_4742 : 0x4D42_4544)  // 'sRGB' or 'MBED'
                dib.pad(to: 108)
            }
            if headerSize >= 124 {
                dib.u32(4)
                dib.u32(profile == nil ? 0 : UInt32(profileOffset - 14))
                dib.u32(UInt32(profile?.count ?? 0))
                dib.u32(0)
            }
        }
        var body = dib.bytes + masks + palette + gap
        if pixelOffset > 14 + body.count { body += [UInt8](repeating: 0, count: pixelOffset - 14 - body.count) }
        body = Array(body.prefix(max(0, pixelOffset - 14))) + pixelBytes
        if let profile { body += profileGap + profile }
        var file = ByteWriter()
        file.append("BM")
        file.u32(fileSize ?? UInt32(14 + body.count))
        file.u32(0)
        file.u32(UInt32(pixelOffset))
        return file.bytes + body
    }
}

/// RIFF/WebP files from chunks.
public enum SyntheticRIFF {
    /// A chunk: fourcc, little-endian size, data, pad byte when the size is odd.
    public static func chunk(_ fourCC: String, _ data: [UInt8]) -> [UInt8] {
        var w = ByteWriter()
        w.append(fourCC)
        w.u32(UInt32(data.count))
        w.append(data)
        if data.count % 2 == 1 { w.u8(0) }
        return w.bytes
    }

    /// `RIFF`, size (of what follows it, unless given), `WEBP`, chunks.
    public static func webp(_ chunks: [[UInt8]], riffSize: UInt32? = nil) -> [UInt8] {
        let body = chunks.flatMap { $0 }
        var w = ByteWriter()
        w.append("RIFF")
        w.u32(riffSize ?? UInt32(4 + body.count))
        w.append("WEBP")
        return w.bytes + body
    }

    /// A VP8 key frame chunk declaring `width`×`height` (RFC 6386 §9.1) with filler data.
    public static func vp8(width: UInt16, height: UInt16, filler: Int = 10) -> [UInt8] {
        var w = ByteWriter()
        w.append([0x50, 0x01, 0x00, 0x9D, 0x01, 0x2A])
        w.u16(width)
        w.u16(height)
        w.append([UInt8](repeating: 0x11, count: filler))
        return chunk("VP8 ", w.bytes)
    }

    /// A VP8L chunk declaring `width`×`height` and the alpha hint.
    public static func vp8l(width: Int, height: Int, alpha: Bool) -> [UInt8] {
        var w = ByteWriter()
        w.u8(0x2F)
        w.u32(UInt32(width - 1) | UInt32(height - 1) << 14 | (alpha ? 1 << 28 : 0))
        w.append([0x07, 0x07, 0x07])
        return chunk("VP8L", w.bytes)
    }

    /// A VP8X chunk with `flags` and the canvas size.
    public static func vp8x(width: Int, height: Int, flags: UInt8) -> [UInt8] {
        let w1 = width - 1, h1 = height - 1
        let data: [UInt8] = [flags, 0, 0, 0, UInt8(w1 & 0xFF), UInt8(w1 >> 8 & 0xFF), UInt8(w1 >> 16),
                             UInt8(h1 & 0xFF), UInt8(h1 >> 8 & 0xFF), UInt8(h1 >> 16)]
        return chunk("VP8X", data)
    }
}

/// TIFF and BigTIFF files laid out by the test: data and IFDs are appended where the test
/// wants them and offsets are patched in.
public struct SyntheticTIFF {
    /// One IFD entry; `value` is the inline value or the offset of the values.
    public struct Entry {
        public var tag: UInt16
        public var type: UInt16
        public var count: UInt64
        public var value: UInt64

        public init(tag: UInt16, type: UInt16, count: UInt64, value: UInt64) {
            self.tag = tag
            self.type = type
            self.count = count
            self.value = value
        }

        /// A SHORT value, stored inline.
        public static func short(_ tag: UInt16, _ value: UInt16) -> Entry { Entry(tag: tag, type: 3, count: 1, value: UInt64(value)) }
        /// A LONG value, stored inline.
        public static func long(_ tag: UInt16, _ value: UInt32) -> Entry { Entry(tag: tag, type: 4, count: 1, value: UInt64(value)) }
    }

    public private(set) var bytes: [UInt8]
    public let bigEndian: Bool
    public let isBig: Bool

    /// The header, with the first IFD offset 0 until ``setFirstIFD(_:)``.
    public init(bigEndian: Bool = false, isBig: Bool = false) {
        self.bigEndian = bigEndian
        self.isBig = isBig
        var w = ByteWriter(bigEndian: bigEndian)
        w.append(bigEndian ? "MM" : "II")
        if isBig {
            w.u16(43)
            w.u16(8)
            w.u16(0)
            w.u64(0)
        } else {
            w.u16(42)
            w.u32(0)
        }
        bytes = w.bytes
    }

    private var offsetSize: Int { isBig ? 8 : 4 }

    private func encode(_ value: UInt64, size: Int) -> [UInt8] {
        var w = ByteWriter(bigEndian: bigEndian)
        switch size {
        case 2: w.u16(UInt16(truncatingIfNeeded: value))
        case 4: w.u32(UInt32(truncatingIfNeeded: value))
        default: w.u64(value)
        }
        return w.bytes
    }

    public mutating func setFirstIFD(_ offset: Int) {
        let encoded = encode(UInt64(offset), size: offsetSize)
        bytes.replaceSubrange((isBig ? 8 : 4)..<((isBig ? 8 : 4) + offsetSize), with: encoded)
    }

    /// Appends raw bytes; returns their offset.
    @discardableResult
    public mutating func append(_ data: [UInt8]) -> Int {
        let offset = bytes.count
        bytes += data
        return offset
    }

    /// Integers of `size` bytes each, in the file's byte order.
    public func integers(_ values: [UInt64], size: Int) -> [UInt8] {
        values.flatMap { encode($0, size: size) }
    }

    /// Bytes an IFD with `entryCount` entries takes.
    public func ifdSize(entryCount: Int) -> Int {
        (isBig ? 8 : 2) + entryCount * (isBig ? 20 : 12) + offsetSize
    }

    /// Appends an IFD (entries as given, not sorted); returns its offset. A `value` that is
    /// an inline value is left-justified in the value field, as TIFF stores it.
    @discardableResult
    public mutating func appendIFD(_ entries: [Entry], next: Int = 0, declaredCount: Int? = nil) -> Int {
        let offset = bytes.count
        bytes += encode(UInt64(declaredCount ?? entries.count), size: isBig ? 8 : 2)
        for entry in entries {
            bytes += encode(UInt64(entry.tag), size: 2)
            bytes += encode(UInt64(entry.type), size: 2)
            bytes += encode(entry.count, size: offsetSize)
            let sizes: [UInt16: Int] = [1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 7: 1, 13: 4, 16: 8, 18: 8]
            let byteCount = Int(entry.count) * (sizes[entry.type] ?? 1)
            if byteCount <= offsetSize, let size = sizes[entry.type], size < offsetSize, entry.count == 1 {
                // Inline scalar: the value first, then zero padding.
                bytes += encode(entry.value, size: size) + [UInt8](repeating: 0, count: offsetSize - size)
            } else {
                bytes += encode(entry.value, size: offsetSize)
            }
        }
        bytes += encode(UInt64(next), size: offsetSize)
        return offset
    }
}

/// Icon and cursor files from PNG or DIB images.
public enum SyntheticICO {
    /// A 32-bit DIB entry: BITMAPINFOHEADER with doubled height, BGRA rows, 1-bit AND mask.
    public static func dib(width: Int = 2, height: Int = 2, extra: Int = 0) -> [UInt8] {
        var w = ByteWriter()
        w.u32(40)
        w.u32(UInt32(width))
        w.u32(UInt32(2 * height))
        w.u16(1)
        w.u16(32)
        w.u32(0)
        let xor = width * 4 * height
        let and = (width + 31) / 32 * 4 * height
        w.u32(UInt32(xor + and))
        w.pad(to: 40)
        w.append([UInt8](repeating: 0x7E, count: xor))
        w.append([UInt8](repeating: 0, count: and + extra))
        return w.bytes
    }

    /// ICONDIR (`type` 1 icon, 2 cursor) and one entry per image, images in order after it.
    /// `sizes`/`offsets` override the declared values per entry.
    public static func file(type: UInt16 = 1, images: [[UInt8]], sizes: [Int?]? = nil, offsets: [Int?]? = nil) -> [UInt8] {
        var w = ByteWriter()
        w.u16(0)
        w.u16(type)
        w.u16(UInt16(images.count))
        var offset = 6 + 16 * images.count
        for (index, image) in images.enumerated() {
            w.append([16, 16, 0, 0])
            w.u16(1)
            w.u16(32)
            w.u32(UInt32(sizes?[index] ?? image.count))
            w.u32(UInt32(offsets?[index] ?? offset))
            offset += image.count
        }
        return w.bytes + images.flatMap { $0 }
    }
}
