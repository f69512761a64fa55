import StegCarveBytes
import StegCarveModel

extension PNG {
    /// The IHDR fields (PNG 11.2.1).
    package struct Header: Sendable, Equatable {
        package var width: UInt32
        package var height: UInt32
        package var bitDepth: UInt8
        package var colorType: UInt8
        package var compressionMethod: UInt8
        package var filterMethod: UInt8
        package var interlaceMethod: UInt8

        /// Parses the 13-byte IHDR data at `offset`; `nil` if it is not 13 bytes long.
        package init?(bytes: Span<UInt8>, data: Range<Int>) {
            guard data.count == 13,
                  let width = bytes.uint32(at: data.lowerBound, .big),
                  let height = bytes.uint32(at: data.lowerBound + 4, .big),
                  let bitDepth = bytes.uint8(at: data.lowerBound + 8),
                  let colorType = bytes.uint8(at: data.lowerBound + 9),
                  let compression = bytes.uint8(at: data.lowerBound + 10),
                  let filter = bytes.uint8(at: data.lowerBound + 11),
                  let interlace = bytes.uint8(at: data.lowerBound + 12) else { return nil }
            self.width = width
            self.height = height
            self.bitDepth = bitDepth
            self.colorType = colorType
            self.compressionMethod = compression
            self.filterMethod = filter
            self.interlaceMethod = interlace
        }

        /// The fields in the container-neutral shape reports use.
        package var imageHeader: ImageHeader {
            let (name, channels): (String, Int)
            switch colorType {
            case 0: (name, channels) = ("gray", 1)
            case 2: (name, channels) = ("rgb", 3)
            case 3: (name, channels) = ("palette", 1)
            case 4: (name, channels) = ("gray-alpha", 2)
            default: (name, channels) = ("rgba", 4)
            }
            return ImageHeader(
                width: Int(width), height: Int(height), bitsPerSample: Int(bitDepth), channels: channels,
                coding: "deflate", interlaced: interlaceMethod == 1, colorType: name
            )
        }

        /// Why the fields break the specification, or `nil` when they are valid (PNG 11.2.1
        /// Table 11.1 for the depth/colour-type combinations).
        package var violation: String? {
            if width == 0 || height == 0 || width > 0x7FFF_FFFF || height > 0x7FFF_FFFF {
                return "dimensions \(width)x\(height) are outside 1...2^31-1"
            }
            let allowed: [UInt8]
            switch colorType {
            case 0: allowed = [1, 2, 4, 8, 16]
            case 3: allowed = [1, 2, 4, 8]
            case 2, 4, 6: allowed = [8, 16]
            default: return "colour type \(colorType) is not defined"
            }
            if !allowed.contains(bitDepth) { return "bit depth \(bitDepth) is not allowed for colour type \(colorType)" }
            if compressionMethod != 0 { return "compression method \(compressionMethod) is not defined" }
            if filterMethod != 0 { return "filter method \(filterMethod) is not defined" }
            if interlaceMethod > 1 { return "interlace method \(interlaceMethod) is not defined" }
            return nil
        }
    }
}
