import Foundation

/// Checks a STIX 2.1 bundle against the specification's required properties, written from
/// the specification (<https://docs.oasis-open.org/cti/stix/v2.1/os/stix-v2.1-os.html>)
/// independently of the code that produces bundles. Returns one line per violation.
public enum STIXConformance {
    /// RFC 4122 UUID in lowercase text form (any version 1–5, variant 10xx).
    static let uuid = #"[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"#
    /// §3.2 timestamp with the millisecond precision `created`/`modified` need (§3.2, 3.6).
    static let millisecondTimestamp = #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$"#
    /// §3.2 timestamp, any precision.
    static let timestamp = #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$"#
    /// §11.1 custom property names.
    static let customProperty = #"^x_[a-z0-9_]{1,248}$"#

    /// Object types by kind, with the properties §4–§6 define for them (anything else must
    /// be a custom property).
    static let common: Set<String> = ["type", "spec_version", "id", "created_by_ref", "created", "modified", "revoked", "labels", "confidence", "lang", "external_references", "object_marking_refs", "granular_markings", "extensions"]
    static let domainProperties: [String: Set<String>] = [
        "identity": ["name", "description", "roles", "identity_class", "sectors", "contact_information"],
        "indicator": ["name", "description", "indicator_types", "pattern", "pattern_type", "pattern_version", "valid_from", "valid_until", "kill_chain_phases"],
        "note": ["abstract", "content", "authors", "object_refs"],
        "relationship": ["relationship_type", "description", "source_ref", "target_ref", "start_time", "stop_time"],
    ]
    static let observableProperties: [String: Set<String>] = [
        "file": ["type", "spec_version", "id", "object_marking_refs", "granular_markings", "defanged", "extensions", "hashes", "size", "name", "name_enc", "magic_number_hex", "mime_type", "ctime", "mtime", "atime", "parent_directory_ref", "contains_refs", "content_ref"],
        "directory": ["type", "spec_version", "id", "object_marking_refs", "granular_markings", "defanged", "extensions", "path", "path_enc", "ctime", "mtime", "atime", "contains_refs"],
    ]
    /// §6.5 / hashing-algorithm-ov: the keys and hex lengths StegCarve may use.
    static let hashLengths = ["MD5": 32, "SHA-1": 40, "SHA-256": 64, "SHA-512": 128]

    /// Every violation in `bundle` (the parsed top-level JSON object).
    public static func violations(in bundle: [String: Any]) -> [String] {
        var problems: [String] = []
        if bundle["type"] as? String != "bundle" { problems.append("bundle: type is not bundle") }
        if !matches(bundle["id"] as? String, "^bundle--\(uuid)$") { problems.append("bundle: id \(bundle["id"] ?? "missing")") }
        if bundle["spec_version"] != nil { problems.append("bundle: spec_version is not allowed on a 2.1 bundle") }
        guard let objects = bundle["objects"] as? [[String: Any]] else { return problems + ["bundle: objects is not an array of objects"] }
        var byID: [String: [String: Any]] = [:]
        for object in objects {
            guard let id = object["id"] as? String else { continue }
            if byID[id] != nil { problems.append("\(id): appears twice") }
            byID[id] = object
        }
        for object in objects {
            problems += violations(in: object, resolving: byID)
        }
        return problems
    }

    static func violations(in object: [String: Any], resolving byID: [String: [String: Any]]) -> [String] {
        var problems: [String] = []
        guard let type = object["type"] as? String, matches(type, "^[a-z0-9-]{3,250}$") else { return ["object without a valid type: \(object)"] }
        let id = object["id"] as? String ?? "?"
        func fail(_ message: String) { problems.append("\(type) \(id): \(message)") }
        if !matches(object["id"] as? String, "^\(NSRegularExpression.escapedPattern(for: type))--\(uuid)$") { fail("id is not \(type)--<UUID>") }
        func reference(_ key: String, to types: Set<String>?) {
            guard let value = object[key] else { return }
            guard let ref = value as? String, let target = byID[ref], let targetType = target["type"] as? String else {
                return fail("\(key) \(value) does not resolve in the bundle")
            }
            if let types, !types.contains(targetType) { fail("\(key) points at a \(targetType)") }
        }
        let known: Set<String>
        if let properties = domainProperties[type] {
            known = common.union(properties)
            if object["spec_version"] as? String != "2.1" { fail("spec_version must be 2.1") }
            for key in ["created", "modified"] {
                if !matches(object[key] as? String, millisecondTimestamp) { fail("\(key) is not a millisecond UTC timestamp") }
            }
            if let created = object["created"] as? String, let modified = object["modified"] as? String, modified < created {
                fail("modified precedes created")
            }
            reference("created_by_ref", to: ["identity"])
            switch type {
            case "identity":
                if (object["name"] as? String)?.isEmpty != false { fail("name is required") }
            case "indicator":
                if (object["pattern"] as? String)?.isEmpty != false { fail("pattern is required") }
                if (object["pattern_type"] as? String)?.isEmpty != false { fail("pattern_type is required") }
                if !matches(object["valid_from"] as? String, timestamp) { fail("valid_from is required") }
            case "note":
                if (object["content"] as? String)?.isEmpty != false { fail("content is required") }
                if (object["object_refs"] as? [String])?.isEmpty != false { fail("object_refs is required") }
            case "relationship":
                if (object["relationship_type"] as? String)?.isEmpty != false { fail("relationship_type is required") }
                let notSROs: Set<String> = Set(domainProperties.keys).subtracting(["relationship"]).union(observableProperties.keys)
                reference("source_ref", to: notSROs)
                reference("target_ref", to: notSROs)
                if object["source_ref"] == nil || object["target_ref"] == nil { fail("source_ref and target_ref are required") }
            default: break
            }
        } else if let properties = observableProperties[type] {
            known = properties
            if let version = object["spec_version"], version as? String != "2.1" { fail("spec_version must be 2.1") }
            switch type {
            case "file":
                let hashes = object["hashes"] as? [String: String]
                if hashes == nil, object["name"] == nil { fail("needs hashes or name") }
                for (algorithm, value) in hashes ?? [:] {
                    guard let length = hashLengths[algorithm] else { fail("hash key \(algorithm) is not in hashing-algorithm-ov"); continue }
                    if !matches(value, "^[0-9a-f]{\(length)}$") { fail("\(algorithm) is not \(length) hex digits") }
                }
                if let size = object["size"] { if (size as? Int).map({ $0 < 0 }) != false { fail("size must be a non-negative integer") } }
                reference("parent_directory_ref", to: ["directory"])
                for ref in object["contains_refs"] as? [String] ?? [] {
                    if let target = byID[ref]?["type"] as? String, observableProperties[target] != nil { continue }
                    fail("contains_refs entry \(ref) is not an SCO in the bundle")
                }
            case "directory":
                if (object["path"] as? String)?.isEmpty != false { fail("path is required") }
            default: break
            }
        } else {
            return ["\(type) \(id): type not expected in a StegCarve bundle"]
        }
        for (key, value) in object where (value as? [Any])?.isEmpty == true {
            fail("\(key) is an empty list (§3.3: lists must not be empty)")
        }
        for key in object.keys where !known.contains(key) && !matches(key, customProperty) {
            fail("property \(key) is neither defined nor a custom x_ property")
        }
        return problems
    }

    static func matches(_ value: String?, _ pattern: String) -> Bool {
        guard let value, let expression = try? NSRegularExpression(pattern: pattern) else { return false }
        return expression.firstMatch(in: value, range: NSRange(value.startIndex..., in: value)) != nil
    }
}
