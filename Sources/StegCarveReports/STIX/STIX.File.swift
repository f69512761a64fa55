import StegCarve

/// A network or wallet indicator in a payload (not a STIX ``STIX/Indicator``).
package typealias PayloadIndicator = Indicator

extension STIX {
    /// A `file` cyber-observable object (§6.5): a scanned file or a carved artifact.
    ///
    /// ID contributing properties: `hashes` (one, see ``Identifier/contributingHash(_:)``),
    /// `name`, `extensions`, `parent_directory_ref`. Properties describing where an artifact
    /// sat in a particular file belong on the ``Relationship`` instead, because the same
    /// bytes found twice are one object.
    package struct File: Encodable, Sendable {
        package let type = "file"
        package let specVersion = STIX.specVersion
        package var id: String
        /// `MD5`, `SHA-1`, `SHA-256`, spelled as the hashing-algorithm-ov vocabulary does.
        package var hashes: [String: String]?
        package var size: Int?
        package var name: String?
        package var mimeType: String?
        package var parentDirectoryRef: String?
        /// Identifiers of the artifacts carved directly out of this file.
        package var containsRefs: [String]?

        // StegCarve's findings, as custom properties.
        package var format: String?
        package var payloadType: String?
        package var verdict: String?
        package var score: Int?
        package var reasons: [String]?
        package var labels: [Label]?
        package var confidence: String?
        package var truncated: Bool?
        package var declaredLength: Int?
        package var entropy: Double?
        package var metadata: [String: MetadataValue]?
        package var indicators: [PayloadIndicator]?
        package var anomalies: [Anomaly]?
        package var limits: [LimitHit]?
        package var overlay: Overlay?
        package var pathBase64: String?
        package var error: String?

        /// A file with its identifier computed from the contributing properties given.
        package init(hashes: [String: String]?, name: String?, parentDirectoryRef: String?) {
            var contributing: [String: CanonicalJSON] = [:]
            if let hashes, let hash = Identifier.contributingHash(hashes) { contributing["hashes"] = hash }
            if let name { contributing["name"] = .string(name) }
            if let parentDirectoryRef { contributing["parent_directory_ref"] = .string(parentDirectoryRef) }
            self.id = Identifier.observable("file", properties: contributing)
            self.hashes = hashes
            self.name = name
            self.parentDirectoryRef = parentDirectoryRef
        }

        enum CodingKeys: String, CodingKey {
            case type, id, hashes, size, name
            case specVersion = "spec_version"
            case mimeType = "mime_type"
            case parentDirectoryRef = "parent_directory_ref"
            case containsRefs = "contains_refs"
            case format = "x_stegcarve_format"
            case payloadType = "x_stegcarve_type"
            case verdict = "x_stegcarve_verdict"
            case score = "x_stegcarve_score"
            case reasons = "x_stegcarve_reasons"
            case labels = "x_stegcarve_labels"
            case confidence = "x_stegcarve_confidence"
            case truncated = "x_stegcarve_truncated"
            case declaredLength = "x_stegcarve_declared_length"
            case entropy = "x_stegcarve_entropy"
            case metadata = "x_stegcarve_metadata"
            case indicators = "x_stegcarve_indicators"
            case anomalies = "x_stegcarve_anomalies"
            case limits = "x_stegcarve_limits"
            case overlay = "x_stegcarve_overlay"
            case pathBase64 = "x_stegcarve_path_base64"
            case error = "x_stegcarve_error"
        }

        /// IANA media types of the formats StegCarve names, where one is registered.
        package static func mediaType(of format: String) -> String? {
            switch format {
            case "jpeg": return "image/jpeg"
            case "png": return "image/png"
            case "gif": return "image/gif"
            case "bmp": return "image/bmp"
            case "webp": return "image/webp"
            case "tiff": return "image/tiff"
            case "ico": return "image/vnd.microsoft.icon"
            case "zip": return "application/zip"
            case "gzip": return "application/gzip"
            case "zstd": return "application/zstd"
            case "pe": return "application/vnd.microsoft.portable-executable"
            case "java-class": return "application/java-vm"
            default: return nil
            }
        }
    }

    /// A `directory` cyber-observable object (§6.3); ID contributing property: `path`.
    package struct Directory: Encodable, Sendable {
        package let type = "directory"
        package let specVersion = STIX.specVersion
        package var id: String
        package var path: String

        package init(path: String) {
            self.id = Identifier.observable("directory", properties: ["path": .string(path)])
            self.path = path
        }

        enum CodingKeys: String, CodingKey {
            case type, id, path
            case specVersion = "spec_version"
        }
    }
}
