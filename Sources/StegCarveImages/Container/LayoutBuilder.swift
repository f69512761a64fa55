import StegCarveBytes
import StegCarveModel

/// Collects regions and anomalies while a decoder walks a file, enforcing the region limit.
package struct LayoutBuilder {
    package private(set) var regions: [ImageRegion] = []
    package private(set) var anomalies: [Anomaly] = []
    package private(set) var limitHits: [LimitHit] = []
    package let limits: StructureLimits
    /// The first picture's header, once a decoder has read it.
    package var header: ImageHeader?
    /// Streams decoded from the container's own data, handed on with the layout.
    package var derivedStreams: [DerivedStream] = []
    /// Extra search targets inside recorded regions (not part of the tiling).
    package var joinedStreams: [ImageRegion] = []

    package init(limits: StructureLimits) {
        self.limits = limits
    }

    /// Whether another region may be recorded; false once the limit was hit.
    package var canAddRegion: Bool { regions.count < limits.maxRegions }

    /// Records a region; returns false (and records the limit hit once) when full.
    @discardableResult
    package mutating func add(_ region: ImageRegion) -> Bool {
        guard canAddRegion else {
            noteLimit("max-regions", limits.maxRegions, "structure parsing stopped at offset \(region.range.lowerBound); the rest is scanned as one region")
            return false
        }
        regions.append(region)
        return true
    }

    /// Removes `ranges` from the payloads of the regions recorded so far, so bytes that get a
    /// region of their own (data after a PNG's deflate stream) are searched once, there.
    /// `ranges` must each be a suffix or the whole of one region's payload.
    package mutating func removeFromPayloads(_ ranges: [Range<Int>]) {
        for index in regions.indices {
            let payload = regions[index].payload
            for range in ranges where range.overlaps(payload) && regions[index].payloadPieces == nil {
                let start = max(payload.lowerBound, min(range.lowerBound, payload.upperBound))
                regions[index].payload = payload.lowerBound..<start
            }
        }
    }

    /// Records a specification violation.
    package mutating func anomaly(_ code: String, at offset: Int, _ message: String) {
        // A hostile file can repeat one defect endlessly; the first few say enough.
        let sameCode = anomalies.lazy.filter { $0.code == code }.count
        guard sameCode < 16 else { return }
        anomalies.append(Anomaly(code: code, offset: offset, message: message))
    }

    /// Records a limit hit, once per limit.
    package mutating func noteLimit(_ limit: String, _ value: Int, _ message: String) {
        guard !limitHits.contains(where: { $0.limit == limit }) else { return }
        limitHits.append(LimitHit(limit: limit, value: value, message: message))
    }

    /// Builds the layout: sorts regions, adds the overlay after `imageEnd` (or covers
    /// `unparsedFrom...` as one gap when parsing stopped early). Declared content inside the
    /// overlay (`declared`, non-overlapping ranges after `imageEnd`) becomes its own regions
    /// and the overlay regions are what is left around it.
    package func finish(
        format: ContainerFormat, byteCount: Int, imageEnd: Int?, pictureCount: Int, unparsedFrom: Int? = nil,
        declared: [ImageRegion] = []
    ) -> ImageLayout {
        var regions = self.regions.sorted { $0.range.lowerBound < $1.range.lowerBound }
        if let start = unparsedFrom, start < byteCount {
            regions.append(ImageRegion(kind: .gap, name: "unparsed", range: start..<byteCount))
        } else if let end = imageEnd, end < byteCount {
            var cursor = end
            for region in declared.sorted(by: { $0.range.lowerBound < $1.range.lowerBound })
            where region.range.lowerBound >= cursor && region.range.upperBound <= byteCount && !region.range.isEmpty {
                if region.range.lowerBound > cursor {
                    regions.append(ImageRegion(kind: .overlay, name: "overlay", range: cursor..<region.range.lowerBound))
                }
                regions.append(region)
                cursor = region.range.upperBound
            }
            if cursor < byteCount {
                regions.append(ImageRegion(kind: .overlay, name: "overlay", range: cursor..<byteCount))
            }
        }
        var layout = ImageLayout(
            format: format, regions: regions, imageEnd: unparsedFrom == nil ? imageEnd : nil,
            pictureCount: pictureCount, anomalies: anomalies, limitHits: limitHits, header: header
        )
        layout.derivedStreams = derivedStreams
        layout.joinedStreams = joinedStreams
        return layout
    }
}
