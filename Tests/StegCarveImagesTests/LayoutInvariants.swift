@testable import StegCarveImages
import Testing

/// What every layout must satisfy, whatever the input: regions in file order, not
/// overlapping, inside the input; payloads and pieces inside their region; the overlay (or
/// unparsed rest) last and reaching the end.
func expectWellFormed(_ layout: ImageLayout, count: Int, sourceLocation: SourceLocation = #_sourceLocation) {
    var end = 0
    for region in layout.regions {
        #expect(region.range.lowerBound >= end, "\(region.name) overlaps or is out of order", sourceLocation: sourceLocation)
        #expect(region.range.upperBound <= count && !region.range.isEmpty, "\(region.name) \(region.range)", sourceLocation: sourceLocation)
        #expect(region.payload.isEmpty || (region.payload.lowerBound >= region.range.lowerBound && region.payload.upperBound <= region.range.upperBound), "\(region.name) payload", sourceLocation: sourceLocation)
        for piece in region.payloadPieces ?? [] {
            #expect(piece.lowerBound >= region.range.lowerBound && piece.upperBound <= region.range.upperBound, "\(region.name) piece", sourceLocation: sourceLocation)
        }
        end = region.range.upperBound
    }
    #expect((layout.imageEnd ?? 0) <= count, sourceLocation: sourceLocation)
    if let overlay = layout.overlay {
        #expect(overlay.range.upperBound == count && layout.regions.last == overlay, sourceLocation: sourceLocation)
        #expect(overlay.range.lowerBound == layout.imageEnd, sourceLocation: sourceLocation)
    }
}
