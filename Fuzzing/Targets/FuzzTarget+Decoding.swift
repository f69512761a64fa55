import StegCarveBytes
import StegCarveCarving
import StegCarveImages
import StegCarveStego

extension FuzzTargets {
    /// `decode-<codec>`: the system-library decompressors with a small output budget: they
    /// must stop at the limit, never consume more than they were given, never keep more than
    /// asked.
    static let decodingTargets: [FuzzTarget] = [
        decoding("decode-deflate") { Zlib.inflate($0, framing: .rawDeflate, budget: $1).run },
        decoding("decode-zlib") { Zlib.inflate($0, framing: .zlib, budget: $1).run },
        decoding("decode-xz") { LZMA.decodeXZ($0, budget: $1) },
        decoding("decode-bzip2") { BZip2.decode($0, budget: $1) },
        decoding("decode-zstd") { input, budget in
            _ = Zstd.frameCompressedSize(input)
            _ = Zstd.declaredContentSize(input)
            return Zstd.decodeFrame(input, budget: budget)
        },
    ]

    private static func decoding(_ name: String, _ decode: @escaping @Sendable (Span<UInt8>, DecodeBudget) -> DecodeRun) -> FuzzTarget {
        FuzzTarget(name: name) { bytes in
            let budget = DecodeBudget(keep: 64 << 10, limit: 8 << 20)
            let run = decode(bytes, budget)
            FuzzInvariant.check(run.consumed >= 0 && run.consumed <= bytes.count, "consumed \(run.consumed) of \(bytes.count)", target: name)
            FuzzInvariant.check(run.output.count <= budget.keep, "kept \(run.output.count) > \(budget.keep)", target: name)
            FuzzInvariant.check(run.produced >= run.output.count, "produced \(run.produced) < kept \(run.output.count)", target: name)
            // One decoder buffer of slack past the limit.
            FuzzInvariant.check(run.produced <= budget.limit + (1 << 20), "produced \(run.produced) over the \(budget.limit) limit", target: name)
        }
    }

    /// `transform-<type>`: every registered encoding/obfuscation transform over the whole
    /// input; candidates must lie inside it and respect the decoding budget.
    static let transformTargets: [FuzzTarget] = TransformRegistry.transforms.map { transform in
        // Named after the transform's Swift type: two transforms share the type `xor`.
        let name = "transform-" + String(describing: type(of: transform)).replacingOccurrences(of: "Transform", with: "").lowercased()
        return FuzzTarget(name: name) { bytes in
            for depth in [0, 1] {
                let start = 8 << 20
                var budget = start
                let candidates = transform.candidates(in: bytes, range: 0..<bytes.count, depth: depth, budget: &budget)
                var decoded = 0
                for candidate in candidates {
                    FuzzInvariant.check(
                        candidate.range.lowerBound >= 0 && candidate.range.upperBound <= bytes.count && !candidate.range.isEmpty,
                        "candidate \(candidate.range) outside 0..<\(bytes.count)", target: name
                    )
                    decoded += candidate.decoded.count
                }
                FuzzInvariant.check(decoded <= start, "\(decoded) bytes decoded over a budget of \(start)", target: name)
            }
        }
    }

    /// `pixels-jpeg`, `pixels-png`, `pixels-tiff`, `pixels-webp`: header read, full-decode
    /// check and decode through libjpeg/libpng/libtiff/libwebp (the C shim) within a small
    /// pixel limit; `stego-png`:
    /// the bit-plane sweep and detectors on what decodes.
    static let pixelTargets: [FuzzTarget] = PixelContainer.allCases.map { container in
        FuzzTarget(name: "pixels-\(container.rawValue)") { bytes in
            let decoder = PixelDecoder(limits: PixelLimits(maxPixels: 1 << 20))
            _ = try? decoder.describe(bytes, as: container)
            _ = decoder.verify(bytes, as: container)
            if let image = try? decoder.decode(bytes, as: container) {
                let description = image.description
                FuzzInvariant.check(
                    image.pixels.count == description.rowBytes * description.height,
                    "\(image.pixels.count) pixel bytes for \(description.rowBytes)x\(description.height)", target: "pixels-\(container.rawValue)"
                )
            }
        }
    } + [
        FuzzTarget(name: "stego-png") { bytes in
            let analyzer = StegoAnalyzer(limits: StegoLimits(prefixBytes: 256, maxStreamBytes: 1 << 20, maxFindings: 8, maxPixels: 1 << 18))
            _ = try? analyzer.analyze(bytes: bytes, container: .png)
        },
    ]
}
