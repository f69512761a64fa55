import StegCarveBytes
import StegCarveModel

/// Parses WebP files: the RIFF header and every chunk up to the RIFF size (RFC 9649).
///
/// Regions: `riff-header`, `chunk:<fourcc>` with trailing spaces trimmed (`chunk:VP8`,
/// `chunk:VP8L`, `chunk:VP8X`, `chunk:ALPH`, `chunk:ANIM`, `chunk:ICCP`, `chunk:EXIF`,
/// `chunk:XMP`, unknown identifiers as they are), animation frames as `chunk:ANMF` (chunk
/// header and frame fields) followed by `frameN/chunk:…` for the chunks inside. A chunk's
/// data is its payload; unknown chunks are metadata and are searched like every other. The
/// image ends at `8 + RIFF size`; what follows is the overlay.
package struct WebPDecoder: ContainerDecoder {
    package init() {}

    package var format: ContainerFormat { .webp }

    package func matches(_ bytes: Span<UInt8>) -> Bool {
        bytes.matches(Array("RIFF".utf8), at: 0) && bytes.matches(Array("WEBP".utf8), at: 8)
    }

    package func layout(of bytes: Span<UInt8>, limits: StructureLimits) -> ImageLayout {
        var builder = LayoutBuilder(limits: limits)
        let count = bytes.count
        builder.add(ImageRegion(kind: .header, name: "riff-header", range: 0..<12))
        let riffEnd = 8 + Int(bytes.uint32(at: 4, .little) ?? 0)
        var end = riffEnd
        if riffEnd > count {
            builder.anomaly("riff-size-mismatch", at: 4, "RIFF declares \(riffEnd) bytes; the file has \(count)")
            end = count
        } else if riffEnd < 12 {
            builder.anomaly("riff-size-mismatch", at: 4, "RIFF size \(riffEnd - 8) is smaller than its own header")
            end = 12
        }
        var walk = ChunkWalk()
        if let stop = walk.chunks(in: bytes, range: 12..<end, prefix: "", into: &builder) {
            return builder.finish(format: .webp, byteCount: count, imageEnd: nil, pictureCount: 1, unparsedFrom: stop)
        }
        if !walk.sawImageData {
            builder.anomaly("missing-image-data", at: 12, "no VP8 or VP8L chunk")
        }
        return builder.finish(format: .webp, byteCount: count, imageEnd: end, pictureCount: 1)
    }
}

/// Walks the chunks of one level (the RIFF body, or an ANMF frame's data).
private struct ChunkWalk {
    var frames = 0
    var sawImageData = false

    /// Records the chunks in `range`; returns the offset where the region limit stopped.
    mutating func chunks(in bytes: Span<UInt8>, range: Range<Int>, prefix: String, into builder: inout LayoutBuilder) -> Int? {
        var position = range.lowerBound
        let end = range.upperBound
        while position < end {
            guard builder.canAddRegion else {
                builder.noteLimit("max-regions", builder.limits.maxRegions, "chunk parsing stopped at offset \(position); the rest is scanned as one region")
                return position
            }
            let fourCC = WebP.FourCC(bytes, at: position)
            guard end - position >= 8, fourCC.isValid, let size = bytes.uint32(at: position + 4, .little) else {
                let code = end - position >= 8 ? "invalid-chunk" : "truncated-chunk"
                builder.anomaly(code, at: position, "\(end - position) bytes where a chunk header was expected")
                builder.add(ImageRegion(kind: .gap, name: prefix + "gap", range: position..<end))
                return nil
            }
            let dataStart = position + 8
            var dataEnd = dataStart + Int(size)
            var chunkEnd = dataEnd + Int(size & 1)
            if dataEnd > end {
                builder.anomaly("truncated-chunk", at: position, "\(fourCC) declares \(size) bytes; \(end - dataStart) remain")
                dataEnd = end
                chunkEnd = end
            } else if chunkEnd > end {
                builder.anomaly("missing-padding", at: dataEnd, "\(fourCC) has an odd size and no pad byte")
                chunkEnd = end
            }
            let data = dataStart..<dataEnd
            let name = prefix + "chunk:\(fourCC)"
            if fourCC == .anmf, prefix.isEmpty, data.count >= 16 {
                frames += 1
                builder.add(ImageRegion(kind: .header, name: name, range: position..<dataStart + 16, payload: dataStart..<dataStart + 16))
                if let stop = chunks(in: bytes, range: (dataStart + 16)..<dataEnd, prefix: "frame\(frames)/", into: &builder) { return stop }
                if chunkEnd > dataEnd, !builder.add(ImageRegion(kind: .gap, name: prefix + "padding", range: dataEnd..<chunkEnd)) {
                    return dataEnd
                }
            } else {
                builder.add(ImageRegion(kind: Self.kind(of: fourCC), name: name, range: position..<chunkEnd, payload: data))
            }
            readHeader(fourCC, data: data, in: bytes, into: &builder)
            position = chunkEnd
        }
        return nil
    }

    private mutating func readHeader(_ fourCC: WebP.FourCC, data: Range<Int>, in bytes: Span<UInt8>, into builder: inout LayoutBuilder) {
        switch fourCC {
        case .vp8x:
            if let canvas = WebP.BitstreamHeader.canvas(bytes, data: data) { builder.header = canvas }
        case .vp8, .vp8l:
            let first = !sawImageData
            sawImageData = true
            guard first else { return }
            let picture = fourCC == .vp8 ? WebP.BitstreamHeader.lossy(bytes, data: data) : WebP.BitstreamHeader.lossless(bytes, data: data)
            guard let picture else {
                builder.anomaly("invalid-bitstream-header", at: data.lowerBound, "\(fourCC) data does not start with a valid header")
                return
            }
            if builder.header == nil {
                builder.header = picture
            } else {
                builder.header?.coding = picture.coding
            }
        default:
            break
        }
    }

    private static func kind(of fourCC: WebP.FourCC) -> ImageRegion.Kind {
        switch fourCC {
        case .vp8, .vp8l, .alph: return .imageData
        case .vp8x, .anim, .anmf: return .header
        default: return .metadata
        }
    }
}
