/// An un-keyed way of reading hidden bits out of decoded pixels, named so it cannot be misread.
///
/// Rendered (``description``) and parsed (``init(parsing:)``) with this grammar:
///
/// ```
/// layout   = "planes:" bits "," channels "," packing "," order
/// bits     = "b" plane [ "-" plane ]        ; planes counted from the LSB: b0 = least significant
/// channels = 1*( "r" | "g" | "b" | "a" | "l" ) ; read in the order written, per pixel ("l" = gray)
///          | "index" | "index-by-luma"      ; a palette picture's colour index, or its rank in
///                                           ; the palette sorted by luminance (EzStego)
/// packing  = "msb-first" | "lsb-first"      ; where the first extracted bit goes in each output byte
/// order    = "xy" | "yx" | "xy-bottom-up"   ; row-major, column-major, row-major from the last row
/// ```
///
/// Example: `planes:b0,rgb,msb-first,xy` is generic sequential LSB (zsteg's `b1,rgb,lsb,xy`).
/// zsteg writes the bit plane as a 1-based count (`b1`) and the *packing* as `lsb`/`msb`, so
/// `b1,msb` reads like "bit plane 1 from the MSB" (zsteg issue #43). Here the plane is the
/// 0-based index from the LSB and the packing is spelt out as where the first bit lands in
/// each byte, so the two can never be confused.
///
/// Extraction: for every pixel in `order`, for every channel in `channels`, the selected
/// planes are emitted from the highest to the lowest; bits are packed into bytes by `packing`.
/// So `planes:b0-7,r,msb-first,xy` yields the red sample bytes (per-channel de-interleaving)
/// and `planes:b0-3,bg,msb-first,xy` is Invoke-PSImage (blue low nibble = high nibble,
/// green low nibble = low nibble, one byte per pixel).
package struct PixelLayout: Sendable, Hashable, CustomStringConvertible {
    /// A channel of the decoded image.
    package enum Channel: Character, Sendable, Hashable, CaseIterable {
        case red = "r", green = "g", blue = "b", alpha = "a", luminance = "l"
        /// A palette picture's colour index (rendered `index`, never combined with others).
        case index = "i"
        /// The index's rank in the palette sorted by luminance (EzStego's order; rendered
        /// `index-by-luma`).
        case indexByLuma = "e"
    }

    /// How reports name a channel: its letter, or `index` / `index-by-luma`.
    package static func reportName(_ channel: Channel) -> String {
        indexName([channel]) ?? String(channel.rawValue)
    }

    /// The rendering of a layout that reads palette indices, e.g. `index` or `index-by-luma`.
    static func indexName(_ channels: [Channel]) -> String? {
        switch channels {
        case [.index]: "index"
        case [.indexByLuma]: "index-by-luma"
        default: nil
        }
    }

    /// Where the first extracted bit goes in each output byte.
    package enum Packing: String, Sendable, Hashable, CaseIterable {
        /// First bit into bit 7 (most significant) of the byte.
        case msbFirst = "msb-first"
        /// First bit into bit 0 (least significant) of the byte.
        case lsbFirst = "lsb-first"
    }

    /// The order pixels are visited in.
    package enum Order: String, Sendable, Hashable, CaseIterable {
        /// Left to right, top row first.
        case rowMajor = "xy"
        /// Top to bottom, left column first.
        case columnMajor = "yx"
        /// Left to right, bottom row first (BMP scanline order, wbStego).
        case rowMajorBottomUp = "xy-bottom-up"
    }

    /// The lowest bit plane read (0 = least significant bit).
    package var lowestPlane: Int
    /// The highest bit plane read, `>= lowestPlane`.
    package var highestPlane: Int
    /// Channels read per pixel, in this order.
    package var channels: [Channel]
    package var packing: Packing
    package var order: Order

    /// Creates a layout; planes are clamped to 0...15 and ordered.
    package init(planes: ClosedRange<Int>, channels: [Channel], packing: Packing = .msbFirst, order: Order = .rowMajor) {
        self.lowestPlane = min(max(planes.lowerBound, 0), 15)
        self.highestPlane = min(max(planes.upperBound, self.lowestPlane), 15)
        self.channels = channels
        self.packing = packing
        self.order = order
    }

    /// Number of bit planes read from each sample.
    package var planeCount: Int { highestPlane - lowestPlane + 1 }

    /// Bits extracted per pixel.
    package var bitsPerPixel: Int { planeCount * channels.count }

    package var description: String {
        let bits = lowestPlane == highestPlane ? "b\(lowestPlane)" : "b\(lowestPlane)-\(highestPlane)"
        let names = Self.indexName(channels) ?? String(channels.map(\.rawValue))
        return "planes:\(bits),\(names),\(packing.rawValue),\(order.rawValue)"
    }

    /// Parses the grammar above; `nil` for anything else.
    package init?(parsing text: String) {
        guard text.hasPrefix("planes:") else { return nil }
        let fields = text.dropFirst("planes:".count).split(separator: ",", omittingEmptySubsequences: false)
        guard fields.count == 4, fields[0].first == "b" else { return nil }
        let planeFields = fields[0].dropFirst().split(separator: "-", omittingEmptySubsequences: false)
        guard (1...2).contains(planeFields.count),
              let low = Int(planeFields[0]), let high = Int(planeFields[planeFields.count - 1]),
              (0...15).contains(low), (low...15).contains(high) else { return nil }
        var channels: [Channel] = []
        switch fields[1] {
        case "index": channels = [.index]
        case "index-by-luma": channels = [.indexByLuma]
        default:
            for character in fields[1] {
                guard let channel = Channel(rawValue: character), channel != .index, channel != .indexByLuma else { return nil }
                channels.append(channel)
            }
        }
        guard !channels.isEmpty, let packing = Packing(rawValue: String(fields[2])),
              let order = Order(rawValue: String(fields[3])) else { return nil }
        self.init(planes: low...high, channels: channels, packing: packing, order: order)
    }
}

extension PixelLayout {
    /// Whether this is the order wbStego writes a bitmap in: bit 0 of every byte (24-bit) or
    /// index (palette) in file order (`planes:b0,bgr,msb-first,xy-bottom-up`,
    /// `planes:b0,index,msb-first,xy-bottom-up`).
    package var isWbStegoOrder: Bool {
        lowestPlane == 0 && highestPlane == 0 && (channels == [.blue, .green, .red] || channels == [.index])
            && packing == .msbFirst && order == .rowMajorBottomUp
    }
}
