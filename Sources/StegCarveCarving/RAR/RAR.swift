import StegCarveBytes

/// Namespace for RAR archives: RAR 1.5–4.x (`Rar!\x1A\x07\x00`) and RAR 5.0
/// (`Rar!\x1A\x07\x01\x00`), after RARLAB's technote (https://www.rarlab.com/technote.htm).
package enum RAR {
    /// The RAR 4 marker block.
    package static let signature4: [UInt8] = [0x52, 0x61, 0x72, 0x21, 0x1A, 0x07, 0x00]
    /// The RAR 5 signature.
    package static let signature5: [UInt8] = [0x52, 0x61, 0x72, 0x21, 0x1A, 0x07, 0x01, 0x00]

    /// Most blocks walked (bounds hostile inputs).
    static let maximumBlocks = 1_000_000
}
