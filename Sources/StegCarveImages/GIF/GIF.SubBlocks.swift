import StegCarveBytes

/// Namespace for the GIF container (GIF89a specification, W3C/CompuServe 1990).
package enum GIF {}

extension GIF {
    /// A chain of data sub-blocks (GIF89a §15): length byte, that many bytes, ..., a zero
    /// length byte as block terminator.
    package struct SubBlocks: Sendable, Equatable {
        /// Contents of each sub-block, without its length byte, in stream order.
        package var pieces: [Range<Int>]
        /// One past the block terminator, or the end of the input when it is missing.
        package var end: Int
        /// The chain reached its zero-length terminator inside the input.
        package var terminated: Bool

        /// Reads the chain starting with the length byte at `start`. Every step consumes at
        /// least one byte, so the walk is linear in the input.
        package init(in bytes: Span<UInt8>, at start: Int) {
            var pieces: [Range<Int>] = []
            var position = start
            let count = bytes.count
            while position < count {
                let length = Int(bytes[position])
                if length == 0 {
                    self.init(pieces: pieces, end: position + 1, terminated: true)
                    return
                }
                let dataStart = position + 1
                let dataEnd = min(count, dataStart + length)
                if dataEnd > dataStart { pieces.append(dataStart..<dataEnd) }
                position = dataStart + length
            }
            self.init(pieces: pieces, end: count, terminated: false)
        }

        private init(pieces: [Range<Int>], end: Int, terminated: Bool) {
            self.pieces = pieces
            self.end = end
            self.terminated = terminated
        }
    }
}
