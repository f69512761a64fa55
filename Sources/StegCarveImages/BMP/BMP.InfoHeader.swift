import StegCarveBytes
import StegCarveModel

/// Namespace for the Windows and OS/2 bitmap formats (Microsoft "Bitmap Storage",
/// `BITMAPFILEHEADER`, `BITMAPCOREHEADER` … `BITMAPV5HEADER`).
package enum BMP {}

extension BMP {
    /// The DIB header fields that decide the layout (wingdi.h `BITMAP*HEADER`).
    package struct InfoHeader: Sendable, Equatable {
        /// `biSize`: 12 (core), 16/64 (OS/2 2.x), 40 (info), 52 (V2), 56 (V3), 108 (V4), 124 (V5).
        package var size: Int
        package var width: Int
        /// `biHeight`; negative for top-down rows.
        package var height: Int
        package var planes: Int
        package var bitCount: Int
        /// `biCompression` (`BI_RGB` 0, `BI_RLE8` 1, `BI_RLE4` 2, `BI_BITFIELDS` 3, `BI_JPEG` 4,
        /// `BI_PNG` 5, `BI_ALPHABITFIELDS` 6, CMYK variants 11–13).
        package var compression: UInt32
        /// `biSizeImage`.
        package var imageSize: Int
        /// `biClrUsed`.
        package var colorsUsed: Int
        /// `bV3AlphaMask` and later (0 when absent).
        package var alphaMask: UInt32
        /// `bV4CSType` (V4 and V5).
        package var colorSpaceType: UInt32?
        /// `bV5ProfileData`: offset of the profile from the start of this header.
        package var profileData: Int?
        /// `bV5ProfileSize`.
        package var profileSize: Int?

        /// Header sizes this parser knows.
        package static let knownSizes: Set<Int> = [12, 16, 40, 52, 56, 64, 108, 124]
        /// `PROFILE_EMBEDDED` ('MBED') and `PROFILE_LINKED` ('LINK').
        package static let profileEmbedded: UInt32 = 0x4D42_4544
        package static let profileLinked: UInt32 = 0x4C49_4E4B

        /// Reads the header at `offset`; `nil` when its size is unknown or it is truncated.
        package init?(bytes: Span<UInt8>, at offset: Int) {
            guard let rawSize = bytes.uint32(at: offset, .little), let size = Int(field: rawSize),
                  Self.knownSizes.contains(size), bytes.contains(offset: offset, length: size) else { return nil }
            self.size = size
            alphaMask = 0
            if size == 12 {
                width = Int(bytes.uint16(at: offset + 4, .little) ?? 0)
                height = Int(bytes.uint16(at: offset + 6, .little) ?? 0)
                planes = Int(bytes.uint16(at: offset + 8, .little) ?? 0)
                bitCount = Int(bytes.uint16(at: offset + 10, .little) ?? 0)
                compression = 0
                imageSize = 0
                colorsUsed = 0
                return
            }
            width = Int(Int32(bitPattern: bytes.uint32(at: offset + 4, .little) ?? 0))
            height = Int(Int32(bitPattern: bytes.uint32(at: offset + 8, .little) ?? 0))
            planes = Int(bytes.uint16(at: offset + 12, .little) ?? 0)
            bitCount = Int(bytes.uint16(at: offset + 14, .little) ?? 0)
            guard size >= 40 else {
                compression = 0
                imageSize = 0
                colorsUsed = 0
                return
            }
            compression = bytes.uint32(at: offset + 16, .little) ?? 0
            imageSize = Int(bytes.uint32(at: offset + 20, .little) ?? 0)
            colorsUsed = Int(bytes.uint32(at: offset + 32, .little) ?? 0)
            if size >= 56, size != 64 { alphaMask = bytes.uint32(at: offset + 52, .little) ?? 0 }
            if size >= 108 { colorSpaceType = bytes.uint32(at: offset + 56, .little) }
            if size >= 124 {
                profileData = Int(bytes.uint32(at: offset + 112, .little) ?? 0)
                profileSize = Int(bytes.uint32(at: offset + 116, .little) ?? 0)
            }
        }

        /// Region name: `dib-header:BITMAPINFOHEADER` and so on.
        package var name: String {
            switch size {
            case 12: return "BITMAPCOREHEADER"
            case 16, 64: return "OS22XBITMAPHEADER"
            case 40: return "BITMAPINFOHEADER"
            case 52: return "BITMAPV2INFOHEADER"
            case 56: return "BITMAPV3INFOHEADER"
            case 108: return "BITMAPV4HEADER"
            default: return "BITMAPV5HEADER"
            }
        }

        /// Bytes of the `BI_BITFIELDS` masks stored after a 40-byte header (V2+ hold them inside).
        package var separateMaskBytes: Int {
            guard size == 40 else { return 0 }
            switch compression {
            case 3: return 12
            case 6: return 16
            default: return 0
            }
        }

        /// Bytes per colour-table entry: `RGBTRIPLE` for the core header, `RGBQUAD` otherwise.
        package var paletteEntrySize: Int { size == 12 ? 3 : 4 }

        /// Colour-table entries: `biClrUsed`, or `2^bitCount` for indexed pixels.
        package var paletteEntries: Int {
            if colorsUsed > 0 { return colorsUsed }
            return (1...8).contains(bitCount) ? 1 << bitCount : 0
        }

        /// Whether the rows are stored uncompressed, so their extent follows from the dimensions.
        package var isUncompressed: Bool { [0, 3, 6, 11].contains(compression) }

        /// Bytes of the uncompressed pixel array: rows padded to 4 bytes, `|height|` rows;
        /// `nil` on overflow.
        package var uncompressedPixelBytes: Int? {
            guard width >= 0, let bits = width.multiplying(bitCount), let padded = bits.adding(31) else { return nil }
            return (padded / 32 * 4).multiplying(abs(height))
        }

        /// Why the fields break the format, or `nil`.
        package var violation: String? {
            if width <= 0 || height == 0 { return "dimensions \(width)x\(height) are not positive" }
            if planes != 1 { return "planes is \(planes), not 1" }
            if ![0, 1, 2, 4, 8, 16, 24, 32].contains(bitCount) { return "bit count \(bitCount) is not defined" }
            if ![0, 1, 2, 3, 4, 5, 6, 11, 12, 13].contains(compression) { return "compression \(compression) is not defined" }
            if bitCount == 0 && ![4, 5].contains(compression) { return "bit count 0 without JPEG or PNG compression" }
            return nil
        }

        package var compressionName: String {
            switch compression {
            case 0: return "rgb"
            case 1: return "rle8"
            case 2: return "rle4"
            case 3: return "bitfields"
            case 4: return "jpeg"
            case 5: return "png"
            case 6: return "alphabitfields"
            case 11: return "cmyk"
            case 12: return "cmyk-rle8"
            case 13: return "cmyk-rle4"
            default: return "compression-\(compression)"
            }
        }

        /// The fields in the container-neutral shape reports use.
        package var imageHeader: ImageHeader {
            let (bits, channels, colorType): (Int, Int, String?)
            switch bitCount {
            case 1, 2, 4, 8: (bits, channels, colorType) = (bitCount, 1, "palette")
            case 16: (bits, channels, colorType) = (5, 3, "rgb")
            case 24: (bits, channels, colorType) = (8, 3, "rgb")
            case 32: (bits, channels, colorType) = alphaMask != 0 ? (8, 4, "rgba") : (8, 3, "rgb")
            default: (bits, channels, colorType) = (8, 3, nil)
            }
            return ImageHeader(
                width: width, height: abs(height), bitsPerSample: bits, channels: channels, coding: compressionName,
                colorType: colorType
            )
        }
    }
}
