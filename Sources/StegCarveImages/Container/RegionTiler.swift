import StegCarveBytes
import StegCarveModel

/// Turns regions found by following offsets (BMP, TIFF, ICO: structures point anywhere) into
/// regions in file order: overlaps resolved, and every byte nothing references up to the
/// image end reported as a scanned `gap`.
package struct RegionTiler {
    private var items: [ImageRegion] = []

    package init() {}

    /// Number of regions collected so far.
    package var count: Int { items.count }

    /// Collects a referenced region (empty ranges are ignored).
    package mutating func add(_ region: ImageRegion) {
        guard !region.range.isEmpty else { return }
        items.append(region)
    }

    /// One past the last referenced byte, or `floor` when nothing lies beyond it.
    package func end(atLeast floor: Int) -> Int {
        items.reduce(floor) { max($0, $1.range.upperBound) }
    }

    /// Sends the regions to `builder` in file order, with `gap` regions between them and up
    /// to `end`. A region that repeats another's range exactly (shared values) is dropped
    /// silently; one that partly overlaps an earlier one is cut and reported as `overlapCode`.
    /// - Returns: the offset where the region limit stopped, or `nil` when all were added.
    /// - Complexity: O(n log n) in the number of regions.
    package func emit(upTo end: Int, into builder: inout LayoutBuilder, overlapCode: String) -> Int? {
        let sorted = items.sorted {
            $0.range.lowerBound != $1.range.lowerBound ? $0.range.lowerBound < $1.range.lowerBound : $0.range.count > $1.range.count
        }
        var covered = 0
        var previous: Range<Int>?
        for var region in sorted {
            if region.range.upperBound <= covered {
                if region.range != previous {
                    builder.anomaly(overlapCode, at: region.range.lowerBound, "\(region.name) lies inside bytes another structure already claims")
                }
                continue
            }
            if region.range.lowerBound < covered {
                builder.anomaly(overlapCode, at: region.range.lowerBound, "\(region.name) overlaps the structure before it by \(covered - region.range.lowerBound) bytes")
                region = Self.clip(region, from: covered)
            } else if region.range.lowerBound > covered {
                guard builder.add(ImageRegion(kind: .gap, name: "gap", range: covered..<region.range.lowerBound)) else { return covered }
            }
            guard builder.add(region) else { return region.range.lowerBound }
            previous = region.range
            covered = region.range.upperBound
        }
        if covered < end {
            guard builder.add(ImageRegion(kind: .gap, name: "gap", range: covered..<end)) else { return covered }
        }
        return nil
    }

    private static func clip(_ region: ImageRegion, from start: Int) -> ImageRegion {
        var clipped = region
        clipped.range = start..<region.range.upperBound
        clipped.payload = region.payload.clamped(to: clipped.range)
        if let pieces = region.payloadPieces {
            clipped.payloadPieces = pieces.map { $0.clamped(to: clipped.range) }.filter { !$0.isEmpty }
        }
        return clipped
    }
}
