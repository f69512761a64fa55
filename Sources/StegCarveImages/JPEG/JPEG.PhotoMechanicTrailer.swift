import StegCarveBytes

extension JPEG {
    /// The Photo Mechanic trailer: IPTC data sets (soft edits under record 2), zero padding
    /// (Photo Mechanic pads to 2 KiB), then the data's length (32-bit big-endian) and
    /// `cbipcbbl` as the file's last 12 bytes.
    ///
    /// Verified: the length stays after the picture, and the data is IPTC data sets followed
    /// only by zero bytes.
    ///
    /// Specification: as ExifTool's `Image::ExifTool::PhotoMechanic` (ProcessPhotoMechanic)
    /// reads it.
    enum PhotoMechanicTrailer {
        static func match(in bytes: Span<UInt8>, end: Int, floor: Int) -> EndTrailers.Match {
            guard end - floor >= 12, bytes.matches(Array("cbipcbbl".utf8), at: end - 8) else { return .none }
            let footer = end - 12
            guard let size = bytes.uint32(at: footer, .big), size < 0x8000_0000, Int(size) <= footer - floor else {
                return .invalid(offset: footer, message: "Photo Mechanic trailer declares more bytes than follow the picture")
            }
            let data = (footer - Int(size))..<footer
            guard IPTC.Records.count(in: bytes, range: data, allowingZeroPadding: true) != nil else {
                return .invalid(offset: data.lowerBound, message: "Photo Mechanic trailer's \(data.count) bytes are not IPTC data sets and zero padding")
            }
            return .valid(data.lowerBound..<end)
        }
    }
}
