/// Streams that a container splits into pieces (GIF sub-blocks, PNG IDAT chunks, JPEG
/// segments of one kind) are searched and decoded as the concatenation of their pieces;
/// results are mapped back to the file through the piece list.
extension Span where Element == UInt8 {
    /// The concatenation of `pieces` in the order given; parts outside the span are skipped.
    package func joined(_ pieces: [Range<Int>]) -> [UInt8] {
        let inside = pieces.map { $0.clamped(to: 0..<count) }
        var joined: [UInt8] = []
        joined.reserveCapacity(inside.reduce(0) { $0 + $1.count })
        for piece in inside {
            for index in piece { joined.append(self[index]) }
        }
        return joined
    }
}

/// Maps positions in a stream joined from pieces back to the pieces' own ranges.
package enum JoinedPieces {
    /// The source ranges that hold `range` of the stream joined from `pieces`, in order.
    package static func sourceRanges(of range: Range<Int>, in pieces: [Range<Int>]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var streamStart = 0
        for piece in pieces {
            let streamEnd = streamStart + piece.count
            let low = max(range.lowerBound, streamStart), high = min(range.upperBound, streamEnd)
            if low < high {
                result.append((piece.lowerBound + low - streamStart)..<(piece.lowerBound + high - streamStart))
            }
            if streamEnd >= range.upperBound { break }
            streamStart = streamEnd
        }
        return result
    }
}
