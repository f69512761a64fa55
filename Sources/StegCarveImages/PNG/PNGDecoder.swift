import StegCarveBytes

/// Parses PNG files chunk by chunk, verifying every CRC and the chunk order rules.
///
/// The image ends after the IEND chunk's CRC; whatever follows is the overlay. Chunk data
/// is each region's payload, so private and ancillary chunks are searched for payloads.
package struct PNGDecoder: ContainerDecoder {
    /// The eight-byte PNG signature (PNG 5.2).
    package static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    package init() {}

    package var format: ContainerFormat { .png }

    package func matches(_ bytes: Span<UInt8>) -> Bool {
        bytes.matches(Self.signature, at: 0)
    }

    package func layout(of bytes: Span<UInt8>, limits: StructureLimits) -> ImageLayout {
        var builder = LayoutBuilder(limits: limits)
        builder.add(ImageRegion(kind: .header, name: "signature", range: 0..<8))
        let count = bytes.count
        var position = 8
        var order = ChunkOrder()
        var imageEnd: Int?
        var pngHeader: PNG.Header?
        while position < count {
            guard builder.canAddRegion else {
                builder.noteLimit("max-regions", limits.maxRegions, "chunk parsing stopped at offset \(position); the rest is scanned as one region")
                return builder.finish(format: .png, byteCount: count, imageEnd: nil, pictureCount: 1, unparsedFrom: position)
            }
            guard let declared = bytes.uint32(at: position, .big), count - position >= 12 else {
                builder.anomaly("truncated-chunk", at: position, "\(count - position) bytes left where a chunk header was expected")
                break
            }
            let type = PNG.ChunkType(bytes[position + 4], bytes[position + 5], bytes[position + 6], bytes[position + 7])
            guard type.isValid, declared <= 0x7FFF_FFFF else {
                builder.anomaly("invalid-chunk", at: position, "chunk type or length is not valid PNG; the file's chunk stream ends here")
                break
            }
            let length = Int(declared)
            let dataStart = position + 8
            guard count - dataStart >= length + 4 else {
                builder.anomaly("truncated-chunk", at: position, "\(type) declares \(length) data bytes; \(count - dataStart) remain")
                builder.add(ImageRegion(kind: .gap, name: "chunk:\(type)", range: position..<count, payload: dataStart..<count))
                position = count
                break
            }
            let data = dataStart..<(dataStart + length)
            let chunkEnd = data.upperBound + 4
            if let stored = bytes.uint32(at: data.upperBound, .big) {
                let computed = bytes.crc32(in: (position + 4)..<data.upperBound)
                if stored != computed {
                    builder.anomaly("crc-mismatch", at: position, "\(type) CRC is \(hex(stored)); the data gives \(hex(computed))")
                }
            }
            builder.add(ImageRegion(kind: Self.kind(of: type), name: "chunk:\(type)", range: position..<chunkEnd, payload: data))
            let header = type == .ihdr ? PNG.Header(bytes: bytes, data: data) : nil
            if let header, builder.header == nil, header.violation == nil {
                builder.header = header.imageHeader
            }
            if pngHeader == nil, let header { pngHeader = header }
            order.visit(type, at: position, header: header, into: &builder)
            position = chunkEnd
            if type == .iend {
                imageEnd = chunkEnd
                break
            }
        }
        if imageEnd == nil {
            builder.anomaly("missing-iend", at: position, "the chunk stream ends without IEND")
        }
        order.finish(at: position, into: &builder)
        for anomaly in PNG.ContentCredentials.anomalies(in: bytes, regions: builder.regions) {
            builder.anomaly(anomaly.code, at: anomaly.offset, anomaly.message)
        }
        // The picture's own pixel data must be what IHDR declares; its scanlines are searched.
        let imageData = builder.regions.filter { $0.name == "chunk:IDAT" }.map(\.payload)
        var inflatedBytes = 0
        if !limits.inflatesImageData {
            PNG.checkImageDataHeader(in: bytes, pieces: imageData, into: &builder)
        } else if let inflated = PNG.checkImageData(in: bytes, pieces: imageData, header: pngHeader, limits: limits, into: &builder),
                  !inflated.scanlines.isEmpty {
            builder.derivedStreams.append(DerivedStream(name: "scanlines", via: "inflate:IDAT", bytes: inflated.scanlines))
            inflatedBytes = inflated.scanlines.count
        }
        // Compressed text and the ICC profile exist only inflated.
        PNG.CompressedChunks.inflate(in: bytes, regions: builder.regions, budget: limits.maxInflatedBytes - inflatedBytes, limit: limits.maxInflatedBytes, into: &builder)
        return builder.finish(format: .png, byteCount: count, imageEnd: imageEnd ?? position, pictureCount: 1)
    }

    private static func kind(of type: PNG.ChunkType) -> ImageRegion.Kind {
        switch type {
        case .idat, .fdat: return .imageData
        case .ihdr, .plte, .iend, .actl, .fctl: return .header
        default: return .metadata
        }
    }

    private func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }
}

/// Checks the chunk ordering rules of PNG 5.6 as chunks go by.
private struct ChunkOrder {
    private var index = 0
    private var sawPalette = false
    private var idatRunEnded = false
    private var sawImageData = false

    mutating func visit(_ type: PNG.ChunkType, at offset: Int, header: PNG.Header?, into builder: inout LayoutBuilder) {
        defer { index += 1 }
        if index == 0 {
            if type != .ihdr {
                builder.anomaly("chunk-order", at: offset, "first chunk is \(type), not IHDR")
            } else if let header {
                if let violation = header.violation { builder.anomaly("invalid-ihdr", at: offset, violation) }
            } else {
                builder.anomaly("invalid-ihdr", at: offset, "IHDR data is not 13 bytes")
            }
            return
        }
        switch type {
        case .ihdr:
            builder.anomaly("chunk-order", at: offset, "second IHDR")
        case .plte:
            if sawImageData { builder.anomaly("chunk-order", at: offset, "PLTE after IDAT") }
            sawPalette = true
        case .idat:
            if idatRunEnded { builder.anomaly("chunk-order", at: offset, "IDAT chunks are not consecutive") }
            sawImageData = true
        default:
            if sawImageData { idatRunEnded = true }
        }
    }

    func finish(at offset: Int, into builder: inout LayoutBuilder) {
        if !sawImageData { builder.anomaly("missing-idat", at: offset, "no IDAT chunk") }
    }
}
