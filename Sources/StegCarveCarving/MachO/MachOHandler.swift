import StegCarveBytes

/// Carves Mach-O files: thin 32/64-bit in either byte order, and fat/universal files.
///
/// Specification: `<mach-o/loader.h>` and `<mach-o/fat.h>` (Apple, cctools/xnu). A thin file
/// must have a defined CPU type matching its header class, a defined file type, a command
/// count and size that fit each other, and load commands that tile `sizeofcmds` with valid
/// sizes; the extent is the furthest byte a segment, section, relocation or link-edit table
/// declares. A fat file must have 1...32 arch entries with defined CPU types, aligned,
/// non-overlapping slices, and every slice present must be a thin Mach-O for the CPU its
/// entry names; the extent is the end of the last slice. `0xCAFEBABE` Java class files fail
/// the arch-count check. Limitation: data after the last declared byte is not claimed.
package struct MachOHandler: PayloadHandler {
    package init() {}

    package var type: String { "macho" }

    /// Every magic, written so the patterns start with only two distinct bytes (0xFE, 0xFA):
    /// the searcher pays per distinct first byte. `carve` checks the full magic.
    package var signatures: [PayloadSignature] {
        [
            PayloadSignature(magic: [0xFE, 0xED, 0xFA, 0xCE]),  // MH_MAGIC, big-endian
            PayloadSignature(magic: [0xFE, 0xED, 0xFA, 0xCF]),  // MH_MAGIC_64, big-endian
            PayloadSignature(magic: [0xFA, 0xED, 0xFE], offsetInHeader: 1),  // CEFAEDFE / CFFAEDFE, little-endian
            PayloadSignature(magic: [0xFE, 0xBA, 0xBE], offsetInHeader: 1),  // FAT_MAGIC CAFEBABE
            PayloadSignature(magic: [0xFE, 0xBA, 0xBF], offsetInHeader: 1),  // FAT_MAGIC_64 CAFEBABF
        ]
    }

    /// The four-byte magics the handler accepts.
    package static let magics: [[UInt8]] = [
        [0xFE, 0xED, 0xFA, 0xCE], [0xFE, 0xED, 0xFA, 0xCF], [0xCE, 0xFA, 0xED, 0xFE],
        [0xCF, 0xFA, 0xED, 0xFE], [0xCA, 0xFE, 0xBA, 0xBE], [0xCA, 0xFE, 0xBA, 0xBF],
    ]

    package var documentation: String {
        "Mach-O (<mach-o/loader.h>, <mach-o/fat.h>): thin extent = max(header+sizeofcmds, segments, sections, relocations, link-edit tables); fat extent = end of the last slice"
    }

    package func carve(_ bytes: Span<UInt8>, at start: Int) -> CarvedExtent? {
        guard start >= 0, start < bytes.count else { return nil }
        let available = bytes.extracting(start..<bytes.count)
        guard Self.magics.contains(where: { available.matches($0, at: 0) }),
              let declared = MachO.declaredLength(of: available) else { return nil }
        let length = min(declared, available.count)
        return CarvedExtent(
            range: start..<(start + length),
            declaredLength: declared,
            confidence: declared > available.count ? .medium : .high
        )
    }
}

extension MachO {
    /// The declared length of the thin or fat Mach-O at the start of `bytes`, or `nil`.
    package static func declaredLength(of bytes: Span<UInt8>) -> Int? {
        if Header.thinMagic(bytes) != nil {
            return (try? Image(parsing: bytes))?.declaredLength
        }
        return (try? FatImage(parsing: bytes))?.declaredLength
    }
}
