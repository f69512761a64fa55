import Foundation
import StegCarveStego
import TestSupport

/// An 8-bit test picture built in memory, with an embedder and a PNG writer independent of
/// the code under test (store-only deflate: no compressor needed).
struct StegoTestImage {
    var width: Int
    var height: Int
    /// Channel names in sample order: "rgb", "rgba", "l".
    var channels: [Character]
    var samples: [UInt8]

    /// Smooth gradients plus small deterministic noise, quantised at a lower precision and then
    /// stretched by 1.37 (what a camera pipeline or a levels adjustment does): correlated
    /// neighbours, and the uneven (2i, 2i+1) histogram pairs of real photographs. Without the
    /// stretch the histogram is smooth, pairs are already even, and the chi-square attack
    /// reports embedding in a clean picture (a known limitation of that attack). The stretch in
    /// turn breaks SPA's premise that X ≈ Y in a clean picture (it then underestimates by up
    /// to 0.1), so `stretched: false` gives the smooth version for SPA.
    static func natural(width: Int, height: Int, channels: String = "rgb", seed: UInt64, stretched: Bool = true) -> StegoTestImage {
        var generator = SeededGenerator(seed: seed)
        let names = Array(channels)
        var samples = [UInt8](repeating: 0, count: width * height * names.count)
        for y in 0..<height {
            for x in 0..<width {
                for c in 0..<names.count {
                    let index = (y * width + x) * names.count + c
                    if names[c] == "a" {
                        samples[index] = 255
                        continue
                    }
                    let u = Double(x) / Double(max(width - 1, 1))
                    let v = Double(y) / Double(max(height - 1, 1))
                    let phase = Double(c) * 1.3
                    let base = 0.5 + 0.25 * sin(6.0 * u + phase) * cos(4.0 * v - phase) + 0.2 * (u - v)
                    let gamma = pow(min(max(base, 0), 1), 1.8)
                    // Noise: sum of three uniforms on [-1.5, 1.5] (σ ≈ 1.5 grey levels).
                    var noise = 0.0
                    for _ in 0..<3 {
                        noise += Double(generator.next() % 1000) / 1000.0 * 3.0 - 1.5
                    }
                    let value = stretched ? ((gamma * 170 + 8 + noise).rounded() * 1.37).rounded() : (gamma * 230 + 12 + noise).rounded()
                    samples[index] = UInt8(min(max(value, 0), 255))
                }
            }
        }
        return StegoTestImage(width: width, height: height, channels: names, samples: samples)
    }

    /// Writes `message` with sequential replacement into the planes `low...high` of the
    /// named channels, row-major from the top, planes high to low, packed as requested.
    mutating func embed(_ message: [UInt8], planes: ClosedRange<Int>, channels order: String, msbFirst: Bool) {
        let indices = order.compactMap { name in channels.firstIndex(of: name) }
        var bit = 0
        let totalBits = message.count * 8
        outer: for pixel in 0..<(width * height) {
            for c in indices {
                for plane in planes.reversed() {
                    guard bit < totalBits else { break outer }
                    let byte = message[bit / 8]
                    let value = msbFirst ? (byte >> (7 - UInt8(bit % 8))) & 1 : (byte >> UInt8(bit % 8)) & 1
                    let index = pixel * channels.count + c
                    samples[index] = (samples[index] & ~(1 << UInt8(plane))) | (value << UInt8(plane))
                    bit += 1
                }
            }
        }
    }

    /// A PNG: IHDR (8-bit, colour type from the channels), one IDAT of stored deflate blocks
    /// with filter type 0 on every row, IEND.
    func png() -> [UInt8] {
        let colourType: UInt8 = switch channels.count {
        case 1: 0
        case 2: 4
        case 3: 2
        default: 6
        }
        var header = ByteWriter(bigEndian: true)
        header.u32(UInt32(width))
        header.u32(UInt32(height))
        header.append([8, colourType, 0, 0, 0])
        var raw: [UInt8] = []
        let rowBytes = width * channels.count
        for y in 0..<height {
            raw.append(0)
            raw += samples[(y * rowBytes)..<((y + 1) * rowBytes)]
        }
        return SyntheticPNG.signature + SyntheticPNG.chunk("IHDR", header.bytes)
            + SyntheticPNG.chunk("IDAT", Self.storedZlib(raw)) + SyntheticPNG.chunk("IEND", [])
    }

    /// zlib stream (RFC 1950) of stored deflate blocks (RFC 1951 §3.2.4) with Adler-32.
    static func storedZlib(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let count = min(65535, data.count - offset)
            let final: UInt8 = offset + count == data.count ? 1 : 0
            out.append(final)
            out += [UInt8(count & 0xFF), UInt8(count >> 8), UInt8(~count & 0xFF), UInt8((~count >> 8) & 0xFF)]
            out += data[offset..<(offset + count)]
            offset += count
        } while offset < data.count
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in data {
            a = (a + UInt32(byte)) % 65521
            b = (b + a) % 65521
        }
        let adler = b << 16 | a
        out += [UInt8(adler >> 24), UInt8((adler >> 16) & 0xFF), UInt8((adler >> 8) & 0xFF), UInt8(adler & 0xFF)]
        return out
    }
}
