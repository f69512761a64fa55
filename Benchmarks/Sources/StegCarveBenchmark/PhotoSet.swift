import CBenchmarkZlib
import Dispatch
import Foundation

/// A deterministic set of photo-sized pictures, 271 MB: 16 JPEGs (baseline, quality 92,
/// 4:2:0, camera sizes of 12–24 megapixels, 2.5–5.3 MB each) and 8 PNGs (8-bit RGB, 12 and
/// 16 megapixels, Sub-filtered, zlib level 6 in libpng's 8 KiB IDAT chunks, 22–30 MB each).
/// The pixels look like a photograph to a compressor: a lit scene (sky and ground
/// gradients), large soft shapes, texture at several scales with correlated colour channels,
/// and sensor noise, so JPEG and deflate reach sizes camera files have rather than the
/// extremes of flat or random pixels.
///
/// Generated once into `$TMPDIR/stegcarve-bench-photos-v<version>` (the same bytes on every
/// machine and run: seeded, no clock; about 40 s on two cores) and reused while complete.
enum PhotoSet {
    static let version = 4

    struct Picture {
        var name: String
        var width: Int
        var height: Int
        var seed: UInt64
        var isPNG: Bool
    }

    static let pictures: [Picture] = {
        // Camera sizes: 12 MP (4000×3000), 16 MP (4608×3456), 20 MP (5472×3648), 24 MP (6000×4000);
        // every third JPEG in portrait.
        let jpegSizes = [(4000, 3000), (4608, 3456), (5472, 3648), (6000, 4000)]
        let pngSizes = [(4000, 3000), (4608, 3456)]
        var result: [Picture] = []
        for index in 0..<16 {
            let (width, height) = jpegSizes[index % jpegSizes.count]
            let portrait = index % 3 == 2
            result.append(Picture(
                name: String(format: "photo%02d.jpg", index), width: portrait ? height : width, height: portrait ? width : height,
                seed: 0x5EED_0000 + UInt64(index), isPNG: false
            ))
        }
        for index in 0..<8 {
            let (width, height) = pngSizes[index % pngSizes.count]
            result.append(Picture(name: String(format: "photo%02d.png", 16 + index), width: width, height: height, seed: 0x5EED_1000 + UInt64(index), isPNG: true))
        }
        return result
    }()

