import StegCarveBytes

/// Shannon entropy along a file: one value per step, each over a window centred on its step,
/// for the report's entropy plot.
///
/// Compressed image data sits near 8 bits per byte, metadata and headers lower, zero padding
/// at 0; an appended executable shows as a plateau of its own after the picture.
package struct EntropyProfile: Sendable, Equatable {
    /// Bytes between consecutive points.
    package var step: Int
    /// Bytes each value is computed over (centred on its point, clipped to the file).
    package var window: Int
    /// Bits per byte, one per point; point `i` describes the bytes around `i * step`.
    package var values: [Double]

    /// Most points a profile has, whatever the file size.
    package static let maximumPoints = 512
    /// Fewest bytes a window covers (fewer make entropy meaningless: 64 bytes cannot exceed 6 bits).
    package static let minimumWindow = 256

    /// - Complexity: O(max(n, ``maximumPoints`` × ``minimumWindow``)).
    package init(_ bytes: Span<UInt8>) {
        let count = bytes.count
        guard count > 0 else {
            self.init(step: 1, window: 0, values: [])
            return
        }
        let step = max(1, (count + Self.maximumPoints - 1) / Self.maximumPoints)
        let window = min(count, max(step, Self.minimumWindow))
        var values: [Double] = []
        var position = 0
        while position < count {
            let centre = position + step / 2
            let start = max(0, min(centre - window / 2, count - window))
            values.append(ByteHistogram(bytes.extracting(start..<(start + window))).entropy)
            position += step
        }
        self.init(step: step, window: window, values: values)
    }

    package init(step: Int, window: Int, values: [Double]) {
        self.step = step
        self.window = window
        self.values = values
    }
}
