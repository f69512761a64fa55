@testable import StegCarveCarving
@testable import StegCarveLabeling
import StegCarveModel
import Testing
import TestSupport

@Suite("Mach-O load commands and CPU types")
struct MachOSummaryTests {
    @Test("a thin file lists its load commands by name and count, with CPU subtype and flags")
    func thin() {
        var builder = SyntheticMachO(is64: true, bigEndian: false, cpuType: 0x0100_0007)
        builder.codeSignatureSize = 64
        let bytes = builder.build()
        let profile = ArtifactLabeler().profile(bytes.span, type: "macho", truncated: false)
        #expect(profile.metadata["loadCommands"] == .array([
            .object(["command": "LC_SEGMENT_64", "count": 3]),
            .object(["command": "LC_SYMTAB", "count": 1]),
            .object(["command": "LC_MAIN", "count": 1]),
            .object(["command": "LC_LOAD_DYLIB", "count": 1]),
            .object(["command": "LC_CODE_SIGNATURE", "count": 1]),
        ]))
        #expect(profile.metadata["flags"] == .integer(0x0020_0085))
        #expect(profile.metadata["cpuSubtype"] != nil)
        #expect(profile.metadata["hasCodeSignature"] == true)
    }

    @Test("a universal file lists the CPU type of every slice and each slice's commands")
    func fat() {
        let ppc = SyntheticMachO(is64: false, bigEndian: true, cpuType: 18).build()
        // The PowerPC slice has no code signature.
        let x86 = SyntheticMachO(is64: true, bigEndian: false, cpuType: 0x0100_0007).build()
        let fat = SyntheticMachO.fat([(18, ppc), (0x0100_0007, x86)])
        let profile = ArtifactLabeler().profile(fat.span, type: "macho", truncated: false)
        #expect(profile.metadata["cpuTypes"] == .array([18, 0x0100_0007]))
        guard case .array(let slices)? = profile.metadata["slices"], case .object(let first)? = slices.first else {
            Issue.record("no slices")
            return
        }
        #expect(first["loadCommands"] == .array([
            .object(["command": "LC_SEGMENT", "count": 3]),
            .object(["command": "LC_SYMTAB", "count": 1]),
            .object(["command": "LC_MAIN", "count": 1]),
            .object(["command": "LC_LOAD_DYLIB", "count": 1]),
        ]))
    }

    @Test("load command names", arguments: [(UInt32(0x19), "LC_SEGMENT_64"), (0x8000_0028, "LC_MAIN"), (0x1D, "LC_CODE_SIGNATURE"), (0x7777, "LC_0x7777")])
    func names(command: UInt32, name: String) {
        #expect(MachO.loadCommandName(command) == name)
    }
}
