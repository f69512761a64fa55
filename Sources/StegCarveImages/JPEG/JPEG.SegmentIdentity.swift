import StegCarveBytes

extension JPEG {
    /// What an application or comment segment holds, from its identifier string.
    ///
    /// Identifiers: JFIF/JFXX (APP0), Exif and XMP (APP1, Exif 2.32 and XMP Part 3), ICC
    /// (APP2, ICC.1 B.4), MPF (APP2, CIPA DC-007), JUMBF/C2PA (APP11), Photoshop IRB (APP13),
    /// Adobe (APP14).
    package enum SegmentIdentity: String, Sendable, Equatable {
        case jfif = "JFIF"
        case jfxx = "JFXX"
        case exif = "Exif"
        case xmp = "XMP"
        case extendedXMP = "ExtendedXMP"
        case icc = "ICC"
        case mpf = "MPF"
        case flashPix = "FPXR"
        case jumbf = "JUMBF"
        case photoshop = "Photoshop"
        case adobe = "Adobe"
        case ducky = "Ducky"

        /// Marker code, identifier prefix and identity, in matching order.
        private static let candidates: [(UInt8, [UInt8], SegmentIdentity)] = [
            (0xE0, Array("JFIF\0".utf8), .jfif),
            (0xE0, Array("JFXX\0".utf8), .jfxx),
            (0xE1, Array("Exif\0".utf8), .exif),
            (0xE1, Array("http://ns.adobe.com/xap/1.0/\0".utf8), .xmp),
            (0xE1, Array("http://ns.adobe.com/xmp/extension/\0".utf8), .extendedXMP),
            (0xE2, Array("ICC_PROFILE\0".utf8), .icc),
            (0xE2, Array("MPF\0".utf8), .mpf),
            (0xE2, Array("FPXR\0".utf8), .flashPix),
            (0xEB, Array("JP".utf8), .jumbf),
            (0xEC, Array("Ducky".utf8), .ducky),
            (0xED, Array("Photoshop 3.0\0".utf8), .photoshop),
            (0xEE, Array("Adobe".utf8), .adobe),
        ]

        /// Identifies the segment `marker` whose payload is `payload`.
        package init?(marker: Marker, payload: Span<UInt8>) {
            for (code, prefix, identity) in Self.candidates where code == marker.rawValue && payload.matches(prefix, at: 0) {
                self = identity
                return
            }
            return nil
        }
    }
}
