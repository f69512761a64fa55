import StegCarveBytes
@testable import StegCarveCarving
import Testing
import TestSupport

/// Every executable handler over every truncation and many random byte flips of a valid
/// structure: it returns an extent inside the input or nothing, and never traps or hangs.
@Suite("Executable handlers on mutated inputs")
struct ExecutableRobustnessTests {
    struct Input: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: [UInt8]
        var testDescription: String { name }
    }

    static let inputs: [Input] = {
        var signedPE = SyntheticPE(is64: false, machine: 0x014C)
        signedPE.certificateSize = 0x40
        signedPE.symbolCount = 3
        var signedMachO = SyntheticMachO(is64: true, bigEndian: false, cpuType: 0x0100_000C)
        signedMachO.codeSignatureSize = 48
        let thin32 = SyntheticMachO(is64: false, bigEndian: true, cpuType: 18).build()
        return [
            Input(name: "PE32+", bytes: SyntheticPE(is64: true, machine: 0x8664).build()),
            Input(name: "PE32 with symbols and certificate", bytes: signedPE.build()),
            Input(name: "Mach-O 64 LE signed", bytes: signedMachO.build()),
            Input(name: "Mach-O 32 BE", bytes: thin32),
            Input(name: "fat64", bytes: SyntheticMachO.fat([(18, thin32), (0x0100_000C, signedMachO.build())], alignment: 4, fat64: true)),
            Input(name: "Java class", bytes: SyntheticJavaClass.build()),
            Input(name: "DEX", bytes: SyntheticDEX.build()),
            Input(name: "PHP", bytes: Array("<?php echo 'a?>b'; /* ?> */ // x\n system($_GET['c']); ?> tail".utf8)),
        ]
    }()

    private static func check(_ bytes: [UInt8]) {
        let span = bytes.span
        let handlers: [any PayloadHandler] = [PEHandler(), MachOHandler(), JavaClassHandler(), DEXHandler(), ScriptHandler()]
        for handler in handlers {
            guard let extent = handler.carve(span, at: 0) else { continue }
            #expect(extent.range.lowerBound == 0 && extent.range.upperBound <= bytes.count && !extent.range.isEmpty)
            #expect(extent.declaredLength >= extent.range.count)
        }
    }

    @Test("every prefix and 2,000 seeded byte flips", arguments: inputs)
    func mutations(input: Input) {
        for length in 0...input.bytes.count {
            Self.check(Array(input.bytes.prefix(length)))
        }
        var generator = SeededGenerator(seed: UInt64(input.bytes.count) &* 7919)
        for _ in 0..<2000 {
            var mutated = input.bytes
            for _ in 0..<Int.random(in: 1...6, using: &generator) {
                mutated[Int.random(in: 0..<mutated.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            }
            Self.check(mutated)
        }
    }
}
