import StegCarve

extension EntropyProfile {
    /// The `<svg class="entropy">` plot along a file of `size` bytes: the profile as a line
    /// (0 to 8 bits per byte), grid lines at 2, 4 and 6 bits, the overlay and the top-level
    /// payloads shaded. The values ride along in `data-values` for the hover read-out.
    package func svg(size: Int, overlay: Overlay?, findings: [Finding]) -> String {
        guard size > 0, !values.isEmpty else {
            return #"<svg class="entropy empty" viewBox="0 0 1000 100" preserveAspectRatio="none" role="img" aria-label="entropy plot: empty file"></svg>"#
        }
        func x(_ offset: Int) -> String { String((min(1000, max(0, Double(offset) / Double(size) * 1000)) * 100).rounded() / 100) }
        func y(_ bits: Double) -> String { String(((100 - min(8, max(0, bits)) * 12.5) * 100).rounded() / 100) }
        let data = values.map { String(($0 * 100).rounded() / 100) }.joined(separator: ",")
        var svg = #"<svg class="entropy" viewBox="0 0 1000 100" preserveAspectRatio="none" role="img" aria-label="entropy along the file" data-step="\#(step)" data-window="\#(window)" data-values="\#(data)">"#
        if let overlay {
            svg += #"<rect class="band-overlay" x="\#(x(overlay.offset))" y="0" width="\#(x(overlay.length))" height="100"><title>overlay: offset \#(HTMLText.offset(overlay.offset)), \#(overlay.length) bytes</title></rect>"#
        }
        for finding in findings where finding.fileRanges == nil {
            svg += #"<rect class="band-payload" x="\#(x(finding.offset))" y="0" width="\#(x(finding.length))" height="100"><title>\#(HTMLText.escape(finding.type)) payload: offset \#(HTMLText.offset(finding.offset)), \#(finding.length) bytes</title></rect>"#
        }
        for bits in [2.0, 4.0, 6.0] {
            svg += #"<line class="grid" x1="0" x2="1000" y1="\#(y(bits))" y2="\#(y(bits))"/>"#
        }
        let points = values.enumerated().map { index, value in
            "\(x(min(size, index * step + step / 2))),\(y(value))"
        }.joined(separator: " ")
        svg += #"<polyline class="line" points="\#(points)"/>"#
        svg += #"<line class="cursor" x1="-10" x2="-10" y1="0" y2="100"/></svg>"#
        return svg
    }
}
