import StegCarveBytes
import StegCarveModel

extension JPEG {
    /// Checks an ICC profile split over APP2 `ICC_PROFILE` segments against what it claims.
    ///
    /// Each segment carries a sequence number and the total count (ICC.1 Annex B.4); the
    /// pieces joined in order must form a profile that passes ``ICCProfile`` checks.
    package enum ICCProfileCheck {
        /// Anomalies for the ICC segments among `segments` (payload ranges of APP2 segments
        /// identified as ICC, in file order); empty when there is no profile or it is valid.
        package static func anomalies(in bytes: Span<UInt8>, segments: [Range<Int>]) -> [Anomaly] {
            guard let first = segments.first else { return [] }
            let identifier = 12  // "ICC_PROFILE\0"
            var pieces: [Int: Range<Int>] = [:]
            var declaredCount: Int?
            for segment in segments {
                guard segment.count >= identifier + 2, let sequence = bytes.uint8(at: segment.lowerBound + identifier),
                      let count = bytes.uint8(at: segment.lowerBound + identifier + 1) else {
                    return [Anomaly(code: "icc-invalid", offset: segment.lowerBound, message: "ICC_PROFILE segment without sequence and count bytes")]
                }
                if let declared = declaredCount, declared != Int(count) {
                    return [Anomaly(code: "icc-invalid", offset: segment.lowerBound, message: "ICC_PROFILE segments disagree on their count (\(declared) and \(count))")]
                }
                declaredCount = Int(count)
                guard sequence >= 1, sequence <= count, pieces[Int(sequence)] == nil else {
                    return [Anomaly(code: "icc-invalid", offset: segment.lowerBound, message: "ICC_PROFILE segment number \(sequence) of \(count) is out of range or repeated")]
                }
                pieces[Int(sequence)] = (segment.lowerBound + identifier + 2)..<segment.upperBound
            }
            guard let count = declaredCount, pieces.count == count else {
                return [Anomaly(code: "icc-invalid", offset: first.lowerBound, message: "ICC_PROFILE declares \(declaredCount ?? 0) segments; \(pieces.count) are present")]
            }
            var profile: [UInt8] = []
            for sequence in 1...count {
                if let piece = pieces[sequence] { profile += bytes.bytes(in: piece) }
            }
            if let problem = ICCProfile.problem(with: profile.span) {
                return [Anomaly(code: "icc-invalid", offset: first.lowerBound, message: problem)]
            }
            return []
        }
    }
}
