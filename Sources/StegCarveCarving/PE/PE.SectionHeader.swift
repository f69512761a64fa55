import StegCarveBytes

extension PE {
    /// One section table entry (`IMAGE_SECTION_HEADER`, 40 bytes).
    package struct SectionHeader: Sendable, Equatable {
        /// `Name`, up to 8 bytes (long names of object files are `/nnn` string table offsets).
        package var name: String
        /// `VirtualSize`.
        package var virtualSize: UInt32
        /// `VirtualAddress`.
        package var virtualAddress: UInt32
        /// `SizeOfRawData`.
        package var rawSize: UInt32
        /// `PointerToRawData`.
        package var rawOffset: UInt32
        /// `Characteristics`.
        package var characteristics: UInt32

        /// Reads the section header at `offset`; `nil` when it lies outside `bytes`.
        package init?(in bytes: Span<UInt8>, at offset: Int) {
            guard bytes.contains(offset: offset, length: 40),
                  let virtualSize = bytes.uint32(at: offset + 8, .little),
                  let virtualAddress = bytes.uint32(at: offset + 12, .little),
                  let rawSize = bytes.uint32(at: offset + 16, .little),
                  let rawOffset = bytes.uint32(at: offset + 20, .little),
                  let characteristics = bytes.uint32(at: offset + 36, .little) else { return nil }
            var nameBytes = bytes.bytes(in: offset..<(offset + 8))
            while nameBytes.last == 0 { nameBytes.removeLast() }
            name = String(decoding: nameBytes, as: UTF8.self)
            (self.virtualSize, self.virtualAddress, self.rawSize, self.rawOffset) = (virtualSize, virtualAddress, rawSize, rawOffset)
            self.characteristics = characteristics
        }

        /// The section's bytes in the file, or `nil` when it has none (uninitialised data).
        package var rawRange: Range<UInt64>? {
            guard rawSize > 0, rawOffset > 0 else { return nil }
            return UInt64(rawOffset)..<(UInt64(rawOffset) + UInt64(rawSize))
        }
    }
}
