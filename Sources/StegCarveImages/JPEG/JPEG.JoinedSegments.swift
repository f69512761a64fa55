import StegCarveBytes
import StegCarveModel

extension JPEG {
    /// Metadata that the first picture splits over several segments and that is checked and
    /// searched as one stream: Extended XMP (``ExtendedXMP``, APP1, by GUID) and JUMBF boxes
    /// (``JUMBFPackets``, APP11, by box instance). ICC profiles are checked by
    /// ``ICCProfileCheck``; they need no joined search (a profile has no room for payloads
    /// that its own structure does not already expose segment by segment).
    package enum JoinedSegments {
        /// What a check found.
        package struct Check: Sendable, Equatable {
            /// Malformed segments and joined streams that do not check out.
            package var anomalies: [Anomaly] = []
            /// One joined stream per group (region name of its segments, pieces in stream
            /// order).
            package var streams: [ImageRegion] = []
            /// Payload ranges of the segments whose bytes a stream carries: those segment
            /// regions are not searched one by one.
            package var leftToStreams: Set<Range<Int>> = []
        }

        /// Checks the first picture's Extended XMP and JUMBF segments among `regions`.
        package static func check(in bytes: Span<UInt8>, regions: [ImageRegion]) -> Check {
            func segments(_ name: String) -> [(range: Range<Int>, payload: Range<Int>)] {
                regions.filter { $0.name == name }.map { ($0.range, $0.payload) }
            }
            let mainXMP = regions.filter { $0.name == "segment:APP1:XMP" }.map(\.payload)
            let extended = ExtendedXMP.check(in: bytes, segments: segments("segment:APP1:ExtendedXMP"), mainXMP: mainXMP)
            let jumbf = JUMBFPackets.check(in: bytes, segments: segments("segment:APP11:JUMBF"))
            return Check(
                anomalies: extended.anomalies + jumbf.anomalies,
                streams: extended.streams + jumbf.streams,
                leftToStreams: extended.leftToStreams.union(jumbf.leftToStreams)
            )
        }
    }
}
