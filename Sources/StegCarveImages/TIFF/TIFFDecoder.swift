import StegCarveBytes
import StegCarveModel

/// Parses TIFF and BigTIFF files by following every offset from the header: the IFD chain,
/// SubIFDs, Exif, GPS and Interoperability IFDs, out-of-line tag values, strips and tiles.
///
/// Offsets can point anywhere, so the decoder collects the referenced ranges, sorts them and
/// reports every byte no structure references as a scanned `gap`. Regions: `header`, IFDs
/// as `ifd0`, `ifd1`, `ifd0/exif`, `ifd0/exif/interop`, `ifd0/gps`, `ifd0/subifd1`
/// (a chained IFD after a non-main one is `<name>/next`), out-of-line values as
/// `<ifd>/<TagName>` (`ifd0/ImageDescription`, `ifd0/tag-0xC612`), strips and tiles as
/// `<ifd>/strip0`, `<ifd>/tile3`, an old-style JPEG thumbnail as `<ifd>/jpeg`. The image
/// ends after the last referenced byte; what follows is the overlay.
package struct TIFFDecoder: ContainerDecoder {
    /// Most IFD pointers followed per file (revisits included), whatever the chain and
    /// SubIFD pointers say.
    package static let maxIFDs = 1024

    package init() {}

    package var format: ContainerFormat { .tiff }

    package func matches(_ bytes: Span<UInt8>) -> Bool {
        TIFF.Header(bytes) != nil
    }

    package func layout(of bytes: Span<UInt8>, limits: StructureLimits) -> ImageLayout {
        var builder = LayoutBuilder(limits: limits)
        let count = bytes.count
        guard let header = TIFF.Header(bytes) else {
            return builder.finish(format: .tiff, byteCount: count, imageEnd: nil, pictureCount: 0, unparsedFrom: 0)
        }
        var walk = IFDWalk(header: header, maxRanges: limits.maxRegions)
        walk.tiler.add(ImageRegion(kind: .header, name: "header", range: 0..<header.size))
        walk.run(bytes, into: &builder)
        let end = min(count, walk.tiler.end(atLeast: header.size))
        let stop = walk.tiler.emit(upTo: end, into: &builder, overlapCode: "overlapping-data")
        if walk.incomplete || stop != nil {
            return builder.finish(format: .tiff, byteCount: count, imageEnd: nil, pictureCount: walk.pages, unparsedFrom: stop ?? end)
        }
        return builder.finish(format: .tiff, byteCount: count, imageEnd: end, pictureCount: walk.pages)
    }
}

/// Follows IFDs breadth first and collects every range they reference.
private struct IFDWalk {
    let header: TIFF.Header
    let maxRanges: Int
    var tiler = RegionTiler()
    /// IFDs in the main chain (pages).
    var pages = 0
    /// The region limit stopped collection: more may be referenced than was recorded.
    var incomplete = false
    private var visited: Set<Int> = []

    init(header: TIFF.Header, maxRanges: Int) {
        self.header = header
        self.maxRanges = maxRanges
    }

    /// One IFD waiting to be read.
    private struct Pending {
        var offset: Int
        var name: String
        var isMainChain: Bool
    }

    /// One IFD entry (TIFF 6.0 §2 "IFD Entry").
    private struct Entry {
        var tag: UInt16
        var type: UInt16
        var count: Int
        /// Where the values are: inside the entry or at the offset it holds.
        var valueOffset: Int
        /// Bytes the values take, or `nil` for an undefined type or an overflowing count.
        var byteCount: Int?
    }

    private var isFull: Bool { tiler.count >= maxRanges }

    mutating func run(_ bytes: Span<UInt8>, into builder: inout LayoutBuilder) {
        var queue = [Pending(offset: header.firstIFD, name: "ifd0", isMainChain: true)]
        var index = 0
        while index < queue.count {
            let pending = queue[index]
            index += 1
            guard !isFull else { return stopCollecting(at: pending.offset, into: &builder) }
            guard visited.insert(pending.offset).inserted else {
                builder.anomaly("ifd-loop", at: pending.offset, "\(pending.name) points at an IFD already read")
                continue
            }
            // The queue never holds more than maxIFDs pointers, so SubIFD fan-out stays bounded.
            let next = readIFD(pending, in: bytes, into: &builder)
            let room = max(0, TIFFDecoder.maxIFDs - queue.count)
            if next.count > room {
                builder.noteLimit("max-ifds", TIFFDecoder.maxIFDs, "IFD pointers past the first \(TIFFDecoder.maxIFDs) were not followed")
            }
            queue += next.prefix(room)
        }
    }

    private mutating func stopCollecting(at offset: Int, into builder: inout LayoutBuilder) {
        incomplete = true
        builder.noteLimit("max-regions", maxRanges, "references after offset \(offset) were not followed; bytes they point at are reported as gaps or unparsed")
    }

