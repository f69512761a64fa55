import StegCarve

/// The digests of a scanned file, keyed as STIX spells the algorithms.
///
/// MD5 and SHA-1 come from the scan itself (``ScanConfiguration/computesWeakFileDigests``), so
/// the file is read once and the three digests are of the same content.
package enum FileDigests {
    /// The report's digests; only `SHA-256` when the scan computed no MD5 and SHA-1.
    package static func stixHashes(for report: ScanReport) -> [String: String] {
        var hashes = ["SHA-256": report.sha256]
        if let md5 = report.md5 { hashes["MD5"] = md5 }
        if let sha1 = report.sha1 { hashes["SHA-1"] = sha1 }
        return hashes
    }
}
