/// How bad a file is, in one word, from what it carries.
public enum Verdict: String, Sendable, Hashable, Codable, Comparable {
    /// A picture and nothing else.
    case clean
    /// Only extra content the file declares (MPO pictures, a motion-photo video).
    case benignExtra = "benign-extra"
    /// Something nothing declares (an unexplained overlay, an archive, a structure that
    /// does not match its declaration, an incomplete scan).
    case suspicious
    /// An executable or script payload, or a known-bad hash.
    case malicious

    private var rank: Int {
        switch self {
        case .clean: return 0
        case .benignExtra: return 1
        case .suspicious: return 2
        case .malicious: return 3
        }
    }

    public static func < (lhs: Verdict, rhs: Verdict) -> Bool { lhs.rank < rhs.rank }
}

/// Derives a report's verdict, score (0–100) and reasons from its findings, overlay,
/// anomalies, decode status and limits. Every reason points at what caused it.
enum VerdictRules {
    /// Payload types that run: finding one makes a file malicious.
    static let executableTypes: Set<String> = ["elf", "pe", "macho", "script", "java-class", "dex"]

    /// Picture formats a container legitimately carries in its metadata (XMP thumbnails,
    /// depth maps): declared extras there, undeclared anywhere else.
    static let pictureTypes: Set<String> = ["jpeg", "png", "gif"]

    /// Formats whose several pictures are one image in several sizes (ICONDIR entries).
    static let iconFormats: Set<String> = ["ico", "cur"]

    /// Anomaly codes that only mean a damaged file (a cut-off download), not a lie.
    static let damageCodes: Set<String> = ["missing-eoi", "missing-iend", "truncated-segment", "truncated-chunk"]

    static func assess(_ report: ScanReport) -> (verdict: Verdict, score: Int, reasons: [String]) {
        if let good = report.labels.first(where: { $0.name == KnownHashes.Kind.good.rawValue }) {
            return (.clean, 0, ["file is \(good.reason)"])
        }
        var verdict = Verdict.clean
        var score = 0
        var reasons: [String] = []
        func raise(_ to: Verdict, _ points: Int, _ reason: String) {
            verdict = max(verdict, to)
            score = max(score, points)
            reasons.append(reason)
        }
        if let bad = report.labels.first(where: { $0.name == KnownHashes.Kind.bad.rawValue }) {
            raise(.malicious, 100, "file is \(bad.reason)")
        }
        func visit(_ findings: [Finding], path: String, inMetadata: Bool) {
            for finding in findings {
                let inMetadata = inMetadata || report.regions.contains { $0.name == finding.region && $0.kind == .metadata }
                let place = path.isEmpty ? "\(finding.type) at offset \(finding.offset) in \(finding.region)" : "\(path) > \(finding.type) at \(finding.offset) via \(finding.via ?? finding.region)"
                let names = finding.labels.map(\.name)
                for rule in ruleReasons(finding.labels, place: place) { raise(rule.verdict, rule.score, rule.reason) }
                if names.contains(KnownHashes.Kind.bad.rawValue) {
                    raise(.malicious, 100, "\(place): known-bad hash")
                } else if executableTypes.contains(finding.type) {
                    let weight = names.contains("cryptominer") ? 95 : 90
                    raise(.malicious, weight, "\(place): \(names.joined(separator: ", "))")
                } else if finding.children.isEmpty, inMetadata, pictureTypes.contains(finding.type) {
                    raise(.benignExtra, 5, "\(place): a picture carried in metadata")
                } else if finding.children.isEmpty {
                    raise(.suspicious, 60, "\(place): undeclared \(finding.type) payload")
                }
                visit(finding.children, path: place, inMetadata: inMetadata)
            }
        }
        visit(report.findings, path: "", inMetadata: false)
        // A rule that matched a carved artifact is reported there; the file's own match adds
        // a reason only for rules no artifact explains.
        let artifactRules = Set(report.allFindings.flatMap(\.labels).map(\.name).filter { $0.hasPrefix("yara:") })
        for rule in ruleReasons(report.labels.filter { !artifactRules.contains($0.name) }, place: "file") {
            raise(rule.verdict, rule.score, rule.reason)
        }
        if let overlay = report.overlay, !overlay.explained {
            raise(.suspicious, overlay.entropy > 7.5 ? 70 : 55,
                  "\(overlay.length) bytes after the end of the picture at offset \(overlay.offset) that nothing declares (entropy \(String(format2: overlay.entropy)))")
        }
        for anomaly in report.anomalies {
            let damage = damageCodes.contains(anomaly.code)
            raise(.suspicious, damage ? 30 : 50, "structure: \(anomaly.code) at \(anomaly.offset): \(anomaly.message)")
        }
        if let decode = report.decode, !decode.decodes {
            raise(.suspicious, 40, "the picture does not decode: \(decode.message ?? "no message")")
        }
        for limit in report.limits {
            raise(.suspicious, 40, "incomplete scan: \(limit.limit) = \(limit.value): \(limit.message)")
        }
        if let stego = report.stego, stego.signal == "detected" {
            raise(.suspicious, 50, "\(stego.domain) steganalysis: \(stego.meaning)")
        }
        for region in report.regions where region.kind == .declared {
            let what = region.name.hasPrefix("declared:") ? String(region.name.dropFirst("declared:".count)) : region.name
            raise(.benignExtra, 5, "\(region.length) bytes at offset \(region.offset) are \(what) content the file declares and that verifies")
        }
        // Several pictures in an MPO are extra content; an icon's directory listing its sizes
        // is what every icon is.
        if verdict == .clean, report.pictures > 1, !iconFormats.contains(report.format) {
            raise(.benignExtra, 5, "\(report.pictures) pictures declared by the \(report.format == "jpeg" ? "MPF index" : "container")")
        }
        return (verdict, score, reasons)
    }
}

extension String {
    /// Two decimals, without Foundation.
    fileprivate init(format2 value: Double) {
        let scaled = (value * 100).rounded() / 100
        self = String(scaled)
    }
}
