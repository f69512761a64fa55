import StegCarve

/// The byte map of one file as SVG: its structure (regions by kind), the payloads carved from
/// it and its anomalies, each drawn to scale along the file, with the offsets in a tooltip
/// and in `data-` attributes the page script reads on hover.
package struct ByteMap: Sendable {
    /// Regions drawn at most; beyond this, neighbouring regions of one kind are merged so a
    /// file with a million TIFF strips still makes a page a browser can open.
    package static let maximumShapes = 2000

    package var size: Int
    package var regions: [Region]
    package var findings: [Finding]
    package var anomalies: [Anomaly]

    package init(report: ScanReport) {
        size = report.size
        regions = report.regions
        findings = report.findings
        anomalies = report.anomalies
    }

    /// One shape: a byte range with its CSS class and its description.
    struct Shape {
        var offset: Int
        var length: Int
        var kind: String
        var label: String
    }

    /// The `<svg class="bytemap">` element.
    package var svg: String {
        var shapes = regions.map { region in
            Shape(offset: region.offset, length: region.length, kind: "k-" + region.kind.rawValue, label: "\(region.name) (\(region.kind.rawValue))")
        }
        if shapes.count > Self.maximumShapes { shapes = Self.merge(shapes, into: Self.maximumShapes) }
        if size == 0 || shapes.isEmpty {
            shapes = [Shape(offset: 0, length: max(size, 1), kind: "k-raw", label: size == 0 ? "empty file" : "no structure")]
        }
        var svg = #"<svg class="bytemap" viewBox="0 0 1000 64" preserveAspectRatio="none" role="img" aria-label="byte map">"#
        svg += #"<rect class="track" x="0" y="0" width="1000" height="30"/>"#
        for shape in shapes {
            svg += rect(shape, y: 0, height: 30)
        }
        var payloadShapes: [Shape] = []
        for (index, finding) in findings.enumerated() {
            let alarming = finding.labels.contains { ["executable", "script", "known-bad"].contains($0.name) }
            let label = "payload \(index + 1): \(finding.type)"
            let kind = alarming ? "p-bad" : "p-other"
            if let ranges = finding.fileRanges {
                payloadShapes += ranges.map { Shape(offset: $0.offset, length: $0.length, kind: kind, label: label + " (piece)") }
            } else {
                payloadShapes.append(Shape(offset: finding.offset, length: finding.length, kind: kind, label: label))
            }
        }
        for shape in payloadShapes.prefix(Self.maximumShapes) {
            svg += rect(shape, y: 34, height: 16)
        }
        for anomaly in anomalies.prefix(Self.maximumShapes) {
            let x = position(anomaly.offset)
            svg += #"<rect class="anomaly" x="\#(format(x))" y="53" width="2" height="11" data-o="\#(anomaly.offset)" data-l="1" data-n="anomaly \#(HTMLText.escape(anomaly.code))">"#
            svg += "<title>anomaly \(HTMLText.escape(anomaly.code)) at \(HTMLText.offset(anomaly.offset)): \(HTMLText.escape(anomaly.message))</title></rect>"
        }
        svg += #"<line class="cursor" x1="-10" x2="-10" y1="0" y2="64"/></svg>"#
        return svg
    }

    private func rect(_ shape: Shape, y: Int, height: Int) -> String {
        let x = position(shape.offset)
        let width = max(position(shape.offset + shape.length) - x, 0.6)
        let label = HTMLText.escape(shape.label)
        return #"<rect class="\#(shape.kind)" x="\#(format(x))" y="\#(y)" width="\#(format(width))" height="\#(height)" data-o="\#(shape.offset)" data-l="\#(shape.length)" data-n="\#(label)">"#
            + "<title>\(label): offset \(HTMLText.offset(shape.offset)), \(shape.length) bytes, ends at \(HTMLText.offset(shape.offset + shape.length))</title></rect>"
    }

    /// `offset` on the 0–1000 axis.
    func position(_ offset: Int) -> Double {
        guard size > 0 else { return 0 }
        return min(1000, max(0, Double(offset) / Double(size) * 1000))
    }

    func format(_ value: Double) -> String {
        String((value * 100).rounded() / 100)
    }

    /// Merges neighbours of the same kind until at most `limit` shapes remain.
    static func merge(_ shapes: [Shape], into limit: Int) -> [Shape] {
        guard let total = shapes.last.map({ $0.offset + $0.length }), total > 0 else { return Array(shapes.prefix(limit)) }
        // Bucket by position: shapes of one kind in the same 1/limit of the file become one.
        let bucket = max(1, total / limit)
        var merged: [Shape] = []
        for shape in shapes {
            let sameBucket = merged.last.map { $0.kind == shape.kind && $0.offset / bucket == shape.offset / bucket } ?? false
            if var last = merged.last, sameBucket || merged.count >= limit {
                // Past the limit everything joins the last shape, whatever its kind.
                let end = max(last.offset + last.length, shape.offset + shape.length)
                last.length = end - last.offset
                if !last.label.hasPrefix("merged ") { last.label = "merged regions from \(last.label)" }
                merged[merged.count - 1] = last
            } else {
                merged.append(shape)
            }
        }
        return merged
    }
}
