import Foundation
import StegCarve
import StegCarveBytes
import StegCarveLabeling
import SystemPackage

/// The MD5, SHA-1 and SHA-256 of a scanned file, keyed as STIX spells the algorithms.
///
/// A ``ScanReport`` carries only the file's SHA-256 (the scan hashes nothing else, to stay
/// fast), so formats that promise all three read the file again. The SHA-256 of that second
/// read must equal the report's: a file that changed in between keeps only the report's
/// SHA-256 rather than mixing digests of two contents.
package enum FileDigests {
    /// Digests for the file `report` describes; `["SHA-256": report.sha256]` when it cannot
    /// be read again or no longer matches.
    package static func stixHashes(for report: ScanReport, maximumSize: Int) -> [String: String] {
        let fallback = ["SHA-256": report.sha256]
        guard let path = filePath(of: report),
              let source = try? ByteSource(contentsOfFile: path, maximumSize: maximumSize)
        else { return fallback }
        let digests = source.withSpan { ArtifactDigests(of: $0) }
        guard digests.sha256 == report.sha256 else { return fallback }
        return ["MD5": digests.md5, "SHA-1": digests.sha1, "SHA-256": digests.sha256]
    }

    /// The exact path of the scanned file: its raw bytes when they are not UTF-8.
    package static func filePath(of report: ScanReport) -> FilePath? {
        if let encoded = report.pathBase64, let data = Data(base64Encoded: encoded) {
            return filePath(bytes: [UInt8](data))
        }
        return report.path.map { FilePath($0) }
    }

    /// A path from raw bytes (no NUL inside, as every path the scanner read).
    package static func filePath(bytes: [UInt8]) -> FilePath? {
        guard !bytes.contains(0) else { return nil }
        let characters = bytes.map { CInterop.PlatformChar(bitPattern: $0) } + [0]
        return unsafe characters.withUnsafeBufferPointer { buffer in
            unsafe buffer.baseAddress.map { unsafe FilePath(platformString: $0) }
        }
    }
}
