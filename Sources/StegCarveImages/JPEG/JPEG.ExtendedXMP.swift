import Crypto
import StegCarveBytes
import StegCarveModel

extension JPEG {
    /// Extended XMP: an XMP packet too large for one APP1 segment, split over APP1 segments
    /// that each carry `http://ns.adobe.com/xmp/extension/\0`, a 32-character GUID, the full
    /// length and this piece's offset (big-endian 32-bit each), then the piece.
    ///
    /// The pieces of one GUID are joined by offset (they may come in any order) and must
    /// cover the full length exactly; the GUID is the uppercase hex MD5 of the joined packet,
    /// and the main XMP names it in `xmpNote:HasExtendedXMP`. Google depth and portrait
    /// pictures (`GDepth:Data`, `GImage:Data`, base64) live here. A group that does not check
    /// out is an anomaly (`extended-xmp-invalid`): the header is easy to copy, the MD5 is not.
    ///
    /// The carver searches the joined packet, not the pieces one by one, so a payload split
    /// over segments is carved whole (findings carry the file ranges they came from).
    ///
    /// Specification: Adobe XMP Specification Part 3 (2016), 1.1.3.1 "Extended XMP in JPEG".
    package enum ExtendedXMP {
        /// The segment identifier, NUL included.
        static let identifier: [UInt8] = Array("http://ns.adobe.com/xmp/extension/\0".utf8)
        /// Identifier, GUID (32), full length (4), offset (4).
        static let headerLength = 35 + 32 + 4 + 4

        /// One well-formed extension segment.
        struct Piece {
            var segment: Range<Int>
            var payload: Range<Int>
            var guid: String
            var fullLength: Int
            var offset: Int
            var data: Range<Int>
        }

        /// Checks the extension segments (`segments`: each segment's whole range and payload,
        /// in file order) against each other, their GUIDs and the main XMP packets.
        package static func check(
            in bytes: Span<UInt8>, segments: [(range: Range<Int>, payload: Range<Int>)], mainXMP: [Range<Int>]
        ) -> JoinedSegments.Check {
            var result = JoinedSegments.Check()
            var groups: [(guid: String, pieces: [Piece])] = []
            var groupIndex: [String: Int] = [:]
            for segment in segments {
                switch piece(in: bytes, segment: segment.range, payload: segment.payload) {
                case .success(let piece):
                    if let index = groupIndex[piece.guid] {
                        groups[index].pieces.append(piece)
                    } else {
                        groupIndex[piece.guid] = groups.count
                        groups.append((piece.guid, [piece]))
                    }
                case .failure(let problem):
                    result.anomalies.append(Anomaly(code: "extended-xmp-invalid", offset: segment.range.lowerBound, message: problem.message))
                }
            }
            guard !groups.isEmpty else { return result }
            let named = Set(mainXMP.compactMap { declaredGUID(in: bytes.bytes(in: $0)) })
            for group in groups {
                let pieces = group.pieces.sorted { $0.offset != $1.offset ? $0.offset < $1.offset : $0.segment.lowerBound < $1.segment.lowerBound }
                let at = group.pieces[0].segment.lowerBound
                func flag(_ message: String) {
                    result.anomalies.append(Anomaly(code: "extended-xmp-invalid", offset: at, message: "Extended XMP \(group.guid): " + message))
                }
                result.streams.append(ImageRegion(
                    kind: .metadata, name: "segment:APP1:ExtendedXMP",
                    range: pieces.map(\.segment.lowerBound).min().map { $0..<(pieces.map(\.segment.upperBound).max() ?? $0) } ?? at..<at,
                    pieces: pieces.map(\.data).filter { !$0.isEmpty }
                ))
                for piece in pieces { result.leftToStreams.insert(piece.payload) }

                if let problem = coverageProblem(of: pieces) {
                    flag(problem)
                    continue
                }
                var joined: [UInt8] = []
                joined.reserveCapacity(pieces[0].fullLength)
                for piece in pieces { joined += bytes.bytes(in: piece.data) }
                let digest = hexUppercase(Insecure.MD5.hash(data: joined))
                if digest != group.guid.uppercased() {
                    flag("the MD5 of the joined \(joined.count) bytes is \(digest), not the GUID")
                } else if !named.contains(group.guid.uppercased()) {
                    flag(named.isEmpty
                         ? "no main XMP packet names it in xmpNote:HasExtendedXMP"
                         : "the main XMP names \(named.sorted().joined(separator: ", ")) in xmpNote:HasExtendedXMP, not this GUID")
                }
            }
            return result
        }

        /// Why a segment is not a well-formed extension piece.
        struct Problem: Error {
            var message: String
        }

        /// Parses one segment's header.
        static func piece(in bytes: Span<UInt8>, segment: Range<Int>, payload: Range<Int>) -> Result<Piece, Problem> {
            guard payload.count >= headerLength, bytes.matches(identifier, at: payload.lowerBound) else {
                return .failure(Problem(message: "ExtendedXMP segment of \(payload.count) bytes has no complete header (identifier, GUID, length, offset)"))
            }
            let guidBytes = bytes.bytes(in: (payload.lowerBound + 35)..<(payload.lowerBound + 67))
            guard guidBytes.allSatisfy(isHexDigit) else {
                return .failure(Problem(message: "ExtendedXMP GUID is not 32 hex digits"))
            }
            guard let fullLength = bytes.uint32(at: payload.lowerBound + 67, .big),
                  let offset = bytes.uint32(at: payload.lowerBound + 71, .big) else {
                return .failure(Problem(message: "ExtendedXMP header is cut short"))
            }
            let data = (payload.lowerBound + headerLength)..<payload.upperBound
            // Full length and offset come from the file; both fit in Int on 64-bit platforms.
            guard Int(offset) <= Int(fullLength), data.count <= Int(fullLength) - Int(offset) else {
                return .failure(Problem(message: "ExtendedXMP piece at offset \(offset) with \(data.count) bytes runs past the full length \(fullLength)"))
            }
            return .success(Piece(
                segment: segment, payload: payload, guid: String(decoding: guidBytes, as: UTF8.self),
                fullLength: Int(fullLength), offset: Int(offset), data: data
            ))
        }

        /// Why the pieces (sorted by offset) do not tile `0..<fullLength`, or `nil` when they do.
        static func coverageProblem(of pieces: [Piece]) -> String? {
            guard let fullLength = pieces.first?.fullLength else { return "no pieces" }
            if let other = pieces.first(where: { $0.fullLength != fullLength }) {
                return "pieces disagree on the full length (\(fullLength) and \(other.fullLength))"
            }
            var covered = 0
            for piece in pieces {
                if piece.offset < covered {
                    return "the piece at offset \(piece.offset) overlaps the one before it (which ends at \(covered))"
                }
                if piece.offset > covered {
                    return "bytes \(covered)..<\(piece.offset) of \(fullLength) are missing"
                }
                covered = piece.offset + piece.data.count
            }
            if covered != fullLength {
                return "the pieces hold \(covered) of \(fullLength) bytes"
            }
            return nil
        }

        /// The GUID the main XMP packet names in `xmpNote:HasExtendedXMP` (attribute or
        /// element form), uppercased.
        static func declaredGUID(in text: [UInt8]) -> String? {
            let value = DeclaredTrailers.attribute("xmpNote:HasExtendedXMP", in: text)
                ?? DeclaredTrailers.elementValue("xmpNote:HasExtendedXMP", in: text)
            return value?.uppercased()
        }

        private static func isHexDigit(_ byte: UInt8) -> Bool {
            (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)
        }

        private static func hexUppercase(_ digest: some Sequence<UInt8>) -> String {
            HexEncoding.string(digest).uppercased()
        }
    }
}
