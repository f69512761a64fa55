/// Bytes an obfuscated payload's header almost always starts with, for recovering a
/// repeating XOR key without knowing it: where the plaintext is known, the key is
/// `ciphertext XOR plaintext`.
struct KnownPlaintext: Sendable {
    /// Handler type that validates a decryption, e.g. `elf`.
    var type: String
    /// Short name for reports.
    var name: String
    /// The header's bytes; `nil` where they vary between files.
    var bytes: [UInt8?]

    /// Builds a template from hex text where `??` marks an unknown byte.
    init(type: String, name: String, hex: String) {
        self.type = type
        self.name = name
        self.bytes = hex.split(separator: " ").map { $0 == "??" ? nil : UInt8($0, radix: 16) }
    }

    /// Headers recognised. ELF: e_ident (OS/ABI unknown), e_version, and the fields that
    /// are the same in nearly every linked file (table offsets and entry sizes, zero high
    /// halves of addresses); DOS: the header every Microsoft and GNU linker writes.
    static let all: [KnownPlaintext] = [
        KnownPlaintext(type: "elf", name: "ELF64 LSB", hex: """
            7f 45 4c 46 02 01 01 ?? 00 00 00 00 00 00 00 00 ?? 00 ?? ?? 01 00 00 00 ?? ?? ?? ?? 00 00 00 00 \
            40 00 00 00 00 00 00 00 ?? ?? ?? ?? 00 00 00 00 ?? ?? ?? ?? 40 00 38 00 ?? 00 40 00 ?? 00 ?? 00
            """),
        // The common x86-64 builds pin e_type, e_machine and e_flags too, which covers every
        // position of keys up to 32 bytes but one (brute-forced).
        KnownPlaintext(type: "elf", name: "ELF64 LSB x86-64 DYN", hex: """
            7f 45 4c 46 02 01 01 ?? 00 00 00 00 00 00 00 00 03 00 3e 00 01 00 00 00 ?? ?? ?? ?? 00 00 00 00 \
            40 00 00 00 00 00 00 00 ?? ?? ?? ?? 00 00 00 00 00 00 00 00 40 00 38 00 ?? 00 40 00 ?? 00 ?? 00
            """),
        KnownPlaintext(type: "elf", name: "ELF64 LSB x86-64 EXEC", hex: """
            7f 45 4c 46 02 01 01 ?? 00 00 00 00 00 00 00 00 02 00 3e 00 01 00 00 00 ?? ?? ?? ?? 00 00 00 00 \
            40 00 00 00 00 00 00 00 ?? ?? ?? ?? 00 00 00 00 00 00 00 00 40 00 38 00 ?? 00 40 00 ?? 00 ?? 00
            """),
        KnownPlaintext(type: "elf", name: "ELF64 MSB", hex: """
            7f 45 4c 46 02 02 01 ?? 00 00 00 00 00 00 00 00 00 ?? ?? ?? 00 00 00 01 00 00 00 00 ?? ?? ?? ?? \
            00 00 00 00 00 00 00 40 00 00 00 00 ?? ?? ?? ?? ?? ?? ?? ?? 00 40 00 38 00 ?? 00 40 00 ?? 00 ??
            """),
        KnownPlaintext(type: "elf", name: "ELF32 LSB", hex: """
            7f 45 4c 46 01 01 01 ?? 00 00 00 00 00 00 00 00 ?? 00 ?? ?? 01 00 00 00 ?? ?? ?? ?? 34 00 00 00 \
            ?? ?? ?? ?? ?? ?? ?? ?? 34 00 20 00 ?? 00 28 00 ?? 00 ?? 00
            """),
        KnownPlaintext(type: "elf", name: "ELF32 MSB", hex: """
            7f 45 4c 46 01 02 01 ?? 00 00 00 00 00 00 00 00 00 ?? ?? ?? 00 00 00 01 ?? ?? ?? ?? 00 00 00 34 \
            ?? ?? ?? ?? ?? ?? ?? ?? 00 34 00 20 00 ?? 00 28 00 ?? 00 ??
            """),
        KnownPlaintext(type: "pe", name: "DOS header", hex: """
            4d 5a 90 00 03 00 00 00 04 00 00 00 ff ff 00 00 b8 00 00 00 00 00 00 00 40 00 00 00 00 00 00 00 \
            00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 ?? ?? 00 00
            """),
        KnownPlaintext(type: "zip", name: "ZIP local header", hex: "50 4b 03 04 ?? 00"),
        KnownPlaintext(type: "gzip", name: "gzip header", hex: "1f 8b 08"),
    ]
}
