extension PE {
    /// Name of a COFF `Machine` value (PE Format, "Machine Types"), or `nil` when the
    /// specification does not define it (IMAGE_FILE_MACHINE_UNKNOWN included: images name one).
    package static func machineName(_ machine: UInt16) -> String? {
        switch machine {
        case 0x014C: return "x86"
        case 0x8664: return "x86-64"
        case 0xAA64: return "ARM64"
        case 0xA641: return "ARM64EC"
        case 0xA64E: return "ARM64X"
        case 0x01C0: return "ARM"
        case 0x01C2: return "ARM-Thumb"
        case 0x01C4: return "ARMv7"
        case 0x0200: return "IA-64"
        case 0x0EBC: return "EFI-bytecode"
        case 0x5032: return "RISC-V32"
        case 0x5064: return "RISC-V64"
        case 0x5128: return "RISC-V128"
        case 0x6232: return "LoongArch32"
        case 0x6264: return "LoongArch64"
        case 0x0162: return "MIPS-R3000"
        case 0x0166: return "MIPS-R4000"
        case 0x0168: return "MIPS-R10000"
        case 0x0169: return "MIPS-WCE-v2"
        case 0x0266: return "MIPS16"
        case 0x0366: return "MIPS-FPU"
        case 0x0466: return "MIPS16-FPU"
        case 0x01F0: return "PowerPC"
        case 0x01F1: return "PowerPC-FP"
        case 0x01A2: return "SH3"
        case 0x01A3: return "SH3-DSP"
        case 0x01A6: return "SH4"
        case 0x01A8: return "SH5"
        case 0x0184: return "Alpha"
        case 0x0284: return "Alpha64"
        case 0x9041: return "M32R"
        default: return nil
        }
    }

    /// Name of an optional header `Subsystem` value (PE Format, "Windows Subsystem").
    package static func subsystemName(_ subsystem: UInt16) -> String {
        switch subsystem {
        case 0: return "unknown"
        case 1: return "native"
        case 2: return "windows-gui"
        case 3: return "windows-console"
        case 5: return "os2-console"
        case 7: return "posix-console"
        case 8: return "native-windows"
        case 9: return "windows-ce-gui"
        case 10: return "efi-application"
        case 11: return "efi-boot-service-driver"
        case 12: return "efi-runtime-driver"
        case 13: return "efi-rom"
        case 14: return "xbox"
        case 16: return "windows-boot-application"
        default: return "subsystem-\(subsystem)"
        }
    }
}
