import StegCarveBytes

extension ELF.Image {
    /// The GNU build ID (note `GNU`, type NT_GNU_BUILD_ID = 3) as lowercase hex.
    ///
    /// Looks in PT_NOTE segments, then SHT_NOTE sections (relocatable files have no segments).
    package func buildID(in bytes: Span<UInt8>) -> [UInt8]? {
        var ranges: [(Range<Int>, Int)] = []
        for segment in programHeaders where segment.type == ELF.ProgramHeader.note {
            if let range = fileRange(offset: segment.offset, size: segment.fileSize, in: bytes) {
                ranges.append((range, segment.alignment == 8 ? 8 : 4))
            }
        }
        for section in sectionHeaders where section.type == ELF.SectionHeader.note {
            if let range = fileRange(offset: section.offset, size: section.size, in: bytes) {
                ranges.append((range, 4))
            }
        }
        for (range, alignment) in ranges {
            if let id = Self.buildID(inNotes: bytes.extracting(range), order: header.byteOrder, alignment: alignment) {
                return id
            }
        }
        return nil
    }

    /// Walks one note area (gABI "Note Section": namesz, descsz, type, padded name and desc).
    private static func buildID(inNotes notes: Span<UInt8>, order: ByteOrder, alignment: Int) -> [UInt8]? {
        var position = 0
        func padded(_ value: Int) -> Int? {
            value.adding(alignment - 1).map { $0 & ~(alignment - 1) }
        }
        while notes.count - position >= 12 {
            guard let nameSize = notes.uint32(at: position, order), let descriptorSize = notes.uint32(at: position + 4, order),
                  let type = notes.uint32(at: position + 8, order),
                  let nameLength = padded(Int(nameSize)), let descriptorLength = padded(Int(descriptorSize)) else { return nil }
            let name = position + 12
            let descriptor = name + nameLength
            guard notes.contains(offset: descriptor, length: Int(descriptorSize)) else { return nil }
            if type == 3, nameSize == 4, notes.matches(Array("GNU\0".utf8), at: name) {
                return notes.bytes(in: descriptor..<(descriptor + Int(descriptorSize)))
            }
            guard let next = descriptor.adding(descriptorLength), next > position else { return nil }
            position = next
        }
        return nil
    }
}
