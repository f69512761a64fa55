import StegCarveBytes
@testable import StegCarveCarving
import StegCarveModel
import TestSupport

/// Carves from an array, so test macros never see a non-escapable `Span`.
func carve(_ handler: any PayloadHandler, _ bytes: [UInt8], at start: Int = 0) -> CarvedExtent? {
    handler.carve(bytes.span, at: start)
}

/// Expands an array's bytes.
func expand(_ handler: any ExpandingPayloadHandler, _ bytes: [UInt8], limits: ExpansionLimits = ExpansionLimits()) -> Expansion {
    handler.expand(bytes.span, limits: limits)
}

/// Carves every payload in `bytes` as one region of `kind` with the registered handlers.
func carveAll(_ bytes: [UInt8], kind: Region.Kind = .overlay, maxFindings: Int = 100) -> [CarvedPayload] {
    Carver().carve(bytes.span, targets: [CarveTarget(name: "overlay", range: 0..<bytes.count, kind: kind)], maxFindings: maxFindings).payloads
}

/// Text that compresses well and is long enough for every minimum-size rule.
func sampleText(_ label: String, repeats: Int = 40) -> [UInt8] {
    Array(String(repeating: "StegCarve \(label) test payload line; ", count: repeats).utf8)
}
