import StegCarveBytes
import StegCarveModel

extension ImageLayout {
    /// Turns the file's last region into a `padding` region when it is an overlay of at most
    /// ``Region/maximumPaddingLength`` bytes that are all line endings, spaces or zeros.
    ///
    /// Only the end of the file qualifies: padding is what follows everything else, so bytes
    /// of that kind in front of anything that is not padding stay part of the overlay (a
    /// payload may begin with zeros or a line break).
    /// - Complexity: O(min(overlay, 8 KiB)).
    package mutating func markTrailingPadding(in bytes: Span<UInt8>) {
        guard let last = regions.indices.last, regions[last].kind == .overlay else { return }
        let range = regions[last].range
        guard !range.isEmpty, range.count <= Region.maximumPaddingLength, range.upperBound <= bytes.count else { return }
        for index in range where !Region.isPaddingByte(bytes[index]) { return }
        regions[last] = ImageRegion(kind: .padding, name: "padding", range: range)
    }
}
