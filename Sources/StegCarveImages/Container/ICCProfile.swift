import StegCarveBytes
import StegCarveModel

/// The header checks every embedded ICC profile must pass, whichever container carries it
/// (JPEG APP2 pieces, PNG `iCCP`): real profiles declare their own size and carry the `acsp`
/// signature at offset 36 (ICC.1 7.2); data hidden as a "profile" (SteamHide) does not.
package enum ICCProfile {
    /// What is wrong with `profile` (the whole, joined or inflated profile), or `nil`.
    package static func problem(with profile: Span<UInt8>) -> String? {
        guard let declaredSize = profile.uint32(at: 0, .big) else {
            return "ICC profile shorter than its size field"
        }
        var problems: [String] = []
        if Int(declaredSize) != profile.count { problems.append("declares \(declaredSize) bytes but holds \(profile.count)") }
        if !profile.matches(Array("acsp".utf8), at: 36) { problems.append("has no 'acsp' signature at offset 36") }
        return problems.isEmpty ? nil : "ICC profile " + problems.joined(separator: " and ")
    }

    /// Names of the regions that hold a whole, uncompressed profile: WebP `ICCP` chunks, a
    /// BMP V5 embedded profile, the TIFF `ICCProfile` tag's value. (JPEG splits its profile
    /// over APP2 segments and PNG compresses it; their decoders check those.)
    static func holdsProfile(_ name: String) -> Bool {
        name == "chunk:ICCP" || name.hasSuffix("/chunk:ICCP") || name == "icc-profile" || name.hasSuffix("/ICCProfile")
    }

    /// `icc-invalid` anomalies for the whole-profile regions among `regions`.
    static func anomalies(in bytes: Span<UInt8>, regions: [ImageRegion]) -> [Anomaly] {
        regions.filter { holdsProfile($0.name) }.compactMap { region in
            let payload = region.payload.clamped(to: 0..<bytes.count)
            return problem(with: bytes.extracting(payload)).map { Anomaly(code: "icc-invalid", offset: region.range.lowerBound, message: $0) }
        }
    }
}
