import StegCarveBytes
import StegCarveModel

extension JPEG {
    /// JUMBF boxes (C2PA content credentials) carried in APP11 segments.
    ///
    /// Each APP11 segment is one packet: the common identifier `JP`, the box instance number
    /// `En` (16-bit), the packet sequence number `Z` (32-bit, from 1), then the box: the first
    /// packet holds the box header and the start of its contents, and every later packet
    /// repeats the header (`LBox`/`TBox`, and `XLBox` when `LBox` is 1) before the next part
    /// of the contents. The packets of one instance, joined in sequence order, must give a box
    /// of exactly the declared length that, when it is a `jumb` box, parses as a JUMBF
    /// superbox (``JUMBF/Superbox``); anything else is an anomaly (`jumbf-invalid`). Other box
    /// types (JPEG XT's own boxes use the same packets) are checked for length only.
    ///
    /// The carver searches each joined box, so a payload split over packets is carved whole.
    ///
    /// Specifications: ISO/IEC 19566-5:2023 Annex A (JUMBF in JPEG-1, APP11 packets, as ISO/IEC
    /// 18477-3 defines them); C2PA Technical Specification 2.1, 11.3.1 (embedding in JPEG).
    package enum JUMBFPackets {
        /// One packet.
        struct Packet {
            var segment: Range<Int>
            var payload: Range<Int>
            var instance: UInt16
            var sequence: UInt32
            /// The repeated box header (`LBox`, `TBox`, `XLBox`).
            var header: [UInt8]
            /// The declared length of the whole box (0: unknown).
            var boxLength: UInt64
            /// The box header and contents in this packet.
            var box: Range<Int>
            /// The contents after the repeated header.
            var contents: Range<Int>
        }

        /// Checks the APP11 `JP` segments (`segments`: each segment's whole range and payload,
        /// in file order).
        package static func check(in bytes: Span<UInt8>, segments: [(range: Range<Int>, payload: Range<Int>)]) -> JoinedSegments.Check {
            var result = JoinedSegments.Check()
            var groups: [(instance: UInt16, packets: [Packet])] = []
            var groupIndex: [UInt16: Int] = [:]
            for segment in segments {
                guard let packet = packet(in: bytes, segment: segment.range, payload: segment.payload) else {
                    result.anomalies.append(Anomaly(code: "jumbf-invalid", offset: segment.range.lowerBound, message: "APP11 JUMBF segment of \(segment.payload.count) bytes has no complete packet header"))
                    continue
                }
                if let index = groupIndex[packet.instance] {
                    groups[index].packets.append(packet)
                } else {
                    groupIndex[packet.instance] = groups.count
                    groups.append((packet.instance, [packet]))
                }
            }
            for group in groups {
                let packets = group.packets.sorted { $0.sequence != $1.sequence ? $0.sequence < $1.sequence : $0.segment.lowerBound < $1.segment.lowerBound }
                let at = group.packets[0].segment.lowerBound
                var pieces: [Range<Int>] = []
                for (index, packet) in packets.enumerated() {
                    pieces.append(index == 0 ? packet.box : packet.contents)
                    result.leftToStreams.insert(packet.payload)
                }
                let hullStart = packets.map(\.segment.lowerBound).min() ?? at
                let hullEnd = packets.map(\.segment.upperBound).max() ?? at
                result.streams.append(ImageRegion(kind: .metadata, name: "segment:APP11:JUMBF", range: hullStart..<hullEnd, pieces: pieces.filter { !$0.isEmpty }))
                if let problem = sequenceProblem(of: packets) ?? boxProblem(of: packets, pieces: pieces, in: bytes) {
                    result.anomalies.append(Anomaly(code: "jumbf-invalid", offset: at, message: "JUMBF box instance \(group.instance): " + problem))
                }
            }
            return result
        }

        /// Parses a packet header, or `nil` when the segment is too short for one.
        static func packet(in bytes: Span<UInt8>, segment: Range<Int>, payload: Range<Int>) -> Packet? {
            let start = payload.lowerBound
            guard payload.count >= 16, bytes.matches(Array("JP".utf8), at: start),
                  let instance = bytes.uint16(at: start + 2, .big), let sequence = bytes.uint32(at: start + 4, .big),
                  let length = bytes.uint32(at: start + 8, .big) else { return nil }
            var headerLength = 8
            var boxLength = UInt64(length)
            if length == 1 {
                guard payload.count >= 24, let extended = bytes.uint64(at: start + 16, .big) else { return nil }
                headerLength = 16
                boxLength = extended
            }
            let box = (start + 8)..<payload.upperBound
            return Packet(
                segment: segment, payload: payload, instance: instance, sequence: sequence,
                header: bytes.bytes(in: box.lowerBound..<(box.lowerBound + headerLength)), boxLength: boxLength,
                box: box, contents: (box.lowerBound + headerLength)..<payload.upperBound
            )
        }

        /// Why the packets (sorted by sequence) are not numbered 1…n with one header.
        static func sequenceProblem(of packets: [Packet]) -> String? {
            for (index, packet) in packets.enumerated() where packet.sequence != UInt32(index + 1) {
                return packet.sequence <= UInt32(index)
                    ? "packet sequence number \(packet.sequence) is repeated or zero"
                    : "packet \(index + 1) of \(packets.count) is missing (next is \(packet.sequence))"
            }
            if let first = packets.first, let other = packets.first(where: { $0.header != first.header }) {
                return "packet \(other.sequence) repeats a different box header than packet 1"
            }
            return nil
        }

        /// Why the joined box is not a valid superbox of the declared length.
        static func boxProblem(of packets: [Packet], pieces: [Range<Int>], in bytes: Span<UInt8>) -> String? {
            guard let first = packets.first else { return "no packets" }
            let joinedLength = pieces.reduce(0) { $0 + $1.count }
            // LBox 0 means "to the end": the joined length; any other value must match it.
            if first.boxLength != 0, first.boxLength != UInt64(joinedLength) {
                return "the box declares \(first.boxLength) bytes; its \(packets.count) packet(s) hold \(joinedLength)"
            }
            var joined: [UInt8] = []
            joined.reserveCapacity(joinedLength)
            for piece in pieces { joined += bytes.bytes(in: piece) }
            // JPEG XT (ISO/IEC 18477-3) carries its own box types in the same packets; only a
            // `jumb` superbox has a JUMBF structure to check beyond its length.
            guard first.header.count >= 8, first.header[4..<8].elementsEqual("jumb".utf8) else { return nil }
            if case .failure(let problem) = JUMBF.Superbox.validate(joined.span) {
                return "at byte \(problem.offset) of the joined box: \(problem.message)"
            }
            return nil
        }
    }
}
