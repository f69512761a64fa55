import CBenchmarkPNG
import Foundation
@_spi(Benchmarks) import StegCarve

// `StegCarveBenchmark stego-photos [rounds]`: the default stego sweep over photo-sized
// lossless pictures, next to plain libpng decoding of the same pictures, on one core.
//
// The pictures are generated here, deterministically (same bytes on every run): smooth
// gradients and separable waves (sky, shading), a finer texture, per-sample noise like a
// camera sensor's (triangular, σ ≈ 2.3 levels) and chroma that varies slowly, written with
// libpng's simplified API (default zlib level and adaptive filters, as photo tools write).
// They are clean: the report's stego signal is printed so a false alarm would show.
//
// JPEG: the same pixels written by libjpeg (quality 90, 4:2:0), libjpeg decoding them to RGB
// next to the JPEG stego stage (coefficient read, JSteg layouts, DCT chi-square). TIFF and
// WebP: the same pixels as Deflate TIFF and lossless WebP (TIFFWebPCodec.swift), each library's
// plain decode next to StegCarve's decode through the shim and the same default sweep.
//
// Per picture and in total: libpng decode alone (`png_image_finish_read` into an 8-bit
// RGB/RGBA buffer), StegCarve's own decode (the decode check's: libpng through the shim into
// memory), and the stego stage on those decoded pixels as a scan runs it with `--stego
// default` (`StegoStageBenchmark`: triage of every default layout, SPA, RS and chi-square on
// every channel, the combined signal) — timed apart, because inside a whole scan the
// structure pass and the pixel search around it hide the stage's cost. Times are the
// process's CPU time, best of `rounds`: other load on a shared machine does not count, and
// the work is single-threaded, so the figures are per core.

/// One synthetic photo.
struct SyntheticPhoto {
    var name: String
    var width: Int
    var height: Int
    var channels: Int
    var png: [UInt8]
    var megapixels: Double { Double(width * height) / 1e6 }
}

/// SplitMix64 (Steele, Lea, Flood 2014): fixed seed, same stream everywhere.
struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}

enum PhotoGenerator {
    /// The pictures measured: two RGB photos (12 and 16 MP) and an RGBA one (8 MP, opaque).
    static let specifications: [(name: String, width: Int, height: Int, channels: Int, seed: UInt64)] = [
        ("photo-12mp-rgb", 4000, 3000, 3, 1),
        ("photo-16mp-rgb", 4608, 3456, 3, 2),
        ("photo-8mp-rgba", 3264, 2448, 4, 3),
    ]

    /// Interleaved 8-bit samples, row-major.
    static func pixels(width: Int, height: Int, channels: Int, seed: UInt64) -> [UInt8] {
        var random = SplitMix64(state: seed)
        // Separable waves: Σ a·sx[x]·sy[y] for luminance and two chroma fields.
        func wave(_ count: Int, cycles: ClosedRange<Double>) -> [Double] {
            let frequency = cycles.lowerBound + (cycles.upperBound - cycles.lowerBound) * random.unit()
            let phase = 2 * Double.pi * random.unit()
            return (0..<count).map { sin(2 * Double.pi * frequency * Double($0) / Double(count) + phase) }
        }
        struct Term { var amplitude: Double; var x: [Double]; var y: [Double] }
        func terms(_ amplitudes: [Double], cycles: ClosedRange<Double>) -> [Term] {
            amplitudes.map { Term(amplitude: $0, x: wave(width, cycles: cycles), y: wave(height, cycles: cycles)) }
        }
        let light = terms([38, 22, 14], cycles: 0.3...3) + terms([7, 4], cycles: 20...90)
        let red = terms([14, 6], cycles: 0.5...4), blue = terms([12, 5], cycles: 0.5...4)
        let slopeX = 50 * (random.unit() - 0.5), slopeY = 70 * (random.unit() - 0.5)
        var output = [UInt8](repeating: 255, count: width * height * channels)
        var noise: UInt64 = 0
        var noiseLeft = 0
        func sensorNoise() -> Double {
            if noiseLeft == 0 { noise = random.next(); noiseLeft = 4 }
            noiseLeft -= 1
            let a = Int(noise & 0xFF), b = Int(noise >> 8 & 0xFF)
            noise >>= 16
            return Double(a + b - 255) / 32
        }
        func clamp(_ value: Double) -> UInt8 { UInt8(max(0, min(255, value.rounded()))) }
        var offset = 0
        for y in 0..<height {
            let vertical = slopeY * Double(y) / Double(height)
            for x in 0..<width {
                var l = 120 + slopeX * Double(x) / Double(width) + vertical
                for term in light { l += term.amplitude * term.x[x] * term.y[y] }
                var r = l, b = l
                for term in red { r += term.amplitude * term.x[x] * term.y[y] }
                for term in blue { b += term.amplitude * term.x[x] * term.y[y] }
                output[offset] = clamp(r + sensorNoise())
                output[offset + 1] = clamp(l + sensorNoise())
                output[offset + 2] = clamp(b + sensorNoise())
                offset += channels
            }
        }
        return output
    }

