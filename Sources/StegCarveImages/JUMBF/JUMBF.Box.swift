import StegCarveBytes

/// Namespace for JUMBF, the JPEG universal metadata box format (ISO/IEC 19566-5), which
/// C2PA content credentials use: JPEG APP11 segments, the PNG `caBX` chunk.
package enum JUMBF {}

extension JUMBF {
    /// One box header: `LBox` (32-bit big-endian length, box included), `TBox` (four
    /// characters) and, when `LBox` is 1, `XLBox` (64-bit length). `LBox` 0 means "to the end
    /// of the enclosing box"; 2–7 are invalid (ISO/IEC 15444-1 I.4, as 19566-5 uses it).
    struct Box: Equatable {
        /// The four-character type.
        var type: [UInt8]
        /// The whole box, header included.
        var range: Range<Int>
        /// The box contents, after the header.
        var content: Range<Int>

        /// The box type as text (`jumb`, `jumd`, `cbor`, …).
        var typeName: String { String(decoding: type, as: UTF8.self) }
    }

    /// Why bytes are not the JUMBF structure they claim to be.
    package struct Problem: Error, Equatable {
        /// Where, in the checked stream.
        package var offset: Int
        package var message: String
    }

    /// Reads the box header at `offset`; the box must end by `end`.
    static func box(in bytes: Span<UInt8>, at offset: Int, end: Int) -> Result<Box, Problem> {
        guard end - offset >= 8, let length = bytes.uint32(at: offset, .big) else {
            return .failure(Problem(offset: offset, message: "\(max(0, end - offset)) bytes left where a box header was expected"))
        }
        let type = bytes.bytes(in: (offset + 4)..<(offset + 8))
        var headerLength = 8
        let boxLength: Int
        switch length {
        case 0:
            boxLength = end - offset
        case 1:
            guard end - offset >= 16, let extended = bytes.uint64(at: offset + 8, .big) else {
                return .failure(Problem(offset: offset, message: "box '\(String(decoding: type, as: UTF8.self))' has no room for its 64-bit length"))
            }
            headerLength = 16
            guard extended >= 16, extended <= UInt64(end - offset) else {
                return .failure(Problem(offset: offset, message: "box '\(String(decoding: type, as: UTF8.self))' declares \(extended) bytes; \(end - offset) remain"))
            }
            boxLength = Int(extended)
        case 2..<8:
            return .failure(Problem(offset: offset, message: "box length \(length) is smaller than its header"))
        default:
            guard Int(length) <= end - offset else {
                return .failure(Problem(offset: offset, message: "box '\(String(decoding: type, as: UTF8.self))' declares \(length) bytes; \(end - offset) remain"))
            }
            boxLength = Int(length)
        }
        guard type.allSatisfy({ (0x20...0x7E).contains($0) }) else {
            return .failure(Problem(offset: offset, message: "box type \(HexEncoding.string(type)) is not four printable characters"))
        }
        return .success(Box(type: type, range: offset..<(offset + boxLength), content: (offset + headerLength)..<(offset + boxLength)))
    }
}
