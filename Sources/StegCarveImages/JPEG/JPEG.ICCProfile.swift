import StegCarveBytes
import StegCarveModel

extension JPEG {
    /// Checks an ICC profile split over APP2 `ICC_PROFILE` segments against what it claims.
    ///
    /// Each segment carries a sequence number and the total count (ICC.1 Annex B.4); the
    /// pieces joined in order must form a profile whose header declares the joined size and
    /// carries the `acsp` signature at offset 36 (ICC.1 7.2). A profile that does not is an
    /// anomaly: real profiles always do, and hidden data (SteamHide) does not.
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
            let span = profile.span
            guard let declaredSize = span.uint32(at: 0, .big) else {
                return [Anomaly(code: "icc-invalid", offset: first.lowerBound, message: "ICC profile shorter than its size field")]
            }
            var problems: [String] = []
            if Int(declaredSize) != profile.count { problems.append("declares \(declaredSize) bytes but holds \(profile.count)") }
            if !span.matches(Array("acsp".utf8), at: 36) { problems.append("has no 'acsp' signature at offset 36") }
            guard problems.isEmpty else {
                return [Anomaly(code: "icc-invalid", offset: first.lowerBound, message: "ICC profile " + problems.joined(separator: " and "))]
            }
            return []
        }
    }
}
