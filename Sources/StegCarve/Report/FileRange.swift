/// A byte range of the scanned file.
public struct FileRange: Sendable, Hashable, Codable {
    /// Offset of the first byte in the file.
    public var offset: Int
    /// Number of bytes.
    public var length: Int

    public init(offset: Int, length: Int) {
        self.offset = offset
        self.length = length
    }
}
