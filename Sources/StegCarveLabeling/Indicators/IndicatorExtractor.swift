/// Kinds of indicator found in strings.
package enum IndicatorKind: String, Sendable, Equatable, CaseIterable {
    case url
    case ipv4
    case miningPool = "mining-pool"
    case moneroWallet = "monero-wallet"
    case minerName = "miner-name"
    case miningAlgorithm = "mining-algorithm"
}

/// One indicator and where it starts in the artifact.
package struct ExtractedIndicator: Sendable, Equatable, Hashable {
    package var kind: IndicatorKind
    package var value: String
    package var offset: Int

    package init(kind: IndicatorKind, value: String, offset: Int) {
        self.kind = kind
        self.value = value
        self.offset = offset
    }
}

/// Finds URLs, IPv4 addresses, mining-pool URLs, Monero wallets and miner names in strings.
///
/// Hand-written matchers rather than regular expressions: they run over every string of
/// every artifact and must stay linear and allocation-light.
package enum IndicatorExtractor {
    /// Most indicators kept per artifact; a string table full of URLs says enough by then.
    package static let maximumIndicators = 256

    /// Every indicator in the printable strings of `bytes`, deduplicated by kind and value.
    package static func indicators(in bytes: Span<UInt8>) -> [ExtractedIndicator] {
        var found: [ExtractedIndicator] = []
        var seen = Set<String>()
        PrintableStrings.forEach(in: bytes, minimumLength: 4) { offset, text in
            for indicator in indicators(inString: text, at: offset) where found.count < maximumIndicators {
                if seen.insert(indicator.kind.rawValue + "\u{0}" + indicator.value).inserted {
                    found.append(indicator)
                }
            }
        }
        return found
    }

    /// Indicators in one string that starts at `offset`.
    package static func indicators(inString text: String, at offset: Int) -> [ExtractedIndicator] {
        let scalars = Array(text.utf8)
        var result: [ExtractedIndicator] = []
        result += urls(in: scalars, at: offset)
        result += ipv4Addresses(in: scalars, at: offset)
        result += moneroWallets(in: scalars, at: offset)
        result += minerNames(in: scalars, at: offset)
        return result
    }

    private static let poolSchemes = ["stratum+tcp://", "stratum+ssl://", "stratum+tls://", "stratum2+tcp://", "stratum+udp://"]
    private static let urlSchemes = ["http://", "https://", "ftp://", "tcp://", "udp://"]

    private static func urls(in text: [UInt8], at base: Int) -> [ExtractedIndicator] {
        var result: [ExtractedIndicator] = []
        let lower = text.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }
        var index = 0
        while index < lower.count {
            var matched: (String, IndicatorKind)?
            for scheme in poolSchemes where hasPrefix(lower, Array(scheme.utf8), at: index) {
                matched = (scheme, .miningPool)
            }
            if matched == nil {
                for scheme in urlSchemes where hasPrefix(lower, Array(scheme.utf8), at: index) {
                    // `tcp://` inside `stratum+tcp://` was already taken as a pool.
                    matched = (scheme, .url)
                }
            }
            guard let (scheme, kind) = matched else {
                index += 1
                continue
            }
            var end = index + scheme.utf8.count
            while end < text.count, isURLCharacter(text[end]) { end += 1 }
            if end > index + scheme.utf8.count {
                result.append(ExtractedIndicator(kind: kind, value: String(decoding: text[index..<end], as: UTF8.self), offset: base + index))
            }
            index = end
        }
        return result
    }

    private static func ipv4Addresses(in text: [UInt8], at base: Int) -> [ExtractedIndicator] {
        var result: [ExtractedIndicator] = []
        var index = 0
        while index < text.count {
            guard isDigit(text[index]), index == 0 || !(isDigit(text[index - 1]) || text[index - 1] == 0x2E) else {
                index += 1
                continue
            }
            var octets: [Int] = []
            var position = index
            while octets.count < 4 {
                var value = 0
                var digits = 0
                while position < text.count, isDigit(text[position]), digits < 4 {
                    value = value * 10 + Int(text[position] - 0x30)
                    digits += 1
                    position += 1
                }
                guard digits > 0, digits <= 3, value <= 255 else { break }
                octets.append(value)
                if octets.count < 4 {
                    guard position < text.count, text[position] == 0x2E else { break }
                    position += 1
                }
            }
            let bounded = position >= text.count || !(isDigit(text[position]) || text[position] == 0x2E)
            if octets.count == 4, bounded, octets[0] != 0 {
                result.append(ExtractedIndicator(kind: .ipv4, value: octets.map(String.init).joined(separator: "."), offset: base + index))
            }
            index = max(position, index + 1)
        }
        return result
    }

    /// Monero standard (95 characters, `4…`), subaddress (95, `8…`) and integrated (106,
    /// `4…`) addresses: runs of exactly that many base58 characters.
    private static func moneroWallets(in text: [UInt8], at base: Int) -> [ExtractedIndicator] {
        var result: [ExtractedIndicator] = []
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
                result.append(ExtractedIndicator(kind: .moneroWallet, value: String(decoding: text[index..<end], as: UTF8.self), offset: base + index))
            }
            index = end
        }
        return result
    }

    private static let minerNames = ["xmrig", "xmr-stak", "cpuminer", "ccminer", "minerd", "nbminer", "lolminer", "phoenixminer", "t-rex", "claymore", "ethminer", "nanominer"]
    private static let algorithms = ["randomx", "cryptonight", "kawpow", "ethash", "argon2/chukwa", "rx/0", "cn/r"]

    private static func minerNames(in text: [UInt8], at base: Int) -> [ExtractedIndicator] {
        let lower = text.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }
        var result: [ExtractedIndicator] = []
        for (names, kind) in [(minerNames, IndicatorKind.minerName), (algorithms, .miningAlgorithm)] {
            for name in names {
                let pattern = Array(name.utf8)
                var index = 0
                while index + pattern.count <= lower.count {
                    if hasPrefix(lower, pattern, at: index), isWordBoundary(lower, index - 1), isWordBoundary(lower, index + pattern.count) {
                        result.append(ExtractedIndicator(kind: kind, value: String(decoding: text[index..<index + pattern.count], as: UTF8.self), offset: base + index))
                        break
                    }
                    index += 1
                }
            }
        }
        return result
    }

    private static func hasPrefix(_ text: [UInt8], _ prefix: [UInt8], at index: Int) -> Bool {
        guard index >= 0, text.count - index >= prefix.count else { return false }
        for offset in 0..<prefix.count where text[index + offset] != prefix[offset] { return false }
        return true
    }

    private static func isWordBoundary(_ text: [UInt8], _ index: Int) -> Bool {
        guard index >= 0, index < text.count else { return true }
        let byte = text[index]
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
