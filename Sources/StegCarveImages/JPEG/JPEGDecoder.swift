import StegCarveBytes
import StegCarveModel

/// Parses JPEG files, including multi-picture (MPO) files, into regions and an overlay.
///
/// The image ends after the EOI of the last picture the file declares: the first picture,
/// plus every further picture its MPF index points at (checked to start with SOI). Whatever
/// follows is the overlay.
package struct JPEGDecoder: ContainerDecoder {
    package init() {}

    package var format: ContainerFormat { .jpeg }

    package func matches(_ bytes: Span<UInt8>) -> Bool {
        bytes.matches([0xFF, 0xD8, 0xFF], at: 0)
    }

    package func layout(of bytes: Span<UInt8>, limits: StructureLimits) -> ImageLayout {
        var builder = LayoutBuilder(limits: limits)
        let first = JPEG.walkPicture(in: bytes, from: 0, prefix: "", into: &builder)
        if let stop = first.stoppedByLimit {
            return builder.finish(format: .jpeg, byteCount: bytes.count, imageEnd: nil, pictureCount: 1, unparsedFrom: stop)
        }
        var imageEnd = first.end
        var pictureCount = 1
        // Further pictures declared by the MP index, in file order.
        let declared = (first.multiPictureEntries ?? [])
            .filter { $0.offset != 0 }
            .sorted { $0.offset < $1.offset }
        var coveredUntil = first.end
        for (index, entry) in declared.enumerated() {
            guard pictureCount < limits.maxPictures else {
                builder.noteLimit("max-pictures", limits.maxPictures, "MPF declares \(declared.count + 1) pictures; the rest are scanned as overlay")
                break
            }
            guard entry.offset >= coveredUntil, entry.offset < bytes.count,
                  bytes.matches([0xFF, 0xD8, 0xFF], at: entry.offset) else {
                builder.anomaly("mpf-entry-invalid", at: entry.offset, "MP entry \(index + 2) does not point at a JPEG SOI after the previous picture")
                continue
            }
            if entry.offset > coveredUntil {
                builder.add(ImageRegion(kind: .gap, name: "gap", range: coveredUntil..<entry.offset))
            }
            let prefix = "picture\(index + 2)/"
            let walk = JPEG.walkPicture(in: bytes, from: entry.offset, prefix: prefix, into: &builder)
            if let stop = walk.stoppedByLimit {
                return builder.finish(format: .jpeg, byteCount: bytes.count, imageEnd: nil, pictureCount: pictureCount, unparsedFrom: stop)
            }
            if walk.end - entry.offset != entry.size {
                builder.anomaly("mpf-size-mismatch", at: entry.offset, "MP entry \(index + 2) declares \(entry.size) bytes; the picture spans \(walk.end - entry.offset)")
            }
            pictureCount += 1
            coveredUntil = walk.end
            imageEnd = max(imageEnd, walk.end)
        }
        // An ICC profile must be what it claims (joined pieces, declared size, 'acsp').
        let icc = builder.regions.filter { $0.name == "segment:APP2:ICC" }.map(\.payload)
        for anomaly in JPEG.ICCProfileCheck.anomalies(in: bytes, segments: icc) {
            builder.anomaly(anomaly.code, at: anomaly.offset, anomaly.message)
        }
        // Extended XMP and JUMBF (C2PA) boxes split over segments: joined, checked, searched whole.
        let joined = JPEG.JoinedSegments.check(in: bytes, regions: builder.regions)
        for anomaly in joined.anomalies { builder.anomaly(anomaly.code, at: anomaly.offset, anomaly.message) }
        // Content after the pictures that the first picture's XMP (or a Samsung trailer)
        // declares, verified against what it claims.
        let xmp = builder.regions.filter { $0.name == "segment:APP1:XMP" }.map(\.payload)
        let trailers = JPEG.DeclaredTrailers.find(in: bytes, xmpPayloads: xmp, imageEnd: imageEnd)
        for anomaly in trailers.anomalies { builder.anomaly(anomaly.code, at: anomaly.offset, anomaly.message) }
        var layout = builder.finish(
            format: .jpeg, byteCount: bytes.count, imageEnd: imageEnd, pictureCount: pictureCount, declared: trailers.regions
        )
        layout.join(joined.streams, carrying: joined.leftToStreams)
        return layout
    }
}