    /// The PNG file for `pixels` (libpng's simplified writer: default compression, adaptive filters).
    static func png(_ pixels: [UInt8], width: Int, height: Int, channels: Int) -> [UInt8]? {
        var image = png_image()
        image.version = png_uint_32(PNG_IMAGE_VERSION)
        image.width = png_uint_32(width)
        image.height = png_uint_32(height)
        image.format = png_uint_32(channels == 4 ? PNG_FORMAT_FLAG_COLOR | PNG_FORMAT_FLAG_ALPHA : PNG_FORMAT_FLAG_COLOR)
        var size = pixels.count + pixels.count / 8 + (1 << 20)
        var output = [UInt8](repeating: 0, count: size)
        let written = output.withUnsafeMutableBytes { memory in
            pixels.withUnsafeBytes { source in
                png_image_write_to_memory(&image, memory.baseAddress, &size, 0, source.baseAddress, png_int_32(width * channels), nil)
            }
        }
        png_image_free(&image)
        guard written != 0, size <= output.count else { return nil }
        output.removeSubrange(size...)
        return output
    }

    /// Bump when the generator changes: cached files of another version are not reused.
    static let version = 1

    /// The pictures, generated once and kept in the temporary directory (they take a while
    /// to compress); a cached file is used only if it decodes to the generator's pixels.
    static func make() -> [SyntheticPhoto] {
        let cache = NSTemporaryDirectory() + "stegcarve-stego-photos-v\(version)"
        try? FileManager.default.createDirectory(atPath: cache, withIntermediateDirectories: true)
        return specifications.compactMap { spec in
            let pixels = pixels(width: spec.width, height: spec.height, channels: spec.channels, seed: spec.seed)
            let path = cache + "/" + spec.name + ".png"
            var decoded: [UInt8] = []
            if let cached = FileManager.default.contents(atPath: path).map([UInt8].init),
               libpngDecode(cached, channels: spec.channels, into: &decoded), decoded == pixels {
                return SyntheticPhoto(name: spec.name, width: spec.width, height: spec.height, channels: spec.channels, png: cached)
            }
            guard let file = png(pixels, width: spec.width, height: spec.height, channels: spec.channels) else { return nil }
            try? Data(file).write(to: URL(fileURLWithPath: path))
            return SyntheticPhoto(name: spec.name, width: spec.width, height: spec.height, channels: spec.channels, png: file)
        }
    }
}

/// Decodes `file` with libpng's simplified API into `buffer` (8-bit samples, `channels` per
/// pixel); `false` if libpng fails.
func libpngDecode(_ file: [UInt8], channels: Int, into buffer: inout [UInt8]) -> Bool {
    var image = png_image()
    image.version = png_uint_32(PNG_IMAGE_VERSION)
    let begun = file.withUnsafeBytes { png_image_begin_read_from_memory(&image, $0.baseAddress, $0.count) }
    guard begun != 0 else { return false }
    image.format = png_uint_32(channels == 4 ? PNG_FORMAT_FLAG_COLOR | PNG_FORMAT_FLAG_ALPHA : PNG_FORMAT_FLAG_COLOR)
    let needed = Int(image.width) * Int(image.height) * channels
    if buffer.count != needed { buffer = [UInt8](repeating: 0, count: needed) }
    let finished = buffer.withUnsafeMutableBytes { png_image_finish_read(&image, nil, $0.baseAddress, 0, nil) }
    png_image_free(&image)
    return finished != 0
}

/// CPU seconds this process spent in `body` (every thread), best of `rounds`.
func bestProcessCPU(_ rounds: Int, _ body: () -> Void) -> Double {
    bestCPU(rounds, clock: CLOCK_PROCESS_CPUTIME_ID, body)
}

