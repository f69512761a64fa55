import StegCarveBytes
import StegCarveModel

extension JPEG {
    /// What walking one picture from its SOI found.
    package struct PictureWalk: Sendable, Equatable {
        /// One past the picture's last byte (after EOI, or where parsing stopped).
        package var end: Int
        /// The walk reached an EOI marker.
        package var reachedEndOfImage: Bool
        /// Entries of the picture's MP Index, when it has an APP2 MPF segment.
        package var multiPictureEntries: [MultiPictureEntry]?
        /// Set when the region limit stopped the walk at this offset.
        package var stoppedByLimit: Int?
        /// Number of SOS segments.
        package var scanCount: Int
    }

    /// Walks the markers of the picture starting at `start` (its SOI) up to its EOI.
    ///
    /// Follows T.81 Annex B: segments with a length, standalone markers, fill bytes (`FF FF`),
    /// and after every SOS the entropy-coded data up to the next marker that is not a stuffed
    /// zero (`FF 00`) or a restart (`FF D0`–`FF D7`). Handles several scans (progressive),
    /// tables and DNL between scans, and arithmetic coding (same framing). Region names get
    /// `prefix` so the pictures of an MPO file stay apart.
    package static func walkPicture(
        in bytes: Span<UInt8>, from start: Int, prefix: String, into builder: inout LayoutBuilder
    ) -> PictureWalk {
        var walk = PictureWalk(end: start, reachedEndOfImage: false, multiPictureEntries: nil, stoppedByLimit: nil, scanCount: 0)
        guard bytes.matches([0xFF, 0xD8], at: start) else { return walk }
        guard builder.add(ImageRegion(kind: .header, name: prefix + "SOI", range: start..<start + 2)) else {
            walk.stoppedByLimit = start
            return walk
        }
        let count = bytes.count
        var position = start + 2
        var restartInterval: Int?
        while true {
            guard position < count else {
                builder.anomaly("missing-eoi", at: count, "\(prefix)picture starting at \(start) ends without EOI")
                walk.end = count
                return walk
            }
            guard builder.canAddRegion else {
                builder.noteLimit("max-regions", builder.limits.maxRegions, "structure parsing stopped at offset \(position); the rest is scanned as one region")
                walk.stoppedByLimit = position
                walk.end = position
                return walk
            }
            // Bytes where a marker should be: record them as a gap up to the next marker.
            if bytes[position] != 0xFF {
                let resume = nextMarker(in: bytes, from: position) ?? count
                builder.anomaly("garbage-between-segments", at: position, "\(resume - position) bytes where a marker was expected")
                builder.add(ImageRegion(kind: .gap, name: prefix + "gap", range: position..<resume))
                position = resume
                continue
            }
            // Any number of 0xFF fill bytes may precede a marker (T.81 B.1.1.2).
            var markerIndex = position + 1
            while markerIndex < count, bytes[markerIndex] == 0xFF { markerIndex += 1 }
            guard markerIndex < count else {
                builder.anomaly("missing-eoi", at: count, "\(prefix)picture ends in fill bytes")
                builder.add(ImageRegion(kind: .gap, name: prefix + "fill", range: position..<count))
                walk.end = count
                return walk
            }
            let marker = Marker(rawValue: bytes[markerIndex])
            let afterMarker = markerIndex + 1
            if marker == .eoi {
                builder.add(ImageRegion(kind: .header, name: prefix + "EOI", range: position..<afterMarker))
                walk.end = afterMarker
                walk.reachedEndOfImage = true
                return walk
            }
            if marker.isStandalone || marker.rawValue == 0x00 {
                if marker == .soi || marker.rawValue == 0x00 {
                    builder.anomaly("unexpected-marker", at: position, "\(marker.name) inside a picture")
                }
                builder.add(ImageRegion(kind: .header, name: prefix + marker.name, range: position..<afterMarker))
                position = afterMarker
                continue
            }
            guard let declared = bytes.uint16(at: afterMarker, .big) else {
                builder.anomaly("truncated-segment", at: position, "\(marker.name) length runs past the end of the file")
                builder.add(ImageRegion(kind: .gap, name: prefix + marker.name, range: position..<count))
                walk.end = count
                return walk
            }
            let length = Int(declared)
            let segmentEnd = afterMarker + length
            guard length >= 2, segmentEnd <= count else {
                let code = length < 2 ? "invalid-segment-length" : "truncated-segment"
                builder.anomaly(code, at: position, "\(marker.name) declares \(length) bytes; \(count - afterMarker) remain")
                builder.add(ImageRegion(kind: .gap, name: prefix + marker.name, range: position..<count))
                walk.end = count
                return walk
            }
            let payload = (afterMarker + 2)..<segmentEnd
            builder.add(segmentRegion(marker: marker, range: position..<segmentEnd, payload: payload, bytes: bytes, prefix: prefix))
            if prefix.isEmpty {
                readHeaderFields(marker: marker, payload: payload, in: bytes, pendingRestartInterval: &restartInterval, into: &builder)
            }
            if marker == Marker(rawValue: 0xE2), walk.multiPictureEntries == nil,
               JPEG.SegmentIdentity(marker: marker, payload: bytes.extracting(payload)) == .mpf {
                // Every individual image of an MPO carries an MPF segment; only the first
                // one's holds the MP index, the others an MP Attribute IFD (DC-007 5.2).
                switch multiPictureSegment(in: bytes, tiffHeader: payload.lowerBound + 4, end: segmentEnd) {
                case .index(let entries)?: walk.multiPictureEntries = entries
                case .attributesOnly?: break
                case nil: builder.anomaly("invalid-mpf", at: position, "APP2 MPF segment has no readable IFD")
                }
            }
            position = segmentEnd
            if marker == .sos {
                walk.scanCount += 1
                let scanEnd = endOfEntropyCodedData(in: bytes, from: position)
                if scanEnd > position {
                    builder.add(ImageRegion(kind: .imageData, name: prefix + "scan\(walk.scanCount)", range: position..<scanEnd))
                }
                position = scanEnd
            }
        }
    }