    /// The directory holding the set, generated if missing or incomplete.
    static func directory() throws -> (path: String, files: [String], bytes: Int) {
        let directory = NSTemporaryDirectory() + "stegcarve-bench-photos-v\(version)"
        let marker = directory + "/.complete"
        let fileManager = FileManager.default
        if !fileManager.fileExists(atPath: marker) {
            try? fileManager.removeItem(atPath: directory)
            try fileManager.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let started = DispatchTime.now().uptimeNanoseconds
            let failures = LockedCount()
            DispatchQueue.concurrentPerform(iterations: pictures.count) { index in
                let picture = pictures[index]
                let pixels = synthesize(picture)
                let bytes = picture.isPNG ? encodePNG(pixels, width: picture.width, height: picture.height)
                    : JPEGCodec.encode(pixels, width: picture.width, height: picture.height, channels: 3, quality: 92)
                if (try? Data(bytes).write(to: URL(fileURLWithPath: directory + "/" + picture.name))) == nil { failures.add(1) }
            }
            guard failures.value == 0 else { throw CocoaError(.fileWriteUnknown) }
            try Data().write(to: URL(fileURLWithPath: marker))
            print("generated \(pictures.count) photo-sized pictures in \(String(format: "%.1f", Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)) s")
        }
        let files = pictures.map { directory + "/" + $0.name }
        let bytes = try files.reduce(0) { $0 + ((try fileManager.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) }
        return (directory, files, bytes)
    }

    // MARK: Pixels

    /// A lattice of seeded values in 0...1, read with bilinear interpolation (value noise).
    struct Lattice {
        let cell: Float
        let columns: Int
        let values: [Float]

        init(width: Int, height: Int, cell: Int, generator: inout SplitMix64) {
            self.cell = Float(cell)
            columns = width / cell + 2
            let rows = height / cell + 2
            values = (0..<(columns * rows)).map { _ in Float(generator.next() >> 40) / Float(1 << 24) }
        }

        @inline(__always) func sample(_ x: Int, _ y: Int) -> Float {
            let fx = Float(x) / cell, fy = Float(y) / cell
            let ix = Int(fx), iy = Int(fy)
            let tx = fx - Float(ix), ty = fy - Float(iy)
            // Smoothstep weights: no visible lattice lines.
            let sx = tx * tx * (3 - 2 * tx), sy = ty * ty * (3 - 2 * ty)
            let base = iy * columns + ix
            let top = values[base] + (values[base + 1] - values[base]) * sx
            let bottom = values[base + columns] + (values[base + columns + 1] - values[base + columns]) * sx
            return top + (bottom - top) * sy
        }
    }

    /// Interleaved 8-bit RGB.
    static func synthesize(_ picture: Picture) -> [UInt8] {
        let (width, height) = (picture.width, picture.height)
        var generator = SplitMix64(state: picture.seed)
        // Luminance at four scales (shapes, objects, texture, fine detail), chroma at two.
        let shapes = Lattice(width: width, height: height, cell: 512, generator: &generator)
        let objects = Lattice(width: width, height: height, cell: 96, generator: &generator)
        let texture = Lattice(width: width, height: height, cell: 14, generator: &generator)
        let detail = Lattice(width: width, height: height, cell: 3, generator: &generator)
        let hueA = Lattice(width: width, height: height, cell: 384, generator: &generator)
        let hueB = Lattice(width: width, height: height, cell: 64, generator: &generator)
        let horizon = 0.35 + 0.3 * Float(generator.next() >> 40) / Float(1 << 24)
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        var noise = SplitMix64(state: picture.seed ^ 0xA5A5_A5A5)
        pixels.withUnsafeMutableBufferPointer { output in
            for y in 0..<height {
                let v = Float(y) / Float(height)
                // Sky above the horizon (bright, blue), ground below (darker, warmer).
                let sky = v < horizon
                let baseLight: Float = sky ? 190 - 60 * v : 120 - 40 * (v - horizon)
                let baseCb: Float = sky ? 28 : -12
                let baseCr: Float = sky ? -10 : 14
                let textureWeight: Float = sky ? 0.25 : 1
                for x in 0..<width {
                    let light = baseLight + 70 * (shapes.sample(x, y) - 0.5) + 45 * (objects.sample(x, y) - 0.5)
                        + textureWeight * (40 * (texture.sample(x, y) - 0.5) + 28 * (detail.sample(x, y) - 0.5))
                    let cb = baseCb + 40 * (hueA.sample(x, y) - 0.5) + 14 * (hueB.sample(x, y) - 0.5)
                    let cr = baseCr + 40 * (hueB.sample(x, y) - 0.5) + 14 * (hueA.sample(x, y) - 0.5)
                    // Sensor noise: triangular, ±8 levels, independent per channel.
                    let bits = noise.next()
                    let n0 = Float(Int(bits & 7) - Int(bits >> 3 & 7)) * 1.1
                    let n1 = Float(Int(bits >> 6 & 7) - Int(bits >> 9 & 7)) * 1.1
                    let n2 = Float(Int(bits >> 12 & 7) - Int(bits >> 15 & 7)) * 1.1
                    let offset = (y * width + x) * 3
                    output[offset] = clamp(light + 1.402 * cr + n0)
                    output[offset + 1] = clamp(light - 0.344 * cb - 0.714 * cr + n1)
                    output[offset + 2] = clamp(light + 1.772 * cb + n2)
                }
            }
        }
        return pixels
    }

    @inline(__always) static func clamp(_ value: Float) -> UInt8 {
        UInt8(max(0, min(255, value.rounded())))
    }

    // MARK: Encoders

    /// PNG: signature, IHDR (8-bit RGB), the Sub-filtered scanlines deflated at level 6 in
    /// 8 KiB IDAT chunks (libpng's default), IEND.
    static func encodePNG(_ pixels: [UInt8], width: Int, height: Int) -> [UInt8] {
        let rowBytes = width * 3
        var filtered = [UInt8](repeating: 0, count: (rowBytes + 1) * height)
        for y in 0..<height {
            let out = y * (rowBytes + 1)
            filtered[out] = 1  // Sub
            for index in 0..<rowBytes {
                let left = index >= 3 ? pixels[y * rowBytes + index - 3] : 0
                filtered[out + 1 + index] = pixels[y * rowBytes + index] &- left
            }
        }
        var compressedSize = compressBound(uLong(filtered.count))
        var compressed = [UInt8](repeating: 0, count: Int(compressedSize))
        _ = compressed.withUnsafeMutableBufferPointer { output in
            filtered.withUnsafeBufferPointer { input in
                compress2(output.baseAddress, &compressedSize, input.baseAddress, uLong(input.count), 6)
            }
        }
        compressed.removeSubrange(Int(compressedSize)...)
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        func chunk(_ type: String, _ data: ArraySlice<UInt8>) {
            append32(&png, UInt32(data.count))
            let start = png.count
            png += Array(type.utf8)
            png += data
            let crc = png[start...].withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) }
            append32(&png, UInt32(crc))
        }
        var header: [UInt8] = []
        append32(&header, UInt32(width))
        append32(&header, UInt32(height))
        header += [8, 2, 0, 0, 0]
        chunk("IHDR", header[...])
        var offset = 0
        while offset < compressed.count {
            let end = min(compressed.count, offset + 8192)
            chunk("IDAT", compressed[offset..<end])
            offset = end
        }
        chunk("IEND", [][...])
        return png
    }

    static func append32(_ bytes: inout [UInt8], _ value: UInt32) {
        bytes += [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }
}

/// A counter shared by worker threads.
final class LockedCount: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func add(_ amount: Int) {
        lock.lock()
        count += amount
        lock.unlock()
    }

    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }
}
