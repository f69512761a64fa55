import StegCarveBytes

extension PE.Image {
    /// The file offset of relative virtual address `rva`, mapped as pefile's
    /// `get_offset_from_rva` does (so derived hashes such as the imphash agree with it):
    /// the section whose `[VirtualAddress, VirtualAddress + max(VirtualSize, SizeOfRawData))`
    /// holds it, cut at the next section's start, with `PointerToRawData` rounded down to
    /// 512 bytes and `VirtualAddress` to the section alignment as the Windows loader does;
    /// an address in no section but inside the headers maps to itself. `nil` outside `bytes`.
    package func fileOffset(ofRVA rva: UInt32, in bytes: Span<UInt8>) -> Int? {
        let fileAlignment = headers.fileAlignment
        let sectionAlignment = headers.sectionAlignment < 0x1000 ? fileAlignment : headers.sectionAlignment
        func alignedAddress(_ section: PE.SectionHeader) -> UInt64 {
            let address = UInt64(section.virtualAddress)
            guard sectionAlignment > 0 else { return address }
            return address - address % UInt64(sectionAlignment)
        }
        func alignedRaw(_ section: PE.SectionHeader) -> UInt64 {
            fileAlignment < 0x200 ? UInt64(section.rawOffset) : UInt64(section.rawOffset) / 0x200 * 0x200
        }
        let target = UInt64(rva)
        for (index, section) in sections.enumerated() {
            let start = alignedAddress(section)
            let rawStart = alignedRaw(section)
            // A raw size running past the file is a lie; pefile then trusts the virtual size.
            var size = UInt64(bytes.count) >= rawStart && UInt64(bytes.count) - rawStart >= UInt64(section.rawSize)
                ? max(UInt64(section.rawSize), UInt64(section.virtualSize)) : UInt64(section.virtualSize)
            if index + 1 < sections.count {
                let next = UInt64(sections[index + 1].virtualAddress)
                if next > start, next < start + size { size = next - start }
            }
            guard target >= start, target - start < size else { continue }
            let offset = rawStart + (target - start)
            return offset < UInt64(bytes.count) ? Int(offset) : nil
        }
        return target < UInt64(bytes.count) ? Int(target) : nil
    }

    /// The NUL-terminated string at `rva`, at most `maximumLength` bytes.
    package func string(atRVA rva: UInt32, in bytes: Span<UInt8>, maximumLength: Int = 512) -> String? {
        guard let offset = fileOffset(ofRVA: rva, in: bytes) else { return nil }
        return bytes.cString(at: offset, maximumLength: maximumLength)
    }
}
