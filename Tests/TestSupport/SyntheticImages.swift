/// Builds JPEG and PNG container structures byte by byte, for structure-parser tests that
/// need exact offsets. JPEG pixel data inside is not meant to decode; PNG image data is a
/// valid zlib stream of the size IHDR implies unless a test says otherwise.
public enum SyntheticJPEG {
    /// A segment: `FF marker`, big-endian length (payload + 2), payload.
    public static func segment(_ marker: UInt8, _ payload: [UInt8]) -> [UInt8] {
        let length = payload.count + 2
        return [0xFF, marker, UInt8(length >> 8), UInt8(length & 0xFF)] + payload
    }

    /// SOI, APP0 JFIF, DQT, SOF0, DHT, SOS, entropy data (with a stuffed zero, a restart
    /// marker and fill bytes before EOI), EOI.
    public static func minimal(scanData: [UInt8] = [0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56]) -> [UInt8] {
        var bytes: [UInt8] = [0xFF, 0xD8]
        bytes += segment(0xE0, Array("JFIF\0".utf8) + [1, 1, 0, 0, 1, 0, 1, 0, 0])
        bytes += segment(0xDB, [0] + [UInt8](repeating: 1, count: 64))
        bytes += segment(0xC0, [8, 0, 16, 0, 16, 1, 1, 0x11, 0])
        bytes += segment(0xC4, [0] + [UInt8](repeating: 0, count: 15) + [1] + [0])
        bytes += segment(0xDA, [1, 1, 0, 0, 63, 0])
        bytes += scanData
        bytes += [0xFF, 0xFF, 0xD9]
        return bytes
    }
}

/// PNG chunks with correct CRCs, from an independent bitwise CRC-32.
public enum SyntheticPNG {
    public static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// A chunk: length, type, data, CRC over type and data.
    public static func chunk(_ type: String, _ data: [UInt8], corruptCRC: Bool = false) -> [UInt8] {
        var w = ByteWriter(bigEndian: true)
        w.u32(UInt32(data.count))
        let typeBytes = Array(type.utf8)
        w.append(typeBytes)
        w.append(data)
        let crc = crc32(typeBytes + data)
        w.u32(corruptCRC ? crc ^ 1 : crc)
        return w.bytes
    }

    /// An IHDR for an 8-bit RGB image.
    public static func header(width: UInt32 = 1, height: UInt32 = 1) -> [UInt8] {
        var w = ByteWriter(bigEndian: true)
        w.u32(width)
        w.u32(height)
        w.append([8, 2, 0, 0, 0])
        return chunk("IHDR", w.bytes)
    }

    /// The zlib stream of a black 8-bit RGB image: each scanline is filter byte 0 and
    /// `3 * width` zero bytes.
    public static func imageData(width: Int = 1, height: Int = 1) -> [UInt8] {
        Compressor.deflate([UInt8](repeating: 0, count: height * (1 + 3 * width)))
    }

    /// Signature, IHDR, one IDAT with the given bytes (by default a valid 1×1 image), IEND.
    public static func minimal(idat: [UInt8] = imageData()) -> [UInt8] {
        signature + header() + chunk("IDAT", idat) + chunk("IEND", [])
    }

    /// Bitwise CRC-32 (ISO 3309), deliberately unlike the table-driven code under test.
    public static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1
            }
        }
        return ~crc
    }
}

/// The smallest ICC profile header checks accept: the 128-byte header with its own size at
/// offset 0 and `acsp` at 36, plus an empty tag table.
public enum SyntheticICC {
    public static func profile() -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: 132)
        bytes[3] = 132
        bytes.replaceSubrange(36..<40, with: Array("acsp".utf8))
        return bytes
    }
}
