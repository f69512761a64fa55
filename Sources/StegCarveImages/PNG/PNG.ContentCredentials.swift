import StegCarveBytes
import StegCarveModel

extension PNG {
    /// C2PA content credentials in PNG: the `caBX` chunk holds one JUMBF superbox, the C2PA
    /// manifest store (C2PA Technical Specification 2.1, 11.3.3). Its data must parse as one
    /// (``JUMBF/Superbox``); a `caBX` chunk that does not is an anomaly (`jumbf-invalid`). The
    /// chunk's data is searched for payloads like any metadata chunk.
    package enum ContentCredentials {
        /// The chunk type.
        package static let chunkType = "caBX"

        /// Anomalies for the `caBX` chunks among `regions`.
        package static func anomalies(in bytes: Span<UInt8>, regions: [ImageRegion]) -> [Anomaly] {
            regions.filter { $0.name == "chunk:" + chunkType }.compactMap { region in
                guard case .failure(let problem) = JUMBF.Superbox.validate(bytes.extracting(region.payload)) else { return nil }
                return Anomaly(
                    code: "jumbf-invalid", offset: region.range.lowerBound,
                    message: "caBX chunk: at byte \(problem.offset) of its JUMBF box: \(problem.message)"
                )
            }
        }
    }
}
