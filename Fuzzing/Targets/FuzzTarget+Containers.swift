import StegCarveImages

extension FuzzTargets {
    /// `container-<format>`: the decoder's signature check and structure walk, with the
    /// layout invariants every decoder promises (regions in order, inside the input, payloads
    /// and pieces inside their region, the overlay last and reaching the end).
    static let containerTargets: [FuzzTarget] = ContainerRegistry.decoders.map { decoder in
        let name = "container-\(decoder.format.rawValue)"
        return FuzzTarget(name: name) { bytes in
            guard decoder.matches(bytes) else { return }
            let limits = StructureLimits(maxRegions: 2_000, maxPictures: 8)
            let layout = decoder.layout(of: bytes, limits: limits)
            checkLayout(layout, count: bytes.count, limits: limits, target: name)
        }
    }

    static func checkLayout(_ layout: ImageLayout, count: Int, limits: StructureLimits, target: String) {
        var end = 0
        for region in layout.regions {
            FuzzInvariant.check(region.range.lowerBound >= end, "\(region.name) \(region.range) overlaps or is out of order", target: target)
            FuzzInvariant.check(region.range.upperBound <= count && !region.range.isEmpty, "\(region.name) \(region.range) outside 0..<\(count)", target: target)
            FuzzInvariant.check(
                region.payload.isEmpty || (region.payload.lowerBound >= region.range.lowerBound && region.payload.upperBound <= region.range.upperBound),
                "\(region.name) payload \(region.payload) outside \(region.range)", target: target
            )
            for piece in region.payloadPieces ?? [] {
                FuzzInvariant.check(
                    piece.lowerBound >= region.range.lowerBound && piece.upperBound <= region.range.upperBound,
                    "\(region.name) piece \(piece) outside \(region.range)", target: target
                )
            }
            end = region.range.upperBound
        }
        FuzzInvariant.check((layout.imageEnd ?? 0) <= count, "imageEnd \(layout.imageEnd ?? 0) past \(count)", target: target)
        // The region limit may be passed by the few regions that close a layout (gap, overlay).
        FuzzInvariant.check(layout.regions.count <= limits.maxRegions + 8, "\(layout.regions.count) regions over the limit \(limits.maxRegions)", target: target)
        // The bytes after the picture reach the end of the input; the undeclared overlay lies
        // among them (declared content such as a Samsung SEF trailer may follow it).
        if let after = layout.overlayRange {
            FuzzInvariant.check(after.upperBound == count, "bytes after the picture \(after) do not reach \(count)", target: target)
            if let overlay = layout.overlay {
                FuzzInvariant.check(overlay.range.lowerBound >= after.lowerBound, "overlay \(overlay.range) before \(after)", target: target)
            }
        }
    }
}
