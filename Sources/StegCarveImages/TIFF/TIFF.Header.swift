import StegCarveBytes

/// Namespace for TIFF 6.0 (Adobe, 1992) and BigTIFF (the 64-bit variant, version 43).
package enum TIFF {}

extension TIFF {
    /// The image file header (TIFF 6.0 §2; BigTIFF: version 43, offset size 8).
    package struct Header: Sendable, Equatable {
        package var order: ByteOrder
        /// BigTIFF: 8-byte counts and offsets, 20-byte IFD entries.
        package var isBig: Bool
        /// Offset of the first IFD.
        package var firstIFD: Int

        /// Reads the header; `nil` when the bytes are not a TIFF header.
        package init?(_ bytes: Span<UInt8>) {
            if bytes.matches([0x49, 0x49], at: 0) {
                order = .little
            } else if bytes.matches([0x4D, 0x4D], at: 0) {
                order = .big
            } else {
                return nil
            }
            switch bytes.uint16(at: 2, order) {
            case 42:
                isBig = false
                guard let offset = bytes.uint32(at: 4, order) else { return nil }
                firstIFD = Int(offset)
            case 43:
                // Bytesize of offsets is 8, and the next two bytes are zero.
                guard bytes.uint16(at: 4, order) == 8, bytes.uint16(at: 6, order) == 0,
                      let raw = bytes.uint64(at: 8, order), let offset = Int(field: raw) else { return nil }
                isBig = true
                firstIFD = offset
            default:
                return nil
            }
        }

        /// Bytes of the header: 8, or 16 for BigTIFF.
        package var size: Int { isBig ? 16 : 8 }
        /// Bytes of an IFD's entry count.
        package var countSize: Int { isBig ? 8 : 2 }
        /// Bytes of one IFD entry.
        package var entrySize: Int { isBig ? 20 : 12 }
        /// Bytes of an offset (and of the inline value field).
        package var offsetSize: Int { isBig ? 8 : 4 }

        /// An offset-sized unsigned field at `offset`, or `nil` out of bounds or too large.
        package func offsetField(_ bytes: Span<UInt8>, at offset: Int) -> Int? {
            if isBig {
                guard let raw = bytes.uint64(at: offset, order) else { return nil }
                return Int(field: raw)
            }
            return bytes.uint32(at: offset, order).map { Int($0) }
        }
    }

    /// Bytes per value of a field type (TIFF 6.0 §2 types 1–12; BigTIFF 16–18); `nil` when
    /// the type is not defined.
    package static func typeSize(_ type: UInt16) -> Int? {
        switch type {
        case 1, 2, 6, 7: return 1
        case 3, 8: return 2
        case 4, 9, 11, 13: return 4
        case 5, 10, 12, 16, 17, 18: return 8
        default: return nil
        }
    }
}
