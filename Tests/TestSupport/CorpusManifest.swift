import Foundation
import Testing

/// `Corpus/manifest.json`: the expected findings for every corpus file, written by
/// `Corpus/generate.py` from the bytes it assembled (the independent oracle).
public struct CorpusManifest: Decodable, Sendable {
    public var version: Int
    public var files: [File]
    public var elves: [ELFEntry]

    public struct File: Decodable, Sendable, CustomTestStringConvertible {
        public var path: String
        public var format: String
        public var description: String
        public var clean: Bool
        public var imageEnd: Int
        public var overlay: Extent?
        public var pictures: Int
        public var findings: [ExpectedFinding]
        public var size: Int
        public var sha256: String
        /// Limits the scan must report, by name.
        public var limits: [String]?
        /// The verdict, when the contents alone do not imply it (declared look-alikes).
        public var verdict: String?
        /// Anomaly codes the scan must report, where a case is about one.
        public var anomalies: [String]?
        /// Picture size the structure declares (written for GIF, WebP, TIFF, ICO files).
        public var header: PictureSize?

        public var testDescription: String { path }
    }

    /// Declared picture dimensions.
    public struct PictureSize: Decodable, Sendable, Equatable {
        public var width: Int
        public var height: Int
    }

    public struct Extent: Decodable, Sendable, Equatable {
        public var offset: Int
        public var length: Int

        public init(offset: Int, length: Int) {
            self.offset = offset
            self.length = length
        }
    }

    public struct ExpectedFinding: Decodable, Sendable {
        public var type: String
        public var offset: Int
        public var length: Int
        public var sha256: String
        public var truncated: Bool
        public var region: String
        /// Metadata keys the finding must report with exactly these values.
        public var metadata: [String: ManifestValue]
        /// The exact set of label names expected.
        public var labels: [String]
        /// For nested findings: how they were reached (`base64`, `xor:5a`, …).
        public var via: String?
        /// Findings inside this one, with offsets in its decoded stream.
        public var children: [ExpectedFinding]?
        /// For a finding in a joined stream (GIF sub-blocks): the file ranges whose
        /// concatenation is the payload; absent for contiguous findings.
        public var fileRanges: [Extent]?
    }

    /// A scalar in the manifest's metadata objects.
    public enum ManifestValue: Decodable, Sendable, Equatable, CustomStringConvertible {
        case integer(Int64)
        case string(String)
        case bool(Bool)

        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let value = try? container.decode(Bool.self) {
                self = .bool(value)
            } else if let value = try? container.decode(Int64.self) {
                self = .integer(value)
            } else {
                self = .string(try container.decode(String.self))
            }
        }

        public var description: String {
            switch self {
            case .integer(let value): return String(value)
            case .string(let value): return value
            case .bool(let value): return String(value)
            }
        }
    }

    public struct ELFEntry: Decodable, Sendable, CustomTestStringConvertible {
        public var path: String
        public var sha256: String
        public var size: Int
        public var `class`: Int
        public var endian: String
        public var machine: String
        public var type: String
        public var interpreter: String?
        public var `static`: Bool
        public var stripped: Bool
        public var needed: [String]
        public var buildID: String?
        public var entry: Int
        public var labels: [String]

        public var testDescription: String { path }
    }

    /// Loads the manifest from the repository's `Corpus/`.
    public static func load() throws -> CorpusManifest {
        let url = CorpusLocator.corpusDirectory.appendingPathComponent("manifest.json")
        return try JSONDecoder().decode(CorpusManifest.self, from: Data(contentsOf: url))
    }

    /// The manifest, or an empty one when it cannot be read (the loading test reports why).
    public static let shared: CorpusManifest = (try? load()) ?? CorpusManifest(version: 0, files: [], elves: [])
}

