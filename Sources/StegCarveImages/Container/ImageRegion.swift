import StegCarveBytes

/// A byte range of the input with the role its container gives it.
package struct ImageRegion: Sendable, Equatable {
    /// Region roles; mirrors the public report's region kinds.
    package enum Kind: String, Sendable, Equatable {
        case header
        case metadata
        case imageData = "image-data"
        case picture
        case overlay
        case gap
        case raw
    }

    /// Role of the bytes.
    package var kind: Kind
    /// Structure name, e.g. `segment:APP1:Exif`, `chunk:IDAT`, `overlay`.
    package var name: String
    /// The whole structure, framing included.
    package var range: Range<Int>
    /// The bytes inside the framing that a payload could occupy; the carver searches these.
    package var payload: Range<Int>

    package init(kind: Kind, name: String, range: Range<Int>, payload: Range<Int>? = nil) {
        self.kind = kind
        self.name = name
        self.range = range
        self.payload = payload ?? range
    }
}

/// Something in the structure that does not match the format's specification.
package struct StructureAnomaly: Sendable, Equatable {
    /// Short code, e.g. `crc-mismatch`.
    package var code: String
    /// Offset the anomaly refers to.
    package var offset: Int
    /// One line for people.
    package var message: String

    package init(code: String, offset: Int, message: String) {
        self.code = code
        self.offset = offset
        self.message = message
    }
}

/// A limit that stopped structure parsing early.
package struct StructureLimitHit: Sendable, Equatable {
    package var limit: String
    package var value: Int
    package var message: String

    package init(limit: String, value: Int, message: String) {
        self.limit = limit
        self.value = value
        self.message = message
    }
}

/// Bounds on structure parsing, so hostile files with absurd structure stay cheap.
package struct StructureLimits: Sendable, Equatable {
    /// Most regions recorded per file; the rest of the file becomes one scanned `gap`.
    package var maxRegions: Int
    /// Most pictures followed in a multi-picture (MPO) file.
    package var maxPictures: Int

    package init(maxRegions: Int = 100_000, maxPictures: Int = 64) {
        self.maxRegions = maxRegions
        self.maxPictures = maxPictures
    }
}
