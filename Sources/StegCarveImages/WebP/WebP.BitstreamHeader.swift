import StegCarveBytes
import StegCarveModel

extension WebP {
    /// Picture size and alpha as the first image chunk or VP8X declares them.
    package enum BitstreamHeader {
        /// VP8X canvas (RFC 9649 §2.7): 24-bit width−1 and height−1 after the flags.
        static func canvas(_ bytes: Span<UInt8>, data: Range<Int>) -> ImageHeader? {
            guard data.count >= 10, let flags = bytes.uint8(at: data.lowerBound),
                  let width = uint24(bytes, at: data.lowerBound + 4), let height = uint24(bytes, at: data.lowerBound + 7) else { return nil }
            let alpha = flags & 0x10 != 0
            return ImageHeader(width: width + 1, height: height + 1, bitsPerSample: 8, channels: alpha ? 4 : 3, coding: "vp8x", colorType: alpha ? "rgba" : "rgb")
        }

        /// VP8 key frame (RFC 6386 §9.1): 3-byte frame tag, start code `9D 01 2A`, 14-bit sizes.
        static func lossy(_ bytes: Span<UInt8>, data: Range<Int>) -> ImageHeader? {
            guard data.count >= 10, bytes.matches([0x9D, 0x01, 0x2A], at: data.lowerBound + 3),
                  let width = bytes.uint16(at: data.lowerBound + 6, .little),
                  let height = bytes.uint16(at: data.lowerBound + 8, .little) else { return nil }
            return ImageHeader(width: Int(width & 0x3FFF), height: Int(height & 0x3FFF), bitsPerSample: 8, channels: 3, coding: "vp8", colorType: "rgb")
        }

        /// VP8L header (RFC 9649 §3.2.1): signature `2F`, 14-bit width−1 and height−1, alpha bit.
        static func lossless(_ bytes: Span<UInt8>, data: Range<Int>) -> ImageHeader? {
            guard data.count >= 5, bytes.uint8(at: data.lowerBound) == 0x2F,
                  let bits = bytes.uint32(at: data.lowerBound + 1, .little) else { return nil }
            let alpha = bits >> 28 & 1 == 1
            return ImageHeader(
                width: Int(bits & 0x3FFF) + 1, height: Int(bits >> 14 & 0x3FFF) + 1, bitsPerSample: 8,
                channels: alpha ? 4 : 3, coding: "vp8l", colorType: alpha ? "rgba" : "rgb"
            )
        }

        private static func uint24(_ bytes: Span<UInt8>, at offset: Int) -> Int? {
            guard let low = bytes.uint16(at: offset, .little), let high = bytes.uint8(at: offset + 2) else { return nil }
            return Int(high) << 16 | Int(low)
        }
    }
}
