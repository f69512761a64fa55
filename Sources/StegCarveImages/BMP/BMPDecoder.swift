import StegCarveBytes
import StegCarveModel

/// Parses Windows/OS2 bitmaps: file header, DIB header, colour masks, palette, the pixel
/// array at `bfOffBits` and a V5 embedded or linked ICC profile.
///
/// Regions: `file-header`, `dib-header:<BITMAP…HEADER>`, `color-masks`, `palette`,
/// `pixels`, `icc-profile` (or `linked-profile`), and `gap` for every byte between them that
/// no field declares (the space between the palette and `bfOffBits` is where Witchetty hid
/// its payloads). The image ends after the last structure, or at `bfSize` when that lies
/// beyond it inside the file; what follows is the overlay.
package struct BMPDecoder: ContainerDecoder {
    package init() {}

    package var format: ContainerFormat { .bmp }

    package func matches(_ bytes: Span<UInt8>) -> Bool {
        guard bytes.matches([0x42, 0x4D], at: 0), let size = bytes.uint32(at: 14, .little) else { return false }
        return BMP.InfoHeader.knownSizes.contains(Int(size))
    }

    package func layout(of bytes: Span<UInt8>, limits: StructureLimits) -> ImageLayout {
        var builder = LayoutBuilder(limits: limits)
        let count = bytes.count
        var tiler = RegionTiler()
        tiler.add(ImageRegion(kind: .header, name: "file-header", range: 0..<min(14, count)))
        let declaredSize = Int(bytes.uint32(at: 2, .little) ?? 0)
        let pixelOffset = Int(bytes.uint32(at: 10, .little) ?? 0)
        guard let info = BMP.InfoHeader(bytes: bytes, at: 14) else {
            builder.anomaly("truncated-header", at: 14, "the DIB header runs past the end of the input")
            _ = tiler.emit(upTo: count, into: &builder, overlapCode: "overlapping-structures")
            return builder.finish(format: .bmp, byteCount: count, imageEnd: count, pictureCount: 1)
        }
        if let violation = info.violation {
            builder.anomaly("invalid-dib-header", at: 14, violation)
        } else {
            builder.header = info.imageHeader
        }
        var position = 14 + info.size
        tiler.add(ImageRegion(kind: .header, name: "dib-header:" + info.name, range: 14..<position))
        if info.separateMaskBytes > 0 {
            let end = min(count, position + info.separateMaskBytes)
            tiler.add(ImageRegion(kind: .header, name: "color-masks", range: position..<end))
            position = end
        }
        // The palette ends at bfOffBits at the latest; a hostile biClrUsed is cut there.
        let paletteLimit = pixelOffset >= position ? min(pixelOffset, count) : count
        if let paletteBytes = info.paletteEntries.multiplying(info.paletteEntrySize), paletteBytes > 0 {
            let end = min(paletteLimit, position.adding(paletteBytes) ?? Int.max)
            if end - position < paletteBytes {
                builder.anomaly("truncated-palette", at: position, "the colour table declares \(paletteBytes) bytes; \(max(0, end - position)) fit before the pixels")
            }
            if end > position { tiler.add(ImageRegion(kind: .header, name: "palette", range: position..<end)) }
            position = max(position, end)
        }
        let headersEnd = position
        var structuralEnd = headersEnd
        if pixelOffset < headersEnd || pixelOffset > count {
            builder.anomaly("offset-out-of-range", at: 10, "bfOffBits \(pixelOffset) lies outside \(headersEnd)...\(count)")
        } else {
            let declared = pixelBytes(info, pixelOffset: pixelOffset, declaredSize: declaredSize, bytes: bytes, into: &builder)
            let end = min(count, pixelOffset.adding(declared) ?? Int.max)
            if end - pixelOffset < declared {
                builder.anomaly("truncated-pixels", at: pixelOffset, "the pixel array needs \(declared) bytes; \(end - pixelOffset) remain")
            }
            tiler.add(ImageRegion(kind: .imageData, name: "pixels", range: pixelOffset..<end))
            structuralEnd = max(structuralEnd, end)
        }
        if let profileEnd = profile(info, in: bytes, into: &builder, tiler: &tiler) {
            structuralEnd = max(structuralEnd, profileEnd)
        }
        // Writers that pad the file to an even or 4-byte size (NSIS's, older Photoshop) count
        // 1–3 zero bytes after the pixels in bfSize: part of the picture, not a mismatch.
        if declaredSize > structuralEnd, declaredSize - structuralEnd <= Self.maximumWriterPadding, declaredSize <= count,
           (structuralEnd..<declaredSize).allSatisfy({ bytes[$0] == 0 }) {
            structuralEnd = declaredSize
        }
        var imageEnd = structuralEnd
        if declaredSize != structuralEnd {
            builder.anomaly("bfsize-mismatch", at: 2, "bfSize declares \(declaredSize) bytes; the structures end at \(structuralEnd)")
            if declaredSize > structuralEnd && declaredSize <= count { imageEnd = declaredSize }
        }
        if let stop = tiler.emit(upTo: imageEnd, into: &builder, overlapCode: "overlapping-structures") {
            return builder.finish(format: .bmp, byteCount: count, imageEnd: nil, pictureCount: 1, unparsedFrom: stop)
        }
        return builder.finish(format: .bmp, byteCount: count, imageEnd: imageEnd, pictureCount: 1)
    }

    /// Most zero bytes a writer adds after the pixel array and counts in `biSizeImage` or
    /// `bfSize` (to an even or a 4-byte file size).
    static let maximumWriterPadding = 3

    /// Pixel array bytes: from the dimensions when uncompressed (with the writer's zero padding
    /// when `biSizeImage` counts it), else `biSizeImage`.
    private func pixelBytes(_ info: BMP.InfoHeader, pixelOffset: Int, declaredSize: Int, bytes: Span<UInt8>, into builder: inout LayoutBuilder) -> Int {
        let count = bytes.count
        let fallback = (declaredSize > pixelOffset && declaredSize <= count ? declaredSize : count) - pixelOffset
        if info.isUncompressed {
            guard let computed = info.uncompressedPixelBytes else {
                builder.anomaly("invalid-dimensions", at: 18, "\(info.width)x\(info.height) at \(info.bitCount) bits overflows")
                return fallback
            }
            if info.imageSize > computed, info.imageSize - computed <= Self.maximumWriterPadding,
               let end = pixelOffset.adding(info.imageSize), end <= count,
               (pixelOffset + computed..<end).allSatisfy({ bytes[$0] == 0 }) {
                return info.imageSize
            }
            if info.imageSize != 0 && info.imageSize != computed {
                builder.anomaly("image-size-mismatch", at: 34, "biSizeImage is \(info.imageSize); \(info.width)x\(abs(info.height)) at \(info.bitCount) bits needs \(computed)")
            }
            return computed
        }
        if info.imageSize > 0 { return info.imageSize }
        builder.anomaly("missing-image-size", at: 34, "compressed pixels (\(info.compressionName)) without biSizeImage")
        return fallback
    }

    /// Records the V5 profile (offset from the start of the DIB header) and returns its end.
    private func profile(_ info: BMP.InfoHeader, in bytes: Span<UInt8>, into builder: inout LayoutBuilder, tiler: inout RegionTiler) -> Int? {
        guard let data = info.profileData, let size = info.profileSize, size > 0,
              info.colorSpaceType == BMP.InfoHeader.profileEmbedded || info.colorSpaceType == BMP.InfoHeader.profileLinked else { return nil }
        let name = info.colorSpaceType == BMP.InfoHeader.profileEmbedded ? "icc-profile" : "linked-profile"
        guard let start = data.adding(14), start >= 14 + info.size, start < bytes.count else {
            builder.anomaly("offset-out-of-range", at: 14 + 112, "bV5ProfileData \(data) points outside the file")
            return nil
        }
        let end = min(bytes.count, start.adding(size) ?? Int.max)
        if end - start < size {
            builder.anomaly("truncated-profile", at: start, "\(name) declares \(size) bytes; \(end - start) remain")
        }
        tiler.add(ImageRegion(kind: .metadata, name: name, range: start..<end))
        return end
    }
}
