import StegCarveBytes
import StegCarveModel

/// The structure a container decoder found: regions in file order, where the picture data
/// really ends, and what does not match the specification.
package struct ImageLayout: Sendable, Equatable {
    /// Detected format.
    package var format: ContainerFormat
    /// Regions in file order, tiling the input (overlay last when present).
    package var regions: [ImageRegion]
    /// One past the last byte of the last declared picture, or `nil` when unknown.
    package var imageEnd: Int?
    /// Pictures the container declares and that were found (MPO: several).
    package var pictureCount: Int
    /// Specification violations.
    package var anomalies: [Anomaly]
    /// Limits that stopped parsing.
    package var limitHits: [LimitHit]
    /// The first picture's header fields, when the structure declares them.
    package var header: ImageHeader?
    /// Streams the container's own decoding produced (inflated PNG scanlines), searched for
    /// payloads like regions are.
    package var derivedStreams: [DerivedStream] = []
    /// Streams the container joins from pieces spread over several regions (Extended XMP
    /// by GUID, JUMBF boxes by instance): searched as one stream each, besides the regions,
    /// which leave those bytes to them. Not part of the tiling.
    package var joinedStreams: [ImageRegion] = []

    package init(
        format: ContainerFormat, regions: [ImageRegion] = [], imageEnd: Int? = nil,
        pictureCount: Int = 0, anomalies: [Anomaly] = [], limitHits: [LimitHit] = [],
        header: ImageHeader? = nil
    ) {
        self.format = format
        self.regions = regions
        self.imageEnd = imageEnd
        self.pictureCount = pictureCount
        self.anomalies = anomalies
        self.limitHits = limitHits
        self.header = header
    }

    /// The last undeclared overlay region, if any (the whole overlay when nothing in it is
    /// declared).
    package var overlay: ImageRegion? {
        regions.last { $0.kind == .overlay }
    }

    /// The bytes after the last picture (declared content included), if any.
    package var overlayRange: Range<Int>? {
        guard let end = imageEnd, let last = regions.last?.range.upperBound, end < last else { return nil }
        return end..<last
    }

    /// One past the first picture's last byte: what a pixel decoder is given, so appended
    /// data cannot mask a decode failure. JPEG's first EOI, PNG's IEND, otherwise
    /// ``imageEnd`` (TIFF, WebP); `count` when the structure does not say.
    package func pictureEnd(in count: Int) -> Int {
        let marker = switch format {
        case .jpeg: regions.first { $0.name == "EOI" }?.range.upperBound
        case .png: regions.first { $0.name == "chunk:IEND" }?.range.upperBound
        default: imageEnd
        }
        return min(marker ?? count, count)
    }
}

/// Bytes that decoding part of the container produced, such as a PNG's inflated scanlines:
/// a payload written into pixel data is visible only here.
package struct DerivedStream: Sendable, Equatable {
    /// The region name findings in the stream report, e.g. `scanlines`.
    package var name: String
    /// How the stream was derived from the file, e.g. `inflate:IDAT`; findings carry it.
    package var via: String
    /// The derived bytes (bounded by the structure limits).
    package var bytes: [UInt8]

    package init(name: String, via: String, bytes: [UInt8]) {
        self.name = name
        self.via = via
        self.bytes = bytes
    }
}
