/// How much pixel-level steganalysis a scan does (`--stego off|default|all`).
public enum StegoMode: String, Sendable, Hashable, Codable, CaseIterable {
    /// No pixel decoding for steganography, no `stego` section.
    case off
    /// The default layout sweep (bits 0–3 of the usual channel sets, row-major, both
    /// packings; whole-sample and Invoke-PSImage layouts), the detectors and, for JPEG,
    /// the JSteg coefficient stream.
    case standard = "default"
    /// Bits 0–7, every pixel order (`xy`, `yx`, `xy-bottom-up`): about ten times the work.
    case all
}
