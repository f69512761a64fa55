import StegCarveBytes
import StegCarveModel

extension JPEG {
    /// Trailers that software appends after the picture and finds from the end of the file:
    /// Samsung SEF, AFCP, FotoStation and Photo Mechanic. They stack (each new one is
    /// appended after the others), so the walk starts at the end of the file and steps back
    /// over one trailer at a time, as ExifTool does (`IdentifyTrailer`).
    ///
    /// Each trailer is recognised by the signature its last bytes carry and accepted only
    /// when its own records verify (lengths inside the trailer, IPTC that is IPTC, previews
    /// that are JPEGs). The first one that does not verify is an anomaly
    /// (`declared-content-invalid`); it and whatever lies before it stay unexplained.
    package enum EndTrailers {
        /// What the last bytes before `end` turned out to be.
        enum Match: Equatable {
            /// Not this trailer's signature.
            case none
            /// A trailer that verifies, with the bytes it covers (ending at `end`).
            case valid(Range<Int>)
            /// This trailer's signature, but its records do not verify.
            case invalid(offset: Int, message: String)
        }

        /// Most trailers stepped over (real files carry one or two).
        static let maximumTrailers = 16

        /// The verified trailers (as `declared:<name>` regions, last first), the anomaly for a
        /// trailer that does not verify, and where the stack of verified trailers starts.
        static func walk(in bytes: Span<UInt8>, imageEnd: Int) -> (regions: [ImageRegion], anomalies: [Anomaly], start: Int) {
            var regions: [ImageRegion] = []
            var end = bytes.count
            let recognisers: [(name: String, match: (Span<UInt8>, Int, Int) -> Match)] = [
                ("samsung-sef", { bytes, end, floor in DeclaredTrailers.samsungTrailer(in: bytes, end: end, imageEnd: floor).map { .valid($0) } ?? .none }),
                ("afcp", AFCPTrailer.match),
                ("fotostation", FotoStationTrailer.match),
                ("photo-mechanic", PhotoMechanicTrailer.match),
            ]
            steps: for _ in 0..<maximumTrailers where end > imageEnd {
                for recogniser in recognisers {
                    switch recogniser.match(bytes, end, imageEnd) {
                    case .none:
                        continue
                    case .valid(let range):
                        regions.append(ImageRegion(kind: .declared, name: "declared:\(recogniser.name)", range: range))
                        end = range.lowerBound
                        continue steps
                    case .invalid(let offset, let message):
                        let anomaly = Anomaly(code: "declared-content-invalid", offset: offset, message: message)
                        return (regions, [anomaly], end)
                    }
                }
                break
            }
            return (regions, [], end)
        }
    }
}
