import StegCarveBytes
import StegCarveModel

/// A byte range of the input with the role its container gives it.
package struct ImageRegion: Sendable, Equatable {
    /// Region roles, as the report names them.
    package typealias Kind = Region.Kind

    /// Role of the bytes.
    package var kind: Kind
    /// Structure name, e.g. `segment:APP1:Exif`, `chunk:IDAT`, `overlay`.
    package var name: String
    /// The whole structure, framing included.
    package var range: Range<Int>
    /// The bytes inside the framing that a payload could occupy; the carver searches these.
    /// With ``payloadPieces`` it is the hull from the first piece to the end of the last.
    package var payload: Range<Int>
    /// For data the container splits into length-prefixed pieces (GIF sub-blocks): the
    /// content of each piece, without its length byte, in stream order. The payload is the
    /// concatenation of these ranges, so the carver joins them before searching and reports
    /// offsets within the joined stream. `nil` when ``payload`` is one contiguous range.
    package var payloadPieces: [Range<Int>]?

    package init(kind: Kind, name: String, range: Range<Int>, payload: Range<Int>? = nil) {
        self.kind = kind
        self.name = name
        self.range = range
        self.payload = payload ?? range
        self.payloadPieces = nil
    }

    /// A region whose payload is the concatenation of `pieces` (in stream order, each inside
    /// `range`).
    package init(kind: Kind, name: String, range: Range<Int>, pieces: [Range<Int>]) {
        self.kind = kind
        self.name = name
        self.range = range
        let start = pieces.first?.lowerBound ?? range.lowerBound
        self.payload = start..<max(start, pieces.last?.upperBound ?? start)
        self.payloadPieces = pieces
    }
}

/// Bounds on structure parsing, so hostile files with absurd structure stay cheap.
package struct StructureLimits: Sendable, Equatable {
    /// Most regions recorded per file; the rest of the file becomes one scanned `gap`.
    package var maxRegions: Int
    /// Most pictures followed in a multi-picture (MPO) file.
    package var maxPictures: Int
    /// Most bytes inflated from a picture's own compressed data (PNG IDAT) to check it.
    package var maxInflatedBytes: Int
    /// Whether the picture's own image data (PNG IDAT) is inflated and checked; metadata
    /// streams (zTXt, iCCP) always are. Off for structure-only sweeps.
    package var inflatesImageData: Bool

    package init(maxRegions: Int = 100_000, maxPictures: Int = 64, maxInflatedBytes: Int = 256 << 20, inflatesImageData: Bool = true) {
        self.maxRegions = maxRegions
        self.maxPictures = maxPictures
        self.maxInflatedBytes = maxInflatedBytes
        self.inflatesImageData = inflatesImageData
    }
}
