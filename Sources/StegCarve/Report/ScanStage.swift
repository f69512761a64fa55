/// A stage of the scan pipeline, listed in ``ScanReport/stages`` when it ran on the input, so
/// two reports of the same bytes (a file named on the command line and the same file found
/// in a directory sweep, which skips pixel work by default) can be told apart.
public enum ScanStage: String, Sendable, Hashable, Codable, CaseIterable {
    /// The container's structure: regions, anomalies, overlay (always runs).
    case structure
    /// The picture decoded through libjpeg, libpng, libtiff or libwebp (``ScanReport/decode``).
    case decode
    /// Payloads carved from every region, the overlay and the decoded streams (always runs).
    case carve
    /// Pixel-level steganalysis (``ScanReport/stego``).
    case stego
    /// YARA rules matched against the whole file (its `yara:` labels).
    case yara
}