    /// Records the first SOF's frame fields (T.81 B.2.2) and the DRI interval (B.2.4.4).
    private static func readHeaderFields(
        marker: Marker, payload: Range<Int>, in bytes: Span<UInt8>, pendingRestartInterval: inout Int?, into builder: inout LayoutBuilder
    ) {
        if marker.isStartOfFrame, builder.header == nil,
           let precision = bytes.uint8(at: payload.lowerBound),
           let height = bytes.uint16(at: payload.lowerBound + 1, .big),
           let width = bytes.uint16(at: payload.lowerBound + 3, .big),
           let components = bytes.uint8(at: payload.lowerBound + 5) {
            let process: String
            // Low two bits of SOFn (T.81 Table B.1): 0/1 sequential, 2 progressive, 3 lossless.
            switch marker.rawValue & 0x03 {
            case 0, 1: process = marker.rawValue == 0xC0 ? "baseline" : "extended"
            case 2: process = "progressive"
            default: process = "lossless"
            }
            let hierarchical = [0xC5, 0xC6, 0xC7, 0xCD, 0xCE, 0xCF].contains(marker.rawValue)
            builder.header = ImageHeader(
                width: Int(width), height: Int(height), bitsPerSample: Int(precision), channels: Int(components),
                coding: hierarchical ? "hierarchical" : process, arithmeticCoding: marker.rawValue >= 0xC9,
                restartInterval: pendingRestartInterval
            )
        } else if marker == .dri, let interval = bytes.uint16(at: payload.lowerBound, .big), interval > 0 {
            // DRI may come before or after the frame header; keep it for either order.
            pendingRestartInterval = Int(interval)
            builder.header?.restartInterval = Int(interval)
        }
    }

    /// The region for one length-prefixed segment, named after its marker and identity.
    private static func segmentRegion(
        marker: Marker, range: Range<Int>, payload: Range<Int>, bytes: Span<UInt8>, prefix: String
    ) -> ImageRegion {
        let isMetadata = marker.isApplication || marker == .com || (0xF0...0xFD).contains(marker.rawValue)
        var name = "segment:" + marker.name
        if marker.isApplication, let identity = SegmentIdentity(marker: marker, payload: bytes.extracting(payload)) {
            name += ":" + identity.rawValue
        }
        return ImageRegion(kind: isMetadata ? .metadata : .header, name: prefix + name, range: range, payload: payload)
    }

    /// Offset of the `0xFF` that starts the first marker after entropy-coded data beginning at
    /// `start`, skipping stuffed zeros, restart markers and fill bytes; the input's end if none.
    /// - Complexity: O(n), with a vectorised search for `0xFF`.
    package static func endOfEntropyCodedData(in bytes: Span<UInt8>, from start: Int) -> Int {
        var position = start
        while let candidate = bytes.firstIndex(of: 0xFF, from: position) {
            guard let next = bytes.uint8(at: candidate + 1) else { return bytes.count }
            switch next {
            case 0x00, 0xD0...0xD7: position = candidate + 2
            case 0xFF: position = candidate + 1
            default: return candidate
            }
        }
        return bytes.count
    }

    /// Offset of the next `0xFF` followed by a valid marker code, or `nil`.
    private static func nextMarker(in bytes: Span<UInt8>, from start: Int) -> Int? {
        var position = start
        while let candidate = bytes.firstIndex(of: 0xFF, from: position) {
            guard let next = bytes.uint8(at: candidate + 1) else { return nil }
            if Marker(rawValue: next).isValidMarker { return candidate }
            position = candidate + 1
        }
        return nil
    }
}