    /// Reads one IFD, records what it references, and returns the IFDs it points at.
    private mutating func readIFD(_ ifd: Pending, in bytes: Span<UInt8>, into builder: inout LayoutBuilder) -> [Pending] {
        let count = bytes.count
        guard ifd.offset >= header.size, let declared = entryCount(bytes, at: ifd.offset) else {
            builder.anomaly("offset-out-of-range", at: ifd.offset, "\(ifd.name) offset \(ifd.offset) is outside the file")
            return []
        }
        if ifd.isMainChain { pages += 1 }
        let entriesStart = ifd.offset + header.countSize
        let fitting = (count - entriesStart) / header.entrySize
        let entries = min(declared, fitting)
        let tableEnd = declared.multiplying(header.entrySize).flatMap { $0.adding(entriesStart) }?.adding(header.offsetSize)
        if tableEnd.map({ $0 > count }) ?? true {
            builder.anomaly("truncated-ifd", at: ifd.offset, "\(ifd.name) declares \(declared) entries; \(entries) fit in the file")
        }
        tiler.add(ImageRegion(kind: .header, name: ifd.name, range: ifd.offset..<min(count, tableEnd ?? count)))
        var next: [Pending] = []
        var arrays: [UInt16: [Int]] = [:]
        for number in 0..<entries {
            guard !isFull else {
                stopCollecting(at: entriesStart + number * header.entrySize, into: &builder)
                return []
            }
            let entry = readEntry(bytes, at: entriesStart + number * header.entrySize)
            guard let byteCount = entry.byteCount else {
                builder.anomaly("invalid-field-type", at: entriesStart + number * header.entrySize, "\(ifd.name) tag \(entry.tag) has type \(entry.type) or count \(entry.count) that cannot be sized")
                continue
            }
            if byteCount > header.offsetSize {
                addReferenced(entry.valueOffset, byteCount, kind: .metadata, name: "\(ifd.name)/\(TIFF.Tag.name(entry.tag))", in: bytes, into: &builder)
            }
            switch entry.tag {
            case TIFF.Tag.stripOffsets, TIFF.Tag.stripByteCounts, TIFF.Tag.tileOffsets, TIFF.Tag.tileByteCounts,
                 TIFF.Tag.jpegInterchangeFormat, TIFF.Tag.jpegInterchangeFormatLength:
                arrays[entry.tag] = values(of: entry, in: bytes, maximum: maxRanges)
            case TIFF.Tag.subIFDs:
                for (position, offset) in values(of: entry, in: bytes, maximum: TIFFDecoder.maxIFDs).enumerated() {
                    next.append(Pending(offset: offset, name: "\(ifd.name)/subifd\(position + 1)", isMainChain: false))
                }
            case TIFF.Tag.exifIFD, TIFF.Tag.gpsIFD, TIFF.Tag.interoperabilityIFD:
                let suffix = entry.tag == TIFF.Tag.exifIFD ? "exif" : entry.tag == TIFF.Tag.gpsIFD ? "gps" : "interop"
                if let offset = values(of: entry, in: bytes, maximum: 1).first {
                    next.append(Pending(offset: offset, name: "\(ifd.name)/\(suffix)", isMainChain: false))
                }
            default:
                break
            }
            if ifd.name == "ifd0" { readHeaderField(entry, in: bytes, into: &builder) }
        }
        addImageData(arrays, offsets: TIFF.Tag.stripOffsets, counts: TIFF.Tag.stripByteCounts, name: "\(ifd.name)/strip", ifd: ifd.offset, in: bytes, into: &builder)
        addImageData(arrays, offsets: TIFF.Tag.tileOffsets, counts: TIFF.Tag.tileByteCounts, name: "\(ifd.name)/tile", ifd: ifd.offset, in: bytes, into: &builder)
        addImageData(arrays, offsets: TIFF.Tag.jpegInterchangeFormat, counts: TIFF.Tag.jpegInterchangeFormatLength, name: "\(ifd.name)/jpeg", ifd: ifd.offset, in: bytes, into: &builder)
        if entries == declared, let link = header.offsetField(bytes, at: entriesStart + declared * header.entrySize), link != 0 {
            let name = ifd.isMainChain ? "ifd\(pages)" : "\(ifd.name)/next"
            next.append(Pending(offset: link, name: name, isMainChain: ifd.isMainChain))
        }
        return next
    }

    private func entryCount(_ bytes: Span<UInt8>, at offset: Int) -> Int? {
        if header.isBig {
            return bytes.uint64(at: offset, header.order).flatMap { Int(field: $0) }
        }
        return bytes.uint16(at: offset, header.order).map { Int($0) }
    }

