import StegCarveBytes

/// One libFuzzer entry point: a named function over arbitrary bytes that must return
/// without trapping, hanging or breaking its own invariants (``FuzzInvariant``).
///
/// The `stegcarve-fuzz` executable runs one target per process, chosen by the
/// `STEGCARVE_FUZZ_TARGET` environment variable (see `Scripts/fuzz`); the regression tests
/// replay every file in `Fuzzing/Regressions/<target>/` through the same function.
package struct FuzzTarget: Sendable {
    /// Stable name, used for the environment variable and the regression folder:
    /// `container-jpeg`, `handler-elf`, `decode-zlib`, `transform-base64`, `pixels-png`,
    /// `stego-png`, `scanner`, `carver-work`.
    package let name: String
    /// The code under test; `bytes` is the fuzzer's input.
    package let run: @Sendable (Span<UInt8>) -> Void

    package init(name: String, run: @escaping @Sendable (Span<UInt8>) -> Void) {
        self.name = name
        self.run = run
    }

    /// Runs the target over an array (for replays and tests).
    package func run(_ bytes: [UInt8]) {
        run(bytes.span)
    }
}

/// Every fuzz target, in one explicit list: one per container decoder, payload handler,
/// decompressor and transform (taken from their registries, so a new decoder or handler is
/// fuzzed without touching this file), the pixel decoders, the pixel steganalysis and the
/// whole scanner.
package enum FuzzTargets {
    package static let all: [FuzzTarget] = containerTargets + handlerTargets + decodingTargets + transformTargets
        + pixelTargets + [scannerTarget, workTarget]

    /// The target called `name`.
    package static func named(_ name: String) -> FuzzTarget? {
        all.first { $0.name == name }
    }
}
