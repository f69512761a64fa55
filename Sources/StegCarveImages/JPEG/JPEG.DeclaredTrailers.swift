import StegCarveBytes
import StegCarveModel

extension JPEG {
    /// Content after the last picture that the file declares: a Google Motion Photo's video
    /// (XMP `Container:Directory` items, or the legacy `GCamera:MicroVideoOffset`), other
    /// secondary media items (gain maps), and the trailers of ``EndTrailers`` (Samsung SEF,
    /// AFCP, FotoStation, Photo Mechanic).
    ///
    /// A declaration is accepted only when the declared bytes verify as what they claim
    /// (ISO-BMFF `ftyp` for videos, SOI for JPEG items, a consistent SEF directory); a
    /// declaration that does not verify is an anomaly and its bytes stay unexplained overlay,
    /// because attackers can copy the flags.
    ///
    /// Specifications: Android "Motion Photo format 1.0" and "Ultra HDR" (XMP Container
    /// directory), legacy Google MicroVideo XMP; Samsung trailer as documented by ExifTool.
    package enum DeclaredTrailers {
        /// Declared regions after `imageEnd`, and anomalies for declarations that do not verify.
        package static func find(
            in bytes: Span<UInt8>, xmpPayloads: [Range<Int>], imageEnd: Int
        ) -> (regions: [ImageRegion], anomalies: [Anomaly]) {
            var regions: [ImageRegion] = []
            var anomalies: [Anomaly] = []
            let count = bytes.count
            guard imageEnd < count else { return ([], []) }

            // Trailers found from the end of the file (Samsung SEF, AFCP, FotoStation, Photo
            // Mechanic) come last; motion-photo items end where they start.
            let trailers = EndTrailers.walk(in: bytes, imageEnd: imageEnd)
            regions += trailers.regions
            anomalies += trailers.anomalies
            let end = trailers.start
            for xmp in xmpPayloads {
                let text = bytes.bytes(in: xmp)
                for item in motionPhotoItems(in: text, end: end, imageEnd: imageEnd) {
                    if verifies(item, in: bytes) {
                        regions.append(ImageRegion(kind: .declared, name: "declared:\(item.name)", range: item.range))
                    } else {
                        anomalies.append(Anomaly(
                            code: "declared-content-invalid", offset: item.range.lowerBound,
                            message: "XMP declares a \(item.mime) \(item.name) of \(item.range.count) bytes here, but the bytes are not one"
                        ))
                    }
                }
            }
            return (regions, anomalies)
        }

        /// One media item the XMP declares.
        struct Item {
            var name: String
            var mime: String
            var range: Range<Int>
        }

        /// Secondary items laid out from the end of the file backwards, as the Container
        /// directory lists them after the primary image; or the legacy MicroVideo.
        static func motionPhotoItems(in text: [UInt8], end: Int, imageEnd: Int) -> [Item] {
            var items: [Item] = []
            let directory = elements(named: "Container:Item", in: text)
            let secondary = directory.filter { attribute("Item:Semantic", in: $0) != "Primary" }
            if !secondary.isEmpty {
                var cursor = end
                for element in secondary.reversed() {
                    guard let length = attribute("Item:Length", in: element).flatMap(Int.init), length > 0 else { return [] }
                    let padding = attribute("Item:Padding", in: element).flatMap(Int.init) ?? 0
                    // Both come from the file: compare before subtracting so nothing overflows.
                    guard padding >= 0, padding <= cursor - imageEnd, length <= cursor - imageEnd - padding else { return [] }
                    cursor -= padding
                    let semantic = attribute("Item:Semantic", in: element) ?? "item"
                    let mime = attribute("Item:Mime", in: element) ?? "application/octet-stream"
                    let name = semantic == "MotionPhoto" ? "motion-photo" : semantic == "GainMap" ? "gain-map" : semantic.lowercased()
                    items.insert(Item(name: name, mime: mime, range: (cursor - length)..<cursor), at: 0)
                    cursor -= length
                }
                return items
            }
            // Legacy: GCamera:MicroVideoOffset counts the video's bytes from the end of the file.
            if let offset = attribute("GCamera:MicroVideoOffset", in: text).flatMap(Int.init)
                ?? elementValue("GCamera:MicroVideoOffset", in: text).flatMap(Int.init),
               offset > 0, offset <= end - imageEnd {
                items.append(Item(name: "motion-photo", mime: "video/mp4", range: (end - offset)..<end))
            }
            return items
        }

        /// Whether the item's bytes are what its MIME type claims.
        static func verifies(_ item: Item, in bytes: Span<UInt8>) -> Bool {
            let start = item.range.lowerBound
            if item.mime.hasPrefix("video/") || item.mime == "image/heic" {
                // ISO-BMFF: the first box is `ftyp` with a size inside the item.
                guard let size = bytes.uint32(at: start, .big), size >= 8, Int(size) <= item.range.count else { return false }
                return bytes.matches(Array("ftyp".utf8), at: start + 4)
            }
            if item.mime == "image/jpeg" { return bytes.matches([0xFF, 0xD8, 0xFF], at: start) }
            if item.mime == "image/png" { return bytes.matches([0x89, 0x50, 0x4E, 0x47], at: start) }
            return false
        }

        /// The Samsung trailer: it ends (at `end`, the file's end unless another trailer
        /// follows) with `[SEFH directory][length LE][SEFT]`; the directory's entries point
        /// back (by distance from the directory) at data blocks.
        static func samsungTrailer(in bytes: Span<UInt8>, end: Int, imageEnd: Int) -> Range<Int>? {
            let count = end
            guard count - imageEnd >= 8 + 12, bytes.matches(Array("SEFT".utf8), at: count - 4),
                  let length = bytes.uint32(at: count - 8, .little), length >= 12, Int(length) <= count - 8 - imageEnd else { return nil }
            let directory = count - 8 - Int(length)
            guard bytes.matches(Array("SEFH".utf8), at: directory),
                  let entries = bytes.uint32(at: directory + 8, .little), entries > 0, entries <= 1024,
                  12 + 12 * Int(entries) <= Int(length) else { return nil }
            var start = directory
            for index in 0..<Int(entries) {
                let entry = directory + 12 + 12 * index
                guard let distance = bytes.uint32(at: entry + 4, .little), let size = bytes.uint32(at: entry + 8, .little),
                      distance >= size, Int(distance) <= directory - imageEnd else { return nil }
                start = min(start, directory - Int(distance))
            }
            return start..<count
        }

        /// Every `<name …/>` or `<name …>` start tag in `text` (attributes included).
        static func elements(named name: String, in text: [UInt8]) -> [[UInt8]] {
            let open = Array(("<" + name).utf8)
            var result: [[UInt8]] = []
            var index = 0
            while let start = find(open, in: text, from: index) {
                let after = start + open.count
                guard after < text.count, text[after] == 0x20 || text[after] == 0x0A || text[after] == 0x09 || text[after] == 0x2F || text[after] == 0x3E,
                      let close = text[after...].firstIndex(of: 0x3E) else {
                    index = start + 1
                    continue
                }
                result.append(Array(text[start...close]))
                index = close + 1
            }
            return result
        }

        /// The value of `name="…"` (or `'…'`) in `text`.
        static func attribute(_ name: String, in text: [UInt8]) -> String? {
            let key = Array((name + "=").utf8)
            var index = 0
            while let start = find(key, in: text, from: index) {
                let quote = start + key.count
                // The name must not be the tail of a longer attribute name.
                if start > 0, isNameByte(text[start - 1]) {
                    index = start + 1
                    continue
                }
                guard quote < text.count, text[quote] == 0x22 || text[quote] == 0x27,
                      let close = text[(quote + 1)...].firstIndex(of: text[quote]) else { return nil }
                return String(decoding: text[(quote + 1)..<close], as: UTF8.self)
            }
            return nil
        }

        /// The text of `<name>…</name>` in `text`.
        static func elementValue(_ name: String, in text: [UInt8]) -> String? {
            let open = Array(("<" + name + ">").utf8)
            guard let start = find(open, in: text, from: 0) else { return nil }
            let valueStart = start + open.count
            guard let close = text[valueStart...].firstIndex(of: 0x3C) else { return nil }
            return String(decoding: text[valueStart..<close], as: UTF8.self).trimmingWhitespace
        }

        private static func isNameByte(_ byte: UInt8) -> Bool {
            (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || byte == 0x3A || byte == 0x5F
        }

        private static func find(_ needle: [UInt8], in text: [UInt8], from start: Int) -> Int? {
            guard !needle.isEmpty, start >= 0, text.count - start >= needle.count else { return nil }
            var index = start
            while index + needle.count <= text.count {
                if text[index] == needle[0], text[index..<(index + needle.count)].elementsEqual(needle) { return index }
                index += 1
            }
            return nil
        }
    }
}

extension String {
    fileprivate var trimmingWhitespace: String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
