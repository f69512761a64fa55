import StegCarveModel

/// Labels derived from indicators, each with a reason naming the evidence.
package enum IndicatorRules {
    /// Labels for a payload whose strings hold `indicators`.
    ///
    /// `cryptominer` needs two independent kinds of mining evidence (a miner name, a mining
    /// algorithm, a stratum pool URL, a Monero wallet), so one stray word is not enough.
    package static func labels(for indicators: [Indicator]) -> [Label] {
        var labels: [Label] = []
        let kinds = Set(indicators.map(\.kind))
        let miningKinds: [Indicator.Kind] = [.minerName, .miningAlgorithm, .miningPool, .moneroWallet]
        let miningEvidence = miningKinds.filter(kinds.contains)
        if miningEvidence.count >= 2 {
            var parts: [String] = []
            for kind in miningEvidence {
                let values = indicators.filter { $0.kind == kind }.map(\.value)
                switch kind {
                case .minerName, .miningAlgorithm: parts.append(values.prefix(3).joined(separator: ", "))
                case .miningPool: parts.append("pool \(values[0])")
                case .moneroWallet: parts.append("a Monero wallet address")
                default: break
                }
            }
            labels.append(Label(name: "cryptominer", reason: "references " + naturalList(parts)))
        }
        let network = indicators.filter { $0.kind == .url || $0.kind == .ipv4 }
        if let first = network.first {
            let more = network.count > 1 ? " and \(network.count - 1) more" : ""
            labels.append(Label(name: "network-indicators", reason: "contains \(first.value)\(more)"))
        }
        return labels
    }

    private static func naturalList(_ parts: [String]) -> String {
        guard parts.count > 1, let last = parts.last else { return parts.first ?? "" }
        return parts.dropLast().joined(separator: ", ") + " and " + last
    }
}
