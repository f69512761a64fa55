import StegCarveBytes

/// Namespace for the PNG container (ISO/IEC 15948, PNG Third Edition).
package enum PNG {}

extension PNG {
    /// A four-letter chunk type; its letter cases carry the ancillary/private/safe-to-copy bits.
    package struct ChunkType: Sendable, Hashable, CustomStringConvertible {
        package var bytes: (UInt8, UInt8, UInt8, UInt8)

        package init(_ b0: UInt8, _ b1: UInt8, _ b2: UInt8, _ b3: UInt8) {
            bytes = (b0, b1, b2, b3)
        }

        package init(_ name: StaticString) {
            let utf8 = unsafe UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
            unsafe self.init(utf8[0], utf8[1], utf8[2], utf8[3])
        }

        package static func == (lhs: ChunkType, rhs: ChunkType) -> Bool {
            lhs.bytes == rhs.bytes
        }

        package func hash(into hasher: inout Hasher) {
            hasher.combine(bytes.0)
            hasher.combine(bytes.1)
            hasher.combine(bytes.2)
            hasher.combine(bytes.3)
        }

        package static let ihdr = ChunkType("IHDR")
        package static let plte = ChunkType("PLTE")
        package static let idat = ChunkType("IDAT")
        package static let iend = ChunkType("IEND")
        package static let actl = ChunkType("acTL")
        package static let fctl = ChunkType("fcTL")
        package static let fdat = ChunkType("fdAT")

        /// Every byte is an ASCII letter (PNG 5.4).
        package var isValid: Bool {
            [bytes.0, bytes.1, bytes.2, bytes.3].allSatisfy { (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }
        }

        /// Lowercase first letter: a decoder may ignore the chunk.
        package var isAncillary: Bool { bytes.0 & 0x20 != 0 }

        /// Lowercase second letter: not a registered public chunk.
        package var isPrivate: Bool { bytes.1 & 0x20 != 0 }

        package var description: String {
            String(decoding: [bytes.0, bytes.1, bytes.2, bytes.3], as: UTF8.self)
        }
    }
}
