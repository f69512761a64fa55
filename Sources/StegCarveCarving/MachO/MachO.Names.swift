extension MachO {
    /// Name of a `cputype` (`<mach/machine.h>`), or `nil` when it defines none.
    package static func cpuName(_ cpuType: UInt32) -> String? {
        switch cpuType {
        case 7: return "x86"
        case 0x0100_0007: return "x86-64"
        case 12: return "ARM"
        case 0x0100_000C: return "ARM64"
        case 0x0200_000C: return "ARM64_32"
        case 18: return "PowerPC"
        case 0x0100_0012: return "PowerPC64"
        case 6: return "m68k"
        case 10: return "MC98000"
        case 11: return "HPPA"
        case 13: return "MC88000"
        case 14: return "SPARC"
        case 15: return "i860"
        default: return nil
        }
    }

    /// Name of a `filetype` (MH_OBJECT ... MH_FILESET).
    package static func fileTypeName(_ fileType: UInt32) -> String {
        switch fileType {
        case 1: return "object"
        case 2: return "execute"
        case 3: return "fvmlib"
        case 4: return "core"
        case 5: return "preload"
        case 6: return "dylib"
        case 7: return "dylinker"
        case 8: return "bundle"
        case 9: return "dylib-stub"
        case 10: return "dsym"
        case 11: return "kext-bundle"
        case 12: return "fileset"
        default: return "filetype-\(fileType)"
        }
    }
}
