import StegCarveBytes

/// Carves Windows PE images (PE32 and PE32+: EXE, DLL, SYS, EFI).
///
/// Specification: Microsoft "PE Format" (learn.microsoft.com/windows/win32/debug/pe-format).
/// `MZ`, then `e_lfanew` in range, `PE\0\0`, a defined COFF `Machine`, 1...96 sections, an
/// executable image, optional header magic 0x10B/0x20B with a consistent size, power-of-two
/// alignments and a sane `SizeOfHeaders` must all validate before anything is reported, so the
/// frequent stray `MZ` in compressed data is ignored.
/// The extent is the furthest byte the headers, sections, COFF symbol/string tables or the
/// certificate table declare. Limitation: a PE overlay (data appended after that, e.g. by
/// installers) is not claimed and stays unexplained; tiny hand-made PEs with no sections are
/// rejected.
package struct PEHandler: PayloadHandler {
    package init() {}

    package var type: String { "pe" }

    package var signatures: [PayloadSignature] {
        [PayloadSignature(magic: [0x4D, 0x5A])]
    }

    package var documentation: String {
        "PE/PE32+ (Microsoft PE Format): extent = max(SizeOfHeaders, section table, section raw data, COFF symbol/string table, certificate table); overlay not claimed"
    }

    package func carve(_ bytes: Span<UInt8>, at start: Int) -> CarvedExtent? {
        guard start >= 0, start < bytes.count else { return nil }
        let available = bytes.extracting(start..<bytes.count)
        guard available.matches([0x4D, 0x5A], at: 0), let image = try? PE.Image(parsing: available) else { return nil }
        let length = min(image.declaredLength, available.count)
        return CarvedExtent(
            range: start..<(start + length),
            declaredLength: image.declaredLength,
            confidence: image.declaredLength > available.count ? .medium : .high
        )
    }
}
