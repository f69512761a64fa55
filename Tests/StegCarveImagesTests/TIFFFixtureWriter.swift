/// Writes small uncompressed TIFF 6.0 files tag by tag, so decoder tests know every stored
/// sample: header, one IFD, then the arrays that do not fit an entry, then the pixel data
/// last (so any truncation cuts something the decoder needs).
struct TIFFFixtureWriter {
    var width: Int
    var height: Int
    var bitsPerSample: Int
    var samplesPerPixel: Int
    /// 0 MinIsWhite, 1 MinIsBlack, 2 RGB, 3 Palette.
    var photometric: Int
    /// Stored samples in file byte order, chunky, rows top-down.
    var data: [UInt8]
    var bigEndian = false
    var compression = 1
    /// ExtraSamples values (2: unassociated alpha).
    var extraSamples: [Int] = []
    /// Overrides the strip's byte count (a lie about where the data ends).
    var stripByteCount: Int?
    /// Tiles instead of one strip: every one of `count` tiles points at `data`.
    var tiles: (width: Int, length: Int, count: Int)?

    private struct Entry {
        var tag: UInt16
        /// 3 SHORT, 4 LONG.
        var type: UInt16
        var values: [UInt32]
    }

    var bytes: [UInt8] {
        var entries = [
            Entry(tag: 256, type: 4, values: [UInt32(width)]),
            Entry(tag: 257, type: 4, values: [UInt32(height)]),
            Entry(tag: 258, type: 3, values: Array(repeating: UInt32(bitsPerSample), count: samplesPerPixel)),
            Entry(tag: 259, type: 3, values: [UInt32(compression)]),
            Entry(tag: 262, type: 3, values: [UInt32(photometric)]),
            Entry(tag: 273, type: 4, values: [0]),  // patched below
            Entry(tag: 277, type: 3, values: [UInt32(samplesPerPixel)]),
            Entry(tag: 278, type: 4, values: [UInt32(height)]),
            Entry(tag: 279, type: 4, values: [UInt32(stripByteCount ?? data.count)]),
            Entry(tag: 284, type: 3, values: [1]),
        ]
        if let tiles {
            entries.removeAll { [273, 278, 279].contains($0.tag) }
            entries += [
                Entry(tag: 322, type: 4, values: [UInt32(tiles.width)]),
                Entry(tag: 323, type: 4, values: [UInt32(tiles.length)]),
                Entry(tag: 324, type: 4, values: Array(repeating: 0, count: tiles.count)),  // patched below
                Entry(tag: 325, type: 4, values: Array(repeating: UInt32(data.count), count: tiles.count)),
            ]
        }
        if photometric == 3 {
            // Entry i of each of red, green, blue: i * 257 (a gray ramp), 16-bit.
            let count = 1 << bitsPerSample
            let ramp = (0..<count).map { UInt32($0 * 65535 / max(count - 1, 1)) }
            entries.append(Entry(tag: 320, type: 3, values: ramp + ramp + ramp))
        }
        if !extraSamples.isEmpty {
            entries.append(Entry(tag: 338, type: 3, values: extraSamples.map(UInt32.init)))
        }
        let ifdSize = 2 + entries.count * 12 + 4
        var arrays: [UInt8] = []
        var arrayOffsets: [Int: Int] = [:]
        for (index, entry) in entries.enumerated() where byteCount(entry) > 4 {
            arrayOffsets[index] = 8 + ifdSize + arrays.count
            arrays += entry.values.flatMap { value(entry.type, $0) }
        }
        let dataOffset = 8 + ifdSize + arrays.count
        let offsetsTag: UInt16 = tiles == nil ? 273 : 324
        for index in entries.indices where entries[index].tag == offsetsTag {
            entries[index].values = entries[index].values.map { _ in UInt32(dataOffset) }
            if let position = arrayOffsets[index] {
                // The offsets array was laid out with zeros: write the real values there.
                let values = entries[index].values.flatMap { value(4, $0) }
                arrays.replaceSubrange((position - 8 - ifdSize)..<(position - 8 - ifdSize + values.count), with: values)
            }
        }

        var out: [UInt8] = bigEndian ? [0x4D, 0x4D, 0x00, 0x2A] : [0x49, 0x49, 0x2A, 0x00]
        out += value(4, 8)
        out += value(3, UInt32(entries.count))
        for (index, entry) in entries.enumerated() {
            out += value(3, UInt32(entry.tag)) + value(3, UInt32(entry.type)) + value(4, UInt32(entry.values.count))
            if let offset = arrayOffsets[index] {
                out += value(4, UInt32(offset))
            } else {
                var inline = entry.values.flatMap { value(entry.type, $0) }
                inline += Array(repeating: 0, count: 4 - inline.count)
                out += inline
            }
        }
        out += value(4, 0)
        return out + arrays + data
    }

    private func byteCount(_ entry: Entry) -> Int {
        entry.values.count * (entry.type == 3 ? 2 : 4)
    }

    /// A SHORT (type 3) or LONG (type 4) in the file's byte order.
    private func value(_ type: UInt16, _ number: UInt32) -> [UInt8] {
        let size = type == 3 ? 2 : 4
        let little = (0..<size).map { UInt8(truncatingIfNeeded: number >> (8 * $0)) }
        return bigEndian ? little.reversed() : little
    }

    /// 16-bit samples in the file's byte order.
    static func samples16(_ values: [Int], bigEndian: Bool) -> [UInt8] {
        values.flatMap { value in
            let high = UInt8(truncatingIfNeeded: value >> 8), low = UInt8(truncatingIfNeeded: value)
            return bigEndian ? [high, low] : [low, high]
        }
    }
}
