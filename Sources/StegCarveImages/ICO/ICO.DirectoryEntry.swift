import StegCarveBytes

/// Namespace for Windows icon and cursor files (`ICONDIR`, `ICONDIRENTRY`).
package enum ICO {}

extension ICO {
    /// One `ICONDIRENTRY` (16 bytes).
    package struct DirectoryEntry: Sendable, Equatable {
        /// `bWidth`, 0 meaning 256.
        package var width: Int
        /// `bHeight`, 0 meaning 256.
        package var height: Int
        /// ICO: `wBitCount`; CUR: hotspot y.
        package var bitCount: Int
        /// `dwBytesInRes`.
        package var size: Int
        /// `dwImageOffset`.
        package var offset: Int

        package init?(_ bytes: Span<UInt8>, at position: Int) {
            guard let width = bytes.uint8(at: position), let height = bytes.uint8(at: position + 1),
                  let bitCount = bytes.uint16(at: position + 6, .little),
                  let size = bytes.uint32(at: position + 8, .little),
                  let offset = bytes.uint32(at: position + 12, .little) else { return nil }
            self.width = width == 0 ? 256 : Int(width)
            self.height = height == 0 ? 256 : Int(height)
            self.bitCount = Int(bitCount)
            self.size = Int(size)
            self.offset = Int(offset)
        }

        /// The range the entry declares.
        package var range: Range<Int> { offset..<(offset + size) }
    }
}
