import StegCarveBytes

extension PictureExtent {
    /// The carved extent for a walk: exact when complete, else the bytes present with the
    /// declared end as a lower bound.
    static func extent(_ walk: Walk, start: Int, count: Int) -> CarvedExtent {
        let end = min(walk.declaredEnd, count)
        let declared = max(walk.declaredEnd, walk.complete ? end : count + 1) - start
        return CarvedExtent(range: start..<end, declaredLength: declared, confidence: walk.complete ? .high : .medium)
    }
}
