import StegCarveBytes
import StegCarveModel

/// Parses Windows icon (`00 00 01 00`) and cursor (`00 00 02 00`) files: the directory and
/// the image each entry points at, a PNG or a DIB without file header.
///
/// Detection validates the directory (sane count, entries after it, the first entry's data
/// starting with a PNG signature or a DIB header), so random bytes starting `00 00 01 00`
/// are not taken for an icon. Regions: `directory` (header and entries), `imageN:png` or
/// `imageN:bmp` in entry order, `gap` for bytes no entry covers. The image ends after the
/// last entry's data; what follows is the overlay. A PNG entry that ends before its declared
/// size, or a DIB whose size exceeds header + palette + XOR + AND mask, is reported as
/// `entry-size-mismatch` (bytes hidden inside the entry).
package struct ICODecoder: ContainerDecoder {
    /// Most directory entries accepted; real icons have a handful.
    package static let maxEntries = 512

    package init() {}

    package var format: ContainerFormat { .ico }

    package func matches(_ bytes: Span<UInt8>) -> Bool {
        guard bytes.uint16(at: 0, .little) == 0, let type = bytes.uint16(at: 2, .little), type == 1 || type == 2,
              let count = bytes.uint16(at: 4, .little), (1...Self.maxEntries).contains(Int(count)),
              let first = ICO.DirectoryEntry(bytes, at: 6) else { return false }
        let directoryEnd = 6 + 16 * Int(count)
        return first.offset >= directoryEnd && first.size >= 8 && ICO.ImageKind(bytes, at: first.offset) != nil
    }

    package func layout(of bytes: Span<UInt8>, limits: StructureLimits) -> ImageLayout {
        var builder = LayoutBuilder(limits: limits)
        let count = bytes.count
        let format: ContainerFormat = bytes.uint16(at: 2, .little) == 2 ? .cur : .ico
        let declared = Int(bytes.uint16(at: 4, .little) ?? 0)
        let directoryEnd = min(count, 6 + 16 * declared)
        if directoryEnd < 6 + 16 * declared {
            builder.anomaly("truncated-directory", at: 6, "\(declared) entries need \(16 * declared) bytes")
        }
        var tiler = RegionTiler()
        tiler.add(ImageRegion(kind: .header, name: "directory", range: 0..<directoryEnd))
        var pictures = 0
        var imageEnd = directoryEnd
        var checked: [Range<Int>] = []
        for index in 0..<declared {
            guard let entry = ICO.DirectoryEntry(bytes, at: 6 + 16 * index) else { break }
            let name = "image\(index + 1)"
            guard entry.offset >= directoryEnd, entry.offset < count, entry.size > 0 else {
                builder.anomaly("offset-out-of-range", at: 6 + 16 * index, "\(name) at \(entry.offset) (\(entry.size) bytes) is outside \(directoryEnd)..<\(count)")
                continue
            }
            let end = min(count, entry.offset + entry.size)
            if end < entry.offset + entry.size {
                builder.anomaly("truncated-image", at: entry.offset, "\(name) declares \(entry.size) bytes; \(end - entry.offset) remain")
            }
            guard let kind = ICO.ImageKind(bytes, at: entry.offset) else {
                builder.anomaly("invalid-entry", at: entry.offset, "\(name) is neither a PNG nor a DIB")
                tiler.add(ImageRegion(kind: .gap, name: name, range: entry.offset..<end))
                imageEnd = max(imageEnd, end)
                continue
            }
            pictures += 1
            let range = entry.offset..<end
            tiler.add(ImageRegion(kind: .imageData, name: "\(name):\(kind.rawValue)", range: range))
            imageEnd = max(imageEnd, end)
            // Entries that overlap an earlier one are reported by the tiler; parsing them
            // again would let 512 entries make one large PNG cost 512 parses.
            if !checked.contains(where: { $0.overlaps(range) }) {
                checked.append(range)
                checkSize(of: entry, kind: kind, name: name, in: bytes, into: &builder)
            }
        }
        if let stop = tiler.emit(upTo: imageEnd, into: &builder, overlapCode: "overlapping-images") {
            return builder.finish(format: format, byteCount: count, imageEnd: nil, pictureCount: pictures, unparsedFrom: stop)
        }
        return builder.finish(format: format, byteCount: count, imageEnd: imageEnd, pictureCount: pictures)
    }

    /// Compares the entry's declared size with what its own structure needs, and reads the
    /// first picture's header.
    private func checkSize(of entry: ICO.DirectoryEntry, kind: ICO.ImageKind, name: String, in bytes: Span<UInt8>, into builder: inout LayoutBuilder) {
        let end = min(bytes.count, entry.offset + entry.size)
        let needed: Int?
        switch kind {
        case .png:
            let inner = PNGDecoder().layout(of: bytes.extracting(entry.offset..<end), limits: builder.limits)
            needed = inner.anomalies.isEmpty ? inner.imageEnd : nil
            if !inner.anomalies.isEmpty {
                builder.anomaly("invalid-entry", at: entry.offset, "\(name) PNG: \(inner.anomalies.map(\.code).joined(separator: ", "))")
            }
            if builder.header == nil, var header = inner.header {
                header.coding = "png"
                builder.header = header
            }
        case .bmp:
            guard let info = BMP.InfoHeader(bytes: bytes, at: entry.offset), info.violation == nil else {
                builder.anomaly("invalid-entry", at: entry.offset, "\(name) DIB header is truncated or invalid")
                return
            }
            // The DIB height covers the XOR image and the 1-bit AND mask stacked.
            var xorInfo = info
            xorInfo.height = abs(info.height) / 2
            var andInfo = xorInfo
            andInfo.bitCount = 1
            let palette = info.paletteEntries.multiplying(info.paletteEntrySize) ?? 0
            // Only uncompressed DIBs have a size that follows from their header.
            needed = info.compression != 0 ? nil : xorInfo.uncompressedPixelBytes.flatMap { xor in
                andInfo.uncompressedPixelBytes.flatMap { xor.adding($0) }
            }.flatMap { $0.adding(info.size + info.separateMaskBytes + palette) }
            if builder.header == nil {
                var header = xorInfo.imageHeader
                header.coding = "bmp"
                builder.header = header
            }
        }
        if let needed, needed != entry.size {
            builder.anomaly("entry-size-mismatch", at: entry.offset, "\(name) declares \(entry.size) bytes; its \(kind.rawValue) structure spans \(needed)")
        }
    }
}