func measureStegoPhotos(rounds: Int) {
    let generated = ContinuousClock.now
    let photos = PhotoGenerator.make()
    print("\nstego-photos: \(photos.count) synthetic photos ready in \(generated.duration(to: .now)), one core (process CPU time), best of \(rounds)")
    printLosslessTable(.png, photos, rounds: rounds)
    printLosslessTable(.tiff, photos, rounds: rounds)
    printLosslessTable(.webp, photos, rounds: rounds)

    print("\nJPEG (the same pictures, RGB, quality 90, 4:2:0): libjpeg decode next to the stego stage (coefficient read, JSteg layouts, DCT chi-square)")
    print("| picture | MP | JPEG MB | libjpeg decode MP/s | stego default stage MP/s | stage ÷ libjpeg decode | layouts | signal |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    var jpegTotals = (megapixels: 0.0, decode: 0.0, stage: 0.0)
    for photo in photos {
        var pixels: [UInt8] = []
        guard libpngDecode(photo.png, channels: photo.channels, into: &pixels) else { continue }
        let jpeg = JPEGCodec.encode(pixels, width: photo.width, height: photo.height, channels: photo.channels)
        var buffer: [UInt8] = []
        let decode = bestProcessCPU(rounds) { _ = JPEGCodec.decode(jpeg, into: &buffer) }
        let stage = StegoStageBenchmark(jpeg: jpeg)
        var outcome = stage.run(.standard)
        let seconds = bestProcessCPU(rounds) { outcome = stage.run(.standard) }
        print("| \(photo.name) | \(String(format: "%.1f", photo.megapixels)) | \(String(format: "%.1f", Double(jpeg.count) / 1e6)) | \(rate(photo.megapixels, decode)) | \(rate(photo.megapixels, seconds)) | \(ratio(decode, seconds)) | \(outcome.layoutsTried) | \(outcome.signal) |")
        jpegTotals.megapixels += photo.megapixels
        jpegTotals.decode += decode
        jpegTotals.stage += seconds
    }
    print("| **all** | \(String(format: "%.1f", jpegTotals.megapixels)) | | \(rate(jpegTotals.megapixels, jpegTotals.decode)) | \(rate(jpegTotals.megapixels, jpegTotals.stage)) | \(ratio(jpegTotals.decode, jpegTotals.stage)) | | |")
    print("\nstage ÷ decode > 1: the stage takes less CPU per megapixel than the library takes to decode the same picture.")
}

/// Megapixels per second, formatted for a table.
private func rate(_ megapixels: Double, _ seconds: Double) -> String {
    seconds > 0 ? String(format: "%.0f", megapixels / seconds) : "∞"
}

/// How many times faster `stage` ran than `decode`, formatted for a table.
private func ratio(_ decode: Double, _ stage: Double) -> String {
    stage > 0 ? String(format: "%.2f×", decode / stage) : "∞"
}

/// A lossless format of `stego-photos`: how a photo is written in it, how the library alone
/// decodes it, and StegCarve's decode of it (through the shim, as the decode check does).
struct LosslessFormat: Sendable {
    var title: String
    var library: String
    /// The file for a photo and the library's plain decode of it into a reused buffer; `nil`
    /// when it cannot be written.
    var prepare: @Sendable (SyntheticPhoto) -> (file: [UInt8], decode: (inout [UInt8]) -> Bool)?
    var stegcarve: @Sendable ([UInt8]) -> StegoStageBenchmark?

    static let png = LosslessFormat(
        title: "PNG: libpng decode next to StegCarve's decode and the stego default sweep on the decoded pixels",
        library: "libpng",
        prepare: { photo in (photo.png, { libpngDecode(photo.png, channels: photo.channels, into: &$0) }) },
        stegcarve: { StegoStageBenchmark(png: $0) })

    static let tiff = LosslessFormat(
        title: "TIFF (the same pictures, Deflate with the horizontal predictor, 64-row strips)",
        library: "libtiff",
        prepare: { photo in
            let path = cachedFile(photo, suffix: "tiff") { pixels, path in
                TIFFWebPCodec.writeTIFF(pixels, width: photo.width, height: photo.height, channels: photo.channels, to: path)
            } decodes: { path, pixels in
                var decoded: [UInt8] = []
                return TIFFWebPCodec.decodeTIFF(at: path, into: &decoded) && decoded.prefix(pixels.count).elementsEqual(pixels)
            }
            guard let path, let file = FileManager.default.contents(atPath: path).map([UInt8].init) else { return nil }
            return (file, { TIFFWebPCodec.decodeTIFF(at: path, into: &$0) })
        },
        stegcarve: { StegoStageBenchmark(tiff: $0) })

    static let webp = LosslessFormat(
        title: "WebP (the same pictures, lossless, libwebp's defaults)",
        library: "libwebp",
        prepare: { photo in
            func decode(_ file: [UInt8], into buffer: inout [UInt8]) -> Bool {
                TIFFWebPCodec.decodeWebP(file, width: photo.width, height: photo.height, channels: photo.channels, into: &buffer)
            }
            let path = cachedFile(photo, suffix: "webp") { pixels, path in
                guard let encoded = TIFFWebPCodec.encodeWebP(pixels, width: photo.width, height: photo.height, channels: photo.channels) else { return false }
                return (try? Data(encoded).write(to: URL(fileURLWithPath: path))) != nil
            } decodes: { path, pixels in
                var decoded: [UInt8] = []
                return decode(FileManager.default.contents(atPath: path).map([UInt8].init) ?? [], into: &decoded) && decoded == pixels
            }
            guard let path, let file = FileManager.default.contents(atPath: path).map([UInt8].init) else { return nil }
            return (file, { decode(file, into: &$0) })
        },
        stegcarve: { StegoStageBenchmark(webp: $0) })

    /// The photo's file in the cache directory, written by `write` unless a cached one `decodes`
    /// to the generator's pixels (lossless WebP takes a while to encode); `nil` if writing fails.
    private static func cachedFile(
        _ photo: SyntheticPhoto, suffix: String, write: ([UInt8], String) -> Bool, decodes: (String, [UInt8]) -> Bool
    ) -> String? {
        var pixels: [UInt8] = []
        guard libpngDecode(photo.png, channels: photo.channels, into: &pixels) else { return nil }
        let path = NSTemporaryDirectory() + "stegcarve-stego-photos-v\(PhotoGenerator.version)/\(photo.name).\(suffix)"
        if FileManager.default.fileExists(atPath: path), decodes(path, pixels) { return path }
        return write(pixels, path) ? path : nil
    }
}

/// One table of `stego-photos`: per photo the library's plain decode, StegCarve's decode and the
/// default sweep on those pixels (MP/s of one core's CPU time), the sweep's ratio to the library.
func printLosslessTable(_ format: LosslessFormat, _ photos: [SyntheticPhoto], rounds: Int) {
    print("\n\(format.title)")
    print("| picture | MP | file MB | \(format.library) decode MP/s | StegCarve decode MP/s | stego default sweep MP/s | sweep ÷ \(format.library) decode | layouts | signal |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
    var totals = (megapixels: 0.0, library: 0.0, stegcarve: 0.0, sweep: 0.0)
    for photo in photos {
        guard let (file, decode) = format.prepare(photo) else {
            print("| \(photo.name) | not written |")
            continue
        }
        var buffer: [UInt8] = []
        let library = bestProcessCPU(rounds) { _ = decode(&buffer) }
        var stage: StegoStageBenchmark?
        let stegcarve = bestProcessCPU(rounds) { stage = format.stegcarve(file) }
        guard let stage else {
            print("| \(photo.name) | does not decode |")
            continue
        }
        var outcome = stage.run(.standard)
        let sweep = bestProcessCPU(rounds) { outcome = stage.run(.standard) }
        print("| \(photo.name) | \(String(format: "%.1f", photo.megapixels)) | \(String(format: "%.1f", Double(file.count) / 1e6)) | \(rate(photo.megapixels, library)) | \(rate(photo.megapixels, stegcarve)) | \(rate(photo.megapixels, sweep)) | \(ratio(library, sweep)) | \(outcome.layoutsTried) | \(outcome.signal) |")
        totals.megapixels += photo.megapixels
        totals.library += library
        totals.stegcarve += stegcarve
        totals.sweep += sweep
    }
    print("| **all** | \(String(format: "%.1f", totals.megapixels)) | | \(rate(totals.megapixels, totals.library)) | \(rate(totals.megapixels, totals.stegcarve)) | \(rate(totals.megapixels, totals.sweep)) | \(ratio(totals.library, totals.sweep)) | | |")
}
