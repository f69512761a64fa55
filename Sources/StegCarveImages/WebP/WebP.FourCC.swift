import StegCarveBytes

/// Namespace for WebP in RIFF (Google "WebP Container Specification", RFC 9649).
package enum WebP {}

extension WebP {
    /// A RIFF chunk identifier.
    package struct FourCC: Sendable, Hashable, CustomStringConvertible {
        package var value: UInt32

        package init(_ bytes: Span<UInt8>, at offset: Int) {
            value = bytes.uint32(at: offset, .big) ?? 0
        }

        /// The identifier from four ASCII characters.
        package init(_ text: String) {
            value = text.utf8.prefix(4).reduce(0) { $0 << 8 | UInt32($1) }
        }

        package static let vp8 = FourCC("VP8 ")
        package static let vp8l = FourCC("VP8L")
        package static let vp8x = FourCC("VP8X")
        package static let alph = FourCC("ALPH")
        package static let anim = FourCC("ANIM")
        package static let anmf = FourCC("ANMF")
        package static let iccp = FourCC("ICCP")
        package static let exif = FourCC("EXIF")
        package static let xmp = FourCC("XMP ")

        private var characters: [UInt8] {
            [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> UInt32($0)) }
        }

        /// Printable ASCII, as RIFF identifiers are.
        package var isValid: Bool { characters.allSatisfy { (0x20...0x7E).contains($0) } }

        /// The identifier without trailing spaces (`VP8`, `XMP`).
        package var description: String {
            guard isValid else { return "0x" + String(value, radix: 16) }
            var text = String(decoding: characters, as: UTF8.self)
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
    }
}
