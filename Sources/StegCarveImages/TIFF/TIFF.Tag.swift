extension TIFF {
    /// Tag numbers the decoder acts on, and names for region labels (TIFF 6.0 Appendix A,
    /// Exif 2.32 §4.6).
    package enum Tag {
        package static let imageWidth: UInt16 = 256
        package static let imageLength: UInt16 = 257
        package static let bitsPerSample: UInt16 = 258
        package static let compression: UInt16 = 259
        package static let photometric: UInt16 = 262
        package static let stripOffsets: UInt16 = 273
        package static let samplesPerPixel: UInt16 = 277
        package static let stripByteCounts: UInt16 = 279
        package static let tileOffsets: UInt16 = 324
        package static let tileByteCounts: UInt16 = 325
        package static let subIFDs: UInt16 = 330
        package static let jpegInterchangeFormat: UInt16 = 513
        package static let jpegInterchangeFormatLength: UInt16 = 514
        package static let exifIFD: UInt16 = 34665
        package static let gpsIFD: UInt16 = 34853
        package static let interoperabilityIFD: UInt16 = 40965

        private static let names: [UInt16: String] = [
            254: "NewSubfileType", 256: "ImageWidth", 257: "ImageLength", 258: "BitsPerSample",
            259: "Compression", 262: "PhotometricInterpretation", 269: "DocumentName", 270: "ImageDescription",
            271: "Make", 272: "Model", 273: "StripOffsets", 274: "Orientation", 277: "SamplesPerPixel",
            278: "RowsPerStrip", 279: "StripByteCounts", 282: "XResolution", 283: "YResolution",
            284: "PlanarConfiguration", 296: "ResolutionUnit", 305: "Software", 306: "DateTime", 315: "Artist",
            317: "Predictor", 320: "ColorMap", 322: "TileWidth", 323: "TileLength", 324: "TileOffsets",
            325: "TileByteCounts", 330: "SubIFDs", 338: "ExtraSamples", 339: "SampleFormat",
            347: "JPEGTables", 513: "JPEGInterchangeFormat", 514: "JPEGInterchangeFormatLength",
            529: "YCbCrCoefficients", 532: "ReferenceBlackWhite", 700: "XMP", 33432: "Copyright",
            33723: "IPTC", 34377: "Photoshop", 34665: "ExifIFD", 34675: "ICCProfile", 34853: "GPSIFD",
            36864: "ExifVersion", 37500: "MakerNote", 37510: "UserComment", 40965: "InteroperabilityIFD",
        ]

        /// `ImageDescription`, or `tag-0x…` for tags without a name here.
        package static func name(_ tag: UInt16) -> String {
            if let name = names[tag] { return name }
            let digits = String(tag, radix: 16, uppercase: true)
            return "tag-0x" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
        }

        /// `coding` for a Compression value (TIFF 6.0 §3, TIFF/EP, Adobe and libtiff codes).
        package static func compressionName(_ value: Int) -> String {
            switch value {
            case 1: return "none"
            case 2: return "ccitt-rle"
            case 3: return "ccitt-g3"
            case 4: return "ccitt-g4"
            case 5: return "lzw"
            case 6: return "old-jpeg"
            case 7: return "jpeg"
            case 8, 32946: return "deflate"
            case 32773: return "packbits"
            case 34712: return "jpeg2000"
            case 34925: return "lzma"
            case 50000: return "zstd"
            case 50001: return "webp"
            default: return "compression-\(value)"
            }
        }

        /// `colorType` for a PhotometricInterpretation value.
        package static func colorTypeName(_ value: Int) -> String? {
            switch value {
            case 0, 1: return "gray"
            case 2: return "rgb"
            case 3: return "palette"
            case 4: return "mask"
            case 5: return "cmyk"
            case 6: return "ycbcr"
            case 8, 9, 10: return "lab"
            default: return nil
            }
        }
    }
}
