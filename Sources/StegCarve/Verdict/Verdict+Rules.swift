extension VerdictRules {
    /// How a `yara:<rule>` label weighs in a verdict, from the rule's meta `verdict`
    /// (`malicious`, `suspicious`, `info`) and `score` (0–100, clamped into the verdict's
    /// band); `nil` for other labels and for `info` rules.
    static func ruleWeight(_ label: Label) -> (verdict: Verdict, score: Int)? {
        guard label.name.hasPrefix("yara:") else { return nil }
        let declared: String? = if case .string(let text)? = label.meta?["verdict"] { text.lowercased() } else { nil }
        let score: Int? = switch label.meta?["score"] ?? label.meta?["severity"] {
        case .integer(let value)?: Int(clamping: value)
        case .string(let text)?: Int(text)
        default: nil
        }
        switch declared {
        case "info", "clean", "benign", "benign-extra": return nil
        case "malicious": return (.malicious, min(100, max(90, score ?? 90)))
        default: return (.suspicious, min(89, max(40, score ?? 50)))
        }
    }

    /// Rule-match reasons: one per `yara:` label on a finding (`place` names it) or on the file.
    static func ruleReasons(_ labels: [Label], place: String) -> [(verdict: Verdict, score: Int, reason: String)] {
        labels.compactMap { label in
            guard let weight = ruleWeight(label) else { return nil }
            return (weight.verdict, weight.score, "\(place): \(label.reason)")
        }
    }
}
