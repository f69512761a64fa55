import StegCarveBytes

/// Carves ELF executables, shared objects and object files (32/64-bit, either byte order).
///
/// Specification: System V gABI, "Object Files" (ELF header, program and section header
/// tables). The header must validate (class, encoding, version, header and entry sizes,
/// table offsets, type) before anything is reported, so stray `\x7fELF` bytes are ignored.
/// The extent is the furthest byte any header, table, segment or section declares.
/// Limitation: data appended after the last declared byte (an ELF "overlay") is not claimed.
package struct ELFHandler: PayloadHandler {
    package init() {}

    package var type: String { "elf" }

    package var signatures: [PayloadSignature] {
        [PayloadSignature(magic: [0x7F, 0x45, 0x4C, 0x46])]
    }

    package var documentation: String {
        "ELF (System V gABI): extent = max(header, program/section header tables, segment and section file extents)"
    }

    package func carve(_ bytes: Span<UInt8>, at start: Int) -> CarvedExtent? {
        guard start >= 0, start < bytes.count else { return nil }
        let available = bytes.extracting(start..<bytes.count)
        guard available.matches([0x7F, 0x45, 0x4C, 0x46], at: 0),
              let image = try? ELF.Image(parsing: available) else { return nil }
        let length = min(image.declaredLength, available.count)
        let truncated = image.declaredLength > available.count || !image.tablesComplete
        return CarvedExtent(
            range: start..<(start + length),
            declaredLength: image.declaredLength,
            confidence: truncated ? .medium : .high
        )
    }
}