    private func readEntry(_ bytes: Span<UInt8>, at offset: Int) -> Entry {
        let tag = bytes.uint16(at: offset, header.order) ?? 0
        let type = bytes.uint16(at: offset + 2, header.order) ?? 0
        let count = header.isBig ? bytes.uint64(at: offset + 4, header.order).flatMap { Int(field: $0) } : bytes.uint32(at: offset + 4, header.order).map { Int($0) }
        let field = offset + (header.isBig ? 12 : 8)
        let byteCount = count.flatMap { count in TIFF.typeSize(type).flatMap { count.multiplying($0) } }
        let valueOffset = (byteCount ?? 0) > header.offsetSize ? (header.offsetField(bytes, at: field) ?? Int.max) : field
        return Entry(tag: tag, type: type, count: count ?? 0, valueOffset: valueOffset, byteCount: byteCount)
    }

    /// Unsigned integer values of a SHORT/LONG/LONG8/IFD/IFD8 field, at most `maximum`,
    /// only those inside the file.
    private func values(of entry: Entry, in bytes: Span<UInt8>, maximum: Int) -> [Int] {
        guard let size = TIFF.typeSize(entry.type), [3, 4, 13, 16, 18].contains(entry.type) else { return [] }
        let available = entry.valueOffset < bytes.count ? (bytes.count - entry.valueOffset) / size : 0
        let wanted = min(entry.count, maximum, available)
        var result: [Int] = []
        result.reserveCapacity(wanted)
        for index in 0..<wanted {
            let at = entry.valueOffset + index * size
            let value: Int? = switch size {
            case 2: bytes.uint16(at: at, header.order).map { Int($0) }
            case 4: bytes.uint32(at: at, header.order).map { Int($0) }
            default: bytes.uint64(at: at, header.order).flatMap { Int(field: $0) }
            }
            if let value { result.append(value) }
        }
        return result
    }

    /// Records `length` bytes at `start`, cut at the end of the file with an anomaly.
    private mutating func addReferenced(_ start: Int, _ length: Int, kind: ImageRegion.Kind, name: String, in bytes: Span<UInt8>, into builder: inout LayoutBuilder) {
        guard start >= 0, start < bytes.count else {
            builder.anomaly("offset-out-of-range", at: start, "\(name) at offset \(start) lies outside the file")
            return
        }
        let end = min(bytes.count, start.adding(length) ?? Int.max)
        if end - start < length {
            builder.anomaly("truncated-data", at: start, "\(name) declares \(length) bytes; \(end - start) remain")
        }
        tiler.add(ImageRegion(kind: kind, name: name, range: start..<end))
    }

    /// Pairs offsets with byte counts (strips, tiles, JPEG interchange format).
    private mutating func addImageData(_ arrays: [UInt16: [Int]], offsets: UInt16, counts: UInt16, name: String, ifd: Int, in bytes: Span<UInt8>, into builder: inout LayoutBuilder) {
        guard let starts = arrays[offsets] else { return }
        let lengths = arrays[counts] ?? []
        if starts.count != lengths.count {
            builder.anomaly("count-mismatch", at: ifd, "\(name): \(starts.count) offsets but \(lengths.count) byte counts")
        }
        for (index, (start, length)) in zip(starts, lengths).enumerated() where length > 0 {
            guard !isFull else { return stopCollecting(at: start, into: &builder) }
            let regionName = offsets == TIFF.Tag.jpegInterchangeFormat ? name : "\(name)\(index)"
            addReferenced(start, length, kind: .imageData, name: regionName, in: bytes, into: &builder)
        }
    }

    /// Fills the picture header from IFD0's baseline fields.
    private func readHeaderField(_ entry: Entry, in bytes: Span<UInt8>, into builder: inout LayoutBuilder) {
        let tags = [TIFF.Tag.imageWidth, TIFF.Tag.imageLength, TIFF.Tag.bitsPerSample, TIFF.Tag.compression, TIFF.Tag.samplesPerPixel, TIFF.Tag.photometric]
        guard tags.contains(entry.tag), let value = values(of: entry, in: bytes, maximum: 1).first else { return }
        if builder.header == nil {
            builder.header = ImageHeader(width: 0, height: 0, bitsPerSample: 1, channels: 1, coding: "none")
        }
        switch entry.tag {
        case TIFF.Tag.imageWidth: builder.header?.width = value
        case TIFF.Tag.imageLength: builder.header?.height = value
        case TIFF.Tag.bitsPerSample: builder.header?.bitsPerSample = value
        case TIFF.Tag.compression: builder.header?.coding = TIFF.Tag.compressionName(value)
        case TIFF.Tag.samplesPerPixel: builder.header?.channels = value
        default: builder.header?.colorType = TIFF.Tag.colorTypeName(value)
        }
    }
}
