import StegCarve
import StegCarveBytes
import StegCarveLabeling
import SystemPackage

extension HTMLReport {
    /// Reads the scanned file again and renders its section from those bytes; `nil` when they
    /// are no longer the bytes the report describes (the file changed after its scan), so the
    /// page never draws one content with another's findings.
    /// - Throws: the read's error, e.g. the file was removed.
    package static func section(
        for report: ScanReport, fileAt path: FilePath, index: Int, maxThumbnailPixels: UInt64, maximumSize: Int
    ) throws -> String? {
        let source = try ByteSource(contentsOfFile: path, maximumSize: maximumSize)
        return source.withSpan { bytes -> String? in
            guard ArtifactDigests.sha256(of: bytes) == report.sha256 else { return nil }
            return section(for: report, bytes: bytes, index: index, maxThumbnailPixels: maxThumbnailPixels)
        }
    }

    /// The section of bytes read once and kept (standard input, a FIFO), which are the
    /// bytes `report` describes.
    package static func section(for report: ScanReport, source: ByteSource, index: Int, maxThumbnailPixels: UInt64) -> String {
        source.withSpan { section(for: report, bytes: $0, index: index, maxThumbnailPixels: maxThumbnailPixels) }
    }
}
