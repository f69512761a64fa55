import StegCarveBytes
import StegCarveDecompression

extension PNG {
    /// The zlib streams inside PNG metadata chunks: `iCCP` (an ICC profile), `zTXt` and
    /// compressed `iTXt` text (PNG 11.3.3.3, 11.3.4.4, 11.3.4.5).
    ///
    /// Their contents exist only inflated, so a script or executable hidden in compressed
    /// text, or data posing as a profile, is visible only after inflating: each stream
    /// becomes a ``DerivedStream`` and the profile must pass the ``ICCProfile`` checks.
    enum CompressedChunks {
        /// Inflates the compressed metadata among `regions` (in file order), recording
        /// anomalies, limit hits and derived streams on `builder`; at most `budget` bytes in
        /// all are inflated (what is left of the file's `limit` after the image data).
        static func inflate(in bytes: Span<UInt8>, regions: [ImageRegion], budget: Int, limit: Int, into builder: inout LayoutBuilder) {
            var remaining = max(0, budget)
            for region in regions {
                let type = region.name.dropFirst("chunk:".count)
                guard region.name.hasPrefix("chunk:"), let start = streamStart(of: String(type), in: bytes, data: region.payload) else { continue }
                guard remaining > 0 else {
                    builder.noteLimit("max-decoded-bytes", limit, "compressed PNG metadata past \(limit) inflated bytes in all was not inflated")
                    return
                }
                let run = Zlib.inflate(bytes.extracting(start..<region.payload.upperBound), framing: .zlib, budget: DecodeBudget(keep: remaining, limit: remaining)).run
                let overBudget = run.produced > remaining
                remaining -= min(remaining, run.produced)
                switch run.ending {
                case .streamEnd where !overBudget:
                    break
                case .streamEnd, .outputLimit, .interrupted:  // no work meter is passed: never interrupted
                    builder.noteLimit("max-decoded-bytes", limit, "compressed PNG metadata past \(limit) inflated bytes in all was not inflated")
                case .inputExhausted:
                    builder.anomaly("zlib-truncated", at: region.range.lowerBound, "\(region.name) zlib stream ends early after \(run.produced) bytes")
                case .corrupt(let reason):
                    builder.anomaly("zlib-corrupt", at: region.range.lowerBound, "\(region.name) does not inflate (\(reason))")
                }
                if type == "iCCP", run.ending == .streamEnd, !overBudget, let problem = ICCProfile.problem(with: run.output.span) {
                    builder.anomaly("icc-invalid", at: region.range.lowerBound, problem)
                }
                if !run.output.isEmpty {
                    builder.derivedStreams.append(DerivedStream(name: region.name, via: "inflate:\(type)", bytes: run.output))
                }
            }
        }

        /// Where the zlib stream starts in the data of a chunk of `type`, or `nil` when the
        /// chunk is not compressed (or too malformed to say; the stream is then not looked at).
        static func streamStart(of type: String, in bytes: Span<UInt8>, data: Range<Int>) -> Int? {
            switch type {
            case "iCCP", "zTXt":
                // keyword, NUL, compression method 0, stream
                guard let nul = keywordEnd(in: bytes, data: data), nul + 2 <= data.upperBound, bytes.uint8(at: nul + 1) == 0 else { return nil }
                return nul + 2
            case "iTXt":
                // keyword, NUL, compression flag, method, language tag, NUL, translated keyword, NUL, text
                guard let nul = keywordEnd(in: bytes, data: data), nul + 3 <= data.upperBound,
                      bytes.uint8(at: nul + 1) == 1, bytes.uint8(at: nul + 2) == 0,
                      let language = bytes.firstIndex(of: 0, from: nul + 3, to: data.upperBound),
                      let translated = bytes.firstIndex(of: 0, from: language + 1, to: data.upperBound) else { return nil }
                return translated + 1
            default:
                return nil
            }
        }

        /// The NUL after a 1–79 byte keyword at the start of `data`.
        private static func keywordEnd(in bytes: Span<UInt8>, data: Range<Int>) -> Int? {
            guard let nul = bytes.firstIndex(of: 0, from: data.lowerBound, to: min(data.upperBound, data.lowerBound + 80)),
                  nul > data.lowerBound else { return nil }
            return nul
        }
    }
}
