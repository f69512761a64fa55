/// The colour indices of a non-interlaced palette PNG (colour type 3), from its inflated
/// scanlines (the decode check's `scanlines` stream: a filter byte and the filtered row bytes
/// per row) and its `PLTE` chunk data. libpng's decoder expands palettes to RGB, so the
/// indices are unfiltered here.
///
/// Specification: PNG (Third Edition), 7.3 "Filtering" and 9 "Filtering" (filter types 0–4,
/// bytes per pixel rounded up to 1 for palette pictures), 11.2.3 `PLTE`.
package enum PNGPalette {
    package static func decode(scanlines: [UInt8], width: Int, height: Int, bitDepth: Int, plte: [UInt8]) -> PaletteImage? {
        let (rowBits, rowOverflow) = width.multipliedReportingOverflow(by: bitDepth)
        guard [1, 2, 4, 8].contains(bitDepth), width > 0, height > 0, plte.count >= 3, plte.count % 3 == 0, !rowOverflow else { return nil }
        let rowBytes = (rowBits + 7) / 8
        let (needed, overflow) = (rowBytes + 1).multipliedReportingOverflow(by: height)
        guard !overflow, scanlines.count >= needed else { return nil }
        var rows = [UInt8](repeating: 0, count: rowBytes * height)
        for y in 0..<height {
            let filter = scanlines[y * (rowBytes + 1)]
            let source = y * (rowBytes + 1) + 1
            let target = y * rowBytes
            for x in 0..<rowBytes {
                let raw = scanlines[source + x]
                let left = x > 0 ? Int(rows[target + x - 1]) : 0
                let up = y > 0 ? Int(rows[target - rowBytes + x]) : 0
                let upLeft = x > 0 && y > 0 ? Int(rows[target - rowBytes + x - 1]) : 0
                let predictor: Int
                switch filter {
                case 0: predictor = 0
                case 1: predictor = left
                case 2: predictor = up
                case 3: predictor = (left + up) / 2
                case 4: predictor = paeth(left, up, upLeft)
                default: return nil
                }
                rows[target + x] = raw &+ UInt8(truncatingIfNeeded: predictor)
            }
        }
        let palette = stride(from: 0, to: plte.count - 2, by: 3).prefix(256).map { (plte[$0], plte[$0 + 1], plte[$0 + 2]) }
        let indices = PaletteImage.unpack(rows, width: width, height: height, bitsPerIndex: bitDepth) { $0 * rowBytes }
        return PaletteImage(width: width, height: height, bitsPerIndex: bitDepth, indices: indices, palette: palette)
    }

    private static func paeth(_ a: Int, _ b: Int, _ c: Int) -> Int {
        let p = a + b - c
        let pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
        if pa <= pb, pa <= pc { return a }
        return pb <= pc ? b : c
    }
}
