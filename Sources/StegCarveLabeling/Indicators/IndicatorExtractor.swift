import StegCarveModel

/// Finds URLs, IPv4 addresses, mining-pool URLs, Monero wallets and miner names in strings.
///
/// Hand-written matchers rather than regular expressions: they run over every string of
/// every artifact and must stay linear and allocation-light.
package enum IndicatorExtractor {
    /// Most indicators kept per artifact; a string table full of URLs says enough by then.
    package static let maximumIndicators = 256

    /// Every indicator in the printable strings of `bytes`, deduplicated by kind and value.
    package static func indicators(in bytes: Span<UInt8>) -> [Indicator] {
        var found: [Indicator] = []
        var seen = Set<String>()
        PrintableStrings.forEachRange(in: bytes, minimumLength: 4) { range in
            guard found.count < maximumIndicators else { return }
            for indicator in indicators(inRun: bytes.extracting(range), at: range.lowerBound) {
                if found.count < maximumIndicators, seen.insert(indicator.kind.rawValue + "\u{0}" + indicator.value).inserted {
                    found.append(indicator)
                }
            }
        }
        return found
    }

    /// Indicators in one string that starts at `offset`.
    package static func indicators(inString text: String, at offset: Int) -> [Indicator] {
        let bytes = Array(text.utf8)
        return indicators(inRun: bytes.span, at: offset)
    }

    /// Indicators in one printable run; values are copied out only for matches.
    private static func indicators(inRun text: Span<UInt8>, at base: Int) -> [Indicator] {
        var result: [Indicator] = []
        urls(in: text, at: base, into: &result)
        ipv4Addresses(in: text, at: base, into: &result)
        moneroWallets(in: text, at: base, into: &result)
        names(in: text, at: base, into: &result)
        return result
    }

    private static let poolSchemes: [[UInt8]] = ["stratum+tcp://", "stratum+ssl://", "stratum+tls://", "stratum2+tcp://", "stratum+udp://"].map { Array($0.utf8) }
    private static let urlSchemes: [[UInt8]] = ["http://", "https://", "ftp://", "tcp://", "udp://"].map { Array($0.utf8) }

    /// URLs and stratum pool URLs: a known scheme followed by URL characters.
    private static func urls(in text: Span<UInt8>, at base: Int, into result: inout [Indicator]) {
        // Every scheme contains "://"; find that first and look back for the scheme.
        var index = 0
        while index + 3 <= text.count {
            guard text[index] == 0x3A, text[index + 1] == 0x2F, text[index + 2] == 0x2F else {
                index += 1
                continue
            }
            var match: (start: Int, kind: Indicator.Kind)?
            for scheme in poolSchemes where matchesLowercased(text, scheme, at: index + 3 - scheme.count) {
                match = (index + 3 - scheme.count, .miningPool)
                break
            }
            if match == nil {
                for scheme in urlSchemes where matchesLowercased(text, scheme, at: index + 3 - scheme.count) {
                    match = (index + 3 - scheme.count, .url)
                    break
                }
            }
            var end = index + 3
            while end < text.count, isURLCharacter(text[end]) { end += 1 }
            if let match, end > index + 3 {
                result.append(Indicator(kind: match.kind, value: string(text, match.start..<end), offset: base + match.start))
            }
            index = end
        }
    }

    /// Dotted quads with every octet at most 255 and no digit or dot on either side.
    private static func ipv4Addresses(in text: Span<UInt8>, at base: Int, into result: inout [Indicator]) {
        var index = 0
        while index < text.count {
            guard isDigit(text[index]), index == 0 || !(isDigit(text[index - 1]) || text[index - 1] == 0x2E) else {
                index += 1
                continue
            }
            var octets = 0
            var position = index
            var valid = true
            while octets < 4 {
                var value = 0
                var digits = 0
                while position < text.count, isDigit(text[position]), digits < 4 {
                    value = value * 10 + Int(text[position] - 0x30)
                    digits += 1
                    position += 1
                }
                guard digits > 0, digits <= 3, value <= 255 else {
                    valid = false
                    break
                }
                if octets == 0, value == 0 { valid = false }
                octets += 1
                if octets < 4 {
                    guard position < text.count, text[position] == 0x2E else {
                        valid = false
                        break
                    }
                    position += 1
                }
            }
            let bounded = position >= text.count || !(isDigit(text[position]) || text[position] == 0x2E)
            if valid, octets == 4, bounded {
                result.append(Indicator(kind: .ipv4, value: string(text, index..<position), offset: base + index))
            }
            index = max(position, index + 1)
        }
    }

    /// Monero standard (95 characters, `4…`), subaddress (95, `8…`) and integrated (106,
    /// `4…`) addresses: runs of exactly that many base58 characters.
    private static func moneroWallets(in text: Span<UInt8>, at base: Int, into result: inout [Indicator]) {
        guard text.count >= 95 else { return }
        var index = 0
        while index < text.count {
            guard isBase58(text[index]) else {
                index += 1
                continue
            }
            var end = index
            while end < text.count, isBase58(text[end]) { end += 1 }
            let length = end - index
            let first = text[index]
            if (length == 95 && (first == 0x34 || first == 0x38)) || (length == 106 && first == 0x34) {
                result.append(Indicator(kind: .moneroWallet, value: string(text, index..<end), offset: base + index))
            }
            index = end
        }
    }

    private static let minerNames: [[UInt8]] = ["xmrig", "xmr-stak", "cpuminer", "ccminer", "minerd", "nbminer", "lolminer", "phoenixminer", "t-rex", "claymore", "ethminer", "nanominer"].map { Array($0.utf8) }
    private static let algorithms: [[UInt8]] = ["randomx", "cryptonight", "kawpow", "ethash", "argon2/chukwa", "rx/0", "cn/r"].map { Array($0.utf8) }

    /// Miner program names and mining algorithm names as whole words, any case.
    private static func names(in text: Span<UInt8>, at base: Int, into result: inout [Indicator]) {
        for (names, kind) in [(minerNames, Indicator.Kind.minerName), (algorithms, .miningAlgorithm)] {
            for name in names {
                var index = 0
                while index + name.count <= text.count {
                    if lowercase(text[index]) == name[0], matchesLowercased(text, name, at: index),
                       isWordBoundary(text, index - 1), isWordBoundary(text, index + name.count) {
                        result.append(Indicator(kind: kind, value: string(text, index..<(index + name.count)), offset: base + index))
                        break
                    }
                    index += 1
                }
            }
        }
    }

    /// Whether `text` at `index` equals the lowercase `pattern`, ignoring ASCII case.
    private static func matchesLowercased(_ text: Span<UInt8>, _ pattern: [UInt8], at index: Int) -> Bool {
        guard index >= 0, text.count - index >= pattern.count else { return false }
        for offset in 0..<pattern.count where lowercase(text[index + offset]) != pattern[offset] { return false }
        return true
    }

    private static func string(_ text: Span<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: text.bytes(in: range), as: UTF8.self)
    }

    private static func lowercase(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
    }

    private static func isWordBoundary(_ text: Span<UInt8>, _ index: Int) -> Bool {
        guard index >= 0, index < text.count else { return true }
        let byte = lowercase(text[index])
        return !((0x61...0x7A).contains(byte) || isDigit(byte))
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }

    private static func isBase58(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x31...0x39: return true  // 1-9
        case 0x41...0x48, 0x4A...0x4E, 0x50...0x5A: return true  // A-Z without I, O
        case 0x61...0x6B, 0x6D...0x7A: return true  // a-z without l
        default: return false
        }
    }

    private static func isURLCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x21, 0x23...0x26, 0x28...0x3B, 0x3D, 0x3F...0x5A, 0x5F, 0x61...0x7A, 0x7E: return true
        default: return false
        }
    }
}
