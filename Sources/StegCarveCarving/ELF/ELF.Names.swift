extension ELF {
    /// Name of an `e_machine` value (gABI "Machine" table, common subset).
    package static func machineName(_ machine: UInt16) -> String {
        switch machine {
        case 2: return "SPARC"
        case 3: return "x86"
        case 4: return "m68k"
        case 8: return "MIPS"
        case 10: return "MIPS-RS3-LE"
        case 15: return "PA-RISC"
        case 18: return "SPARC32PLUS"
        case 20: return "PowerPC"
        case 21: return "PowerPC64"
        case 22: return "s390x"
        case 40: return "ARM"
        case 42: return "SuperH"
        case 43: return "SPARCv9"
        case 50: return "IA-64"
        case 62: return "x86-64"
        case 83: return "AVR"
        case 92: return "OpenRISC"
        case 94: return "Xtensa"
        case 183: return "AArch64"
        case 243: return "RISC-V"
        case 247: return "BPF"
        case 258: return "LoongArch"
        default: return "machine-\(machine)"
        }
    }

    /// Name of an `e_type` value.
    package static func typeName(_ type: UInt16) -> String {
        switch type {
        case 0: return "NONE"
        case 1: return "REL"
        case 2: return "EXEC"
        case 3: return "DYN"
        case 4: return "CORE"
        case 0xFE00...0xFEFF: return "OS-specific"
        default: return "processor-specific"
        }
    }

    /// Name of an `EI_OSABI` value.
    package static func osABIName(_ value: UInt8) -> String {
        switch value {
        case 0: return "SYSV"
        case 1: return "HP-UX"
        case 2: return "NetBSD"
        case 3: return "Linux"
        case 6: return "Solaris"
        case 7: return "AIX"
        case 8: return "IRIX"
        case 9: return "FreeBSD"
        case 12: return "OpenBSD"
        case 97: return "ARM"
        case 255: return "standalone"
        default: return "osabi-\(value)"
        }
    }
}
