/// Finds what a terminal would obey in program output (issue 12's hostile-output tests).
public enum RawControls {
    /// The control characters in `bytes` that must not reach a terminal raw: C0 except those
    /// `allowed` (line ends), DEL, C1 and the bidi overrides, as hex code points; `["invalid
    /// UTF-8"]` when the bytes are not UTF-8.
    public static func find(in bytes: [UInt8], allowing allowed: Set<UInt8> = [0x0A]) -> [String] {
        guard let text = String(validating: bytes, as: UTF8.self) else { return ["invalid UTF-8"] }
        var found: [String] = []
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x20, allowed.contains(UInt8(value)) { continue }
            if value < 0x20 || (0x7F...0x9F).contains(value) || (0x202A...0x202E).contains(value) {
                found.append(String(value, radix: 16))
            }
        }
        return found
    }
}
