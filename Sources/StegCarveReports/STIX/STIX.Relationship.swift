import StegCarve

extension STIX {
    /// A `relationship` object (§5.1) of type `contains`: a file (or artifact) holds a carved
    /// artifact, at the offset, in the region and by the route the custom properties give.
    package struct Relationship: Encodable, Sendable {
        package let type = "relationship"
        package let specVersion = STIX.specVersion
        package var id: String
        package var created: String
        package var modified: String
        package var createdByRef: String
        package var relationshipType: String
        package var sourceRef: String
        package var targetRef: String
        package var description: String?
        package var offset: Int?
        package var length: Int?
        package var region: String?
        package var via: String?
        package var fileRanges: [FileRange]?
        package var extractedPath: String?

        package init(relationshipType: String, sourceRef: String, targetRef: String, createdByRef: String, timestamp: String) {
            self.id = Identifier.random("relationship")
            self.created = timestamp
            self.modified = timestamp
            self.createdByRef = createdByRef
            self.relationshipType = relationshipType
            self.sourceRef = sourceRef
            self.targetRef = targetRef
        }

        enum CodingKeys: String, CodingKey {
            case type, id, created, modified, description
            case specVersion = "spec_version"
            case createdByRef = "created_by_ref"
            case relationshipType = "relationship_type"
            case sourceRef = "source_ref"
            case targetRef = "target_ref"
            case offset = "x_stegcarve_offset"
            case length = "x_stegcarve_length"
            case region = "x_stegcarve_region"
            case via = "x_stegcarve_via"
            case fileRanges = "x_stegcarve_file_ranges"
            case extractedPath = "x_stegcarve_extracted_path"
        }
    }

    /// An `indicator` (§4.7) matching one SHA-256: a file judged suspicious or malicious, or
    /// an executable, script or known-bad artifact carved from one.
    package struct Indicator: Encodable, Sendable {
        package let type = "indicator"
        package let specVersion = STIX.specVersion
        package var id: String
        package var created: String
        package var modified: String
        package var createdByRef: String
        package var name: String
        package var description: String
        /// `malicious-activity` or `anomalous-activity` (indicator-type-ov).
        package var indicatorTypes: [String]
        package var pattern: String
        package let patternType = "stix"
        package let patternVersion = STIX.specVersion
        package var validFrom: String
        package var verdict: String?
        package var score: Int?

        /// An indicator for the file or artifact with this SHA-256 (64 hex digits, so the
        /// pattern needs no escaping).
        package init(sha256: String, name: String, description: String, indicatorType: String, createdByRef: String, timestamp: String) {
            self.id = Identifier.random("indicator")
            self.created = timestamp
            self.modified = timestamp
            self.validFrom = timestamp
            self.createdByRef = createdByRef
            self.name = name
            self.description = description
            self.indicatorTypes = [indicatorType]
            self.pattern = "[file:hashes.'SHA-256' = '\(sha256)']"
        }

        enum CodingKeys: String, CodingKey {
            case type, id, created, modified, name, description, pattern
            case specVersion = "spec_version"
            case createdByRef = "created_by_ref"
            case indicatorTypes = "indicator_types"
            case patternType = "pattern_type"
            case patternVersion = "pattern_version"
            case validFrom = "valid_from"
            case verdict = "x_stegcarve_verdict"
            case score = "x_stegcarve_score"
        }
    }

    /// The `identity` (§4.5) that creates every domain and relationship object: StegCarve
    /// itself, with a fixed identifier and timestamp so that all runs name the same creator.
    package struct Identity: Encodable, Sendable {
        package let type = "identity"
        package let specVersion = STIX.specVersion
        package let id = "identity--" + Identifier.uuid5(namespace: Identifier.observableNamespace, name: "StegCarve")
        package let created = "2026-01-01T00:00:00.000Z"
        package let modified = "2026-01-01T00:00:00.000Z"
        package let name = "StegCarve"
        package let description = "Finds, carves and labels payloads hidden in image files."
        package let identityClass = "system"

        package init() {}

        enum CodingKeys: String, CodingKey {
            case type, id, created, modified, name, description
            case specVersion = "spec_version"
            case identityClass = "identity_class"
        }
    }
}
