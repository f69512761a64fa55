import StegCarveBytes
import StegCarveCarving

extension FuzzTargets {
    /// Most work units the carver may charge per input byte: the signature pass, handler
    /// walks and header checks, and up to 1,024 decoded bytes per input byte (the locating
    /// allowance, ``CarveContext/locatingBytesPerInputByte``) with room to spare.
    static let workPerByte = 4_096
    /// Work allowed on top of the per-byte amount: one bomb's worth of locating decode (the
    /// allowance's fixed part) and one signature pass's worth.
    static let fixedWork = 2 * DecodeBudget.locating.limit

    /// `carver-work`: the whole carver over the input as one undeclared region, with a work
    /// meter and no deadline. Its counted work must stay under ``workPerByte`` per input byte
    /// plus ``fixedWork``, so a path that repeats work per signature hit (quadratic) fails as
    /// a broken invariant, with its input saved, instead of as a timeout.
    static let workTarget = FuzzTarget(name: "carver-work") { bytes in
        let meter = WorkMeter.unbounded()
        let outcome = Carver().carve(bytes, targets: [CarveTarget(name: "raw", range: 0..<bytes.count)], maxFindings: 1_000, meter: meter)
        let allowed = workPerByte * bytes.count + fixedWork
        FuzzInvariant.check(
            meter.units <= allowed,
            "\(meter.units) work units for \(bytes.count) bytes (\(outcome.payloads.count) payloads), over \(allowed)",
            target: "carver-work"
        )
    }
}
