import StegCarveBytes
import StegCarveModel

/// Parses GIF 87a/89a files block by block (GIF89a specification, §§17–27).
///
/// Regions: `header`, `screen-descriptor`, `global-color-table`, per image
/// `imageN/descriptor`, `imageN/local-color-table`, `imageN/data` (LZW minimum code size
/// and the data sub-blocks), extensions as `extension:graphic-control`, `extension:comment`,
/// `extension:plain-text`, `extension:application:<identifier>` or `extension:0xNN`, and
/// `trailer`. Every chain of data sub-blocks is one region whose ``ImageRegion/payloadPieces``
/// are the sub-block contents, so a payload split over 255-byte sub-blocks is carved from the
/// joined stream. The image ends after the trailer `;`; what follows is the overlay.
package struct GIFDecoder: ContainerDecoder {
    package init() {}

    package var format: ContainerFormat { .gif }

    package func matches(_ bytes: Span<UInt8>) -> Bool {
        bytes.matches(Array("GIF87a".utf8), at: 0) || bytes.matches(Array("GIF89a".utf8), at: 0)
    }

    package func layout(of bytes: Span<UInt8>, limits: StructureLimits) -> ImageLayout {
        var builder = LayoutBuilder(limits: limits)
        let count = bytes.count
        builder.add(ImageRegion(kind: .header, name: "header", range: 0..<6))
        guard count >= 13, let width = bytes.uint16(at: 6, .little), let height = bytes.uint16(at: 8, .little) else {
            builder.anomaly("truncated-header", at: 6, "the logical screen descriptor needs 7 bytes; \(count - 6) remain")
            if count > 6 { builder.add(ImageRegion(kind: .gap, name: "screen-descriptor", range: 6..<count)) }
            return builder.finish(format: .gif, byteCount: count, imageEnd: count, pictureCount: 1)
        }
        guard builder.add(ImageRegion(kind: .header, name: "screen-descriptor", range: 6..<13)) else {
            return builder.finish(format: .gif, byteCount: count, imageEnd: nil, pictureCount: 1, unparsedFrom: 6)
        }
        let packed = bytes[10]
        builder.header = ImageHeader(
            width: Int(width), height: Int(height), bitsPerSample: Int((packed >> 4) & 7) + 1, channels: 1,
            coding: "lzw", colorType: "palette"
        )
        var position = 13
        if packed & 0x80 != 0 {
            guard builder.canAddRegion else {
                builder.noteLimit("max-regions", limits.maxRegions, "block parsing stopped at offset 13; the rest is scanned as one region")
                return builder.finish(format: .gif, byteCount: count, imageEnd: nil, pictureCount: 1, unparsedFrom: 13)
            }
            position = colorTable(at: 13, packed: packed, name: "global-color-table", in: bytes, into: &builder)
        }
        var imageCount = 0
        var imageEnd: Int?
        while imageEnd == nil {
            // An image takes up to three regions; stop before one that would not fit whole.
            let needed = position < count && bytes[position] == 0x2C ? 3 : 1
            guard limits.maxRegions - builder.regions.count >= needed else {
                builder.noteLimit("max-regions", limits.maxRegions, "block parsing stopped at offset \(position); the rest is scanned as one region")
                return builder.finish(format: .gif, byteCount: count, imageEnd: nil, pictureCount: 1, unparsedFrom: position)
            }
            guard position < count else {
                builder.anomaly("missing-trailer", at: position, "the block stream ends without a trailer")
                break
            }
            switch bytes[position] {
            case 0x3B:
                builder.add(ImageRegion(kind: .header, name: "trailer", range: position..<position + 1))
                imageEnd = position + 1
            case 0x2C:
                imageCount += 1
                guard let next = image(at: position, number: imageCount, in: bytes, into: &builder) else {
                    position = count
                    continue
                }
                position = next
            case 0x21:
                position = extensionBlock(at: position, in: bytes, into: &builder)
            default:
                builder.anomaly("invalid-block", at: position, "byte 0x\(String(bytes[position], radix: 16)) where an image, extension or trailer was expected")
                imageEnd = position
            }
        }
        if imageCount == 0 {
            builder.anomaly("missing-image", at: position, "no image descriptor")
        }
        return builder.finish(format: .gif, byteCount: count, imageEnd: imageEnd ?? position, pictureCount: 1)
    }

    /// Records a colour table of `3 × 2^(size+1)` bytes (GIF89a §§19, 21) and returns its end.
    private func colorTable(at start: Int, packed: UInt8, name: String, in bytes: Span<UInt8>, into builder: inout LayoutBuilder) -> Int {
        let declared = 3 << (Int(packed & 7) + 1)
        let end = min(bytes.count, start + declared)
        if end - start < declared {
            builder.anomaly("truncated-color-table", at: start, "\(name) declares \(declared) bytes; \(end - start) remain")
        }
        if end > start { builder.add(ImageRegion(kind: .header, name: name, range: start..<end)) }
        return end
    }

    /// Whether the 256 bytes before the block terminator at `terminator` are FF, FE, …, 00.
    private func endsWithMagicTrailer(_ bytes: Span<UInt8>, terminator: Int) -> Bool {
        guard terminator >= 256 else { return false }
        for index in 0..<256 where bytes[terminator - 256 + index] != UInt8(255 - index) { return false }
        return true
    }

    /// Records an image descriptor, its local colour table and its data; returns the offset
    /// after the image, or `nil` when the input ends inside it.
    private func image(at start: Int, number: Int, in bytes: Span<UInt8>, into builder: inout LayoutBuilder) -> Int? {
        let prefix = "image\(number)/"
        guard bytes.contains(offset: start, length: 10) else {
            builder.anomaly("truncated-image", at: start, "image descriptor needs 10 bytes; \(bytes.count - start) remain")
            builder.add(ImageRegion(kind: .gap, name: prefix + "descriptor", range: start..<bytes.count))
            return nil
        }
        builder.add(ImageRegion(kind: .header, name: prefix + "descriptor", range: start..<start + 10))
        let packed = bytes[start + 9]
        if number == 1 { builder.header?.interlaced = packed & 0x40 != 0 }
        var position = start + 10
        if packed & 0x80 != 0 {
            position = colorTable(at: position, packed: packed, name: prefix + "local-color-table", in: bytes, into: &builder)
        }
        guard let codeSize = bytes.uint8(at: position) else {
            builder.anomaly("truncated-image", at: position, "image data is missing")
            return nil
        }
        // GIF89a Appendix F: the minimum code size is 2–8 (decoders accept up to 12).
        if !(2...12).contains(codeSize) {
            builder.anomaly("invalid-lzw-code-size", at: position, "LZW minimum code size \(codeSize) is outside 2...12")
        }
        let chain = GIF.SubBlocks(in: bytes, at: position + 1)
        builder.add(ImageRegion(kind: .imageData, name: prefix + "data", range: position..<chain.end, pieces: chain.pieces))
        guard chain.terminated else {
            builder.anomaly("truncated-image", at: position, "image data sub-blocks run past the end of the input")
            return nil
        }
        return chain.end
    }

    /// Records one extension block (GIF89a §§23–26, and unknown labels) and returns its end.
    private func extensionBlock(at start: Int, in bytes: Span<UInt8>, into builder: inout LayoutBuilder) -> Int {
        guard let rawLabel = bytes.uint8(at: start + 1) else {
            builder.anomaly("truncated-extension", at: start, "extension introducer at the end of the input")
            builder.add(ImageRegion(kind: .gap, name: "extension", range: start..<bytes.count))
            return bytes.count
        }
        let label = GIF.ExtensionLabel(rawValue: rawLabel)
        let chain = GIF.SubBlocks(in: bytes, at: start + 2)
        let range = start..<chain.end
        var name = "extension:" + label.name
        var pieces = chain.pieces
        var kind = ImageRegion.Kind.metadata
        switch label {
        case .graphicControl:
            kind = .header
            if pieces.first?.count != 4 || pieces.count != 1 {
                builder.anomaly("invalid-graphic-control", at: start, "graphic control extension is not one 4-byte block")
            }
        case .plainText:
            // The first block is the 12-byte text grid description; the rest is the text.
            if pieces.first?.count != 12 {
                builder.anomaly("invalid-plain-text", at: start, "plain text extension does not start with a 12-byte block")
            }
            pieces = Array(pieces.dropFirst())
        case .application:
            guard let identifier = pieces.first, identifier.count == 11 else {
                builder.anomaly("invalid-application", at: start, "application extension does not start with an 11-byte identifier block")
                break
            }
            let text = bytes.bytes(in: identifier)
            if text.allSatisfy({ (0x20...0x7E).contains($0) }) {
                name += ":" + String(decoding: text, as: UTF8.self)
            }
            // XMP is stored raw, not in sub-blocks: a "magic trailer" of descending length
            // bytes (FF FE … 01 00) makes a sub-block walk end at its terminator wherever it
            // lands. Any application can use the same trick to store raw bytes, so data ending
            // in that run is one contiguous payload, not joined pieces.
            if chain.terminated, text == Array("XMP DataXMP".utf8) || endsWithMagicTrailer(bytes, terminator: chain.end - 1) {
                builder.add(ImageRegion(kind: kind, name: name, range: range, payload: identifier.upperBound..<(chain.end - 1)))
                return chain.end
            }
            pieces = Array(pieces.dropFirst())
        case .comment:
            break
        default:
            builder.anomaly("unknown-extension", at: start, "extension label 0x\(String(rawLabel, radix: 16)) is not defined by GIF89a")
        }
        builder.add(ImageRegion(kind: kind, name: name, range: range, pieces: pieces))
        if !chain.terminated {
            builder.anomaly("truncated-extension", at: start, "\(name) sub-blocks run past the end of the input")
        }
        return chain.end
    }
}
