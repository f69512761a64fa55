import StegCarveCarving

/// Cheap tests on the first bytes of an extracted stream deciding whether it is worth
/// extracting in full.
package enum StreamTriage {
    /// Why a prefix was kept.
    package enum Hit: Sendable, Equatable {
        /// A registered payload handler accepted a header in the prefix.
        case payload
        /// A valid zlib header (CMF/FLG check, deflate, window ≤ 32 KiB) at offset 0.
        case zlibHeader
        /// At least 32 printable ASCII bytes (tab, CR, LF allowed) from offset 0, not shaped
        /// like a smooth picture's low nibbles (``maximumSmoothShare``); only asked of layouts
        /// reading planes 0–3, because whole samples of a smooth picture are themselves mostly
        /// in the printable range.
        case text
        /// OpenStego's LSB header (`OPENSTEGO`, version, little-endian data length, channel
        /// bits, file-name length, compression and encryption flags, file name) at offset 0.
        case openStego
        /// wbStego's framing (``WbStegoHeader``) at offset 0; only asked of the layout that
        /// reads a bitmap's bytes in file order.
        case wbStego
    }

    /// OpenStego's header stamp (`LSBDataHeader.DATA_STAMP`).
    package static let openStegoStamp = Array("OPENSTEGO".utf8)

    /// The first hit for `prefix`, or `nil`. `wbStegoCapacity` (the bytes the layout can carry)
    /// is given only for the layout wbStego writes, and enables ``Hit/wbStego``.
    package static func triage(_ prefix: [UInt8], carver: Carver, looksForText: Bool = true, wbStegoCapacity: Int? = nil) -> Hit? {
        if prefix.starts(with: openStegoStamp) { return .openStego }
        if let capacity = wbStegoCapacity, WbStegoHeader(prefix, capacity: capacity) != nil { return .wbStego }
        let span = prefix.span
        let outcome = carver.carve(span, targets: [CarveTarget(name: "prefix", range: 0..<prefix.count, searchesEncodings: false)], maxFindings: 1)
        if !outcome.payloads.isEmpty { return .payload }
        if prefix.count >= 2, prefix[0] & 0x0F == 8, prefix[0] >> 4 <= 7,
           (Int(prefix[0]) << 8 | Int(prefix[1])) % 31 == 0 {
            return .zlibHeader
        }
        if looksForText, printableRun(prefix) >= minimumTextRun,
           Set(prefix.prefix(64)).count >= minimumDistinctTextBytes,
           case let run = prefix.prefix(min(64, printableRun(prefix))),
           Set(run).count >= minimumDistinctInRun, smoothShare(run) < maximumSmoothShare {
            return .text
        }
        return nil
    }

    /// Random bits start with 32 printable bytes with probability (98/256)^32 ≈ 5e-14.
    package static let minimumTextRun = 32
    /// Distinct byte values required in the first 64 bytes of a text hit. A layout that
    /// mixes a constant plane (an opaque alpha's bit 1) with payload bits fixes 4 bits of
    /// every byte and gives at most 16 values, often all printable; English text of that
    /// length has about 20.
    package static let minimumDistinctTextBytes = 17

    /// Distinct bytes required in the printable run itself (its first 64 bytes): a smooth
    /// area read through two channels' nibbles repeats a handful of characters (`mm\\\\KK`);
    /// 32 characters of English, hex or base64 have 12 or more.
    package static let minimumDistinctInRun = 10

    /// Share of bytes whose two nibbles differ by at most 1 above which a printable run is
    /// taken for a smooth picture's low bits, not text. Neighbouring samples of a flat or
    /// gradual area give nearly equal low nibbles (`3333""DDUU`, `UUUU` = alternating LSBs),
    /// all printable; on 3,240 clean calibration crops such runs were the only "text" found
    /// (20 of 648 per format, share 0.53–1.0). English, scripts, base64 and hex stay under
    /// 0.4 (`e`, `f`, `g`, `v`, `w`, `3`, `D`, `U` are the only common such characters).
    package static let maximumSmoothShare = 0.5

    /// Share of `bytes` whose high and low nibbles differ by at most 1.
    package static func smoothShare(_ bytes: ArraySlice<UInt8>) -> Double {
        guard !bytes.isEmpty else { return 0 }
        let smooth = bytes.reduce(0) { count, byte in
            count + (abs(Int(byte >> 4) - Int(byte & 0x0F)) <= 1 ? 1 : 0)
        }
        return Double(smooth) / Double(bytes.count)
    }

    /// Length of the printable ASCII run (plus tab, CR, LF) at offset 0.
    package static func printableRun(_ bytes: [UInt8]) -> Int {
        bytes.firstIndex(where: { !isPrintable($0) }) ?? bytes.count
    }

    static func isPrintable(_ byte: UInt8) -> Bool {
        (0x20...0x7E).contains(byte) || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
