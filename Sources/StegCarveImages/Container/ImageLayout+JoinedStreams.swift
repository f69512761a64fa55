extension ImageLayout {
    /// Adds streams joined from pieces of several regions, and empties the payloads of the
    /// regions whose bytes they carry (`payloads`), so those bytes are searched once: as part
    /// of the joined stream, where a payload split over the pieces is whole.
    package mutating func join(_ streams: [ImageRegion], carrying payloads: Set<Range<Int>>) {
        joinedStreams += streams
        guard !payloads.isEmpty else { return }
        for index in regions.indices where payloads.contains(regions[index].payload) {
            let start = regions[index].payload.lowerBound
            regions[index].payload = start..<start
        }
    }
}
