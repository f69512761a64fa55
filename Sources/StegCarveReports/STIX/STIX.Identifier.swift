import Crypto
import Foundation

extension STIX {
    /// Object identifiers: `<type>--<UUID>` (§2.9).
    ///
    /// Cyber-observable objects get deterministic UUIDv5 identifiers from their "ID
    /// contributing properties", canonicalised with RFC 8785 (JCS), in the STIX namespace
    /// `00abedb4-aa42-466c-9c01-fed23315a9b7`, so the same file always has the same identifier
    /// in any tool's output. Domain and relationship objects and bundles get UUIDv4, as §2.9
    /// recommends.
    package enum Identifier {
        /// The namespace §2.9 fixes for SCO identifiers.
        package static let observableNamespace: [UInt8] = [
            0x00, 0xAB, 0xED, 0xB4, 0xAA, 0x42, 0x46, 0x6C, 0x9C, 0x01, 0xFE, 0xD2, 0x33, 0x15, 0xA9, 0xB7,
        ]

        /// The identifier of a cyber-observable object of `type` whose ID contributing
        /// properties (present ones only) are `properties`.
        package static func observable(_ type: String, properties: [String: CanonicalJSON]) -> String {
            "\(type)--\(uuid5(namespace: observableNamespace, name: CanonicalJSON.object(properties).serialized))"
        }

        /// A random identifier for a domain or relationship object, or a bundle.
        package static func random(_ type: String) -> String {
            "\(type)--\(UUID().uuidString.lowercased())"
        }

        /// The `hashes` entry an SCO identifier uses: one hash, the first of MD5, SHA-1,
        /// SHA-256, SHA-512 present (§2.9).
        package static func contributingHash(_ hashes: [String: String]) -> CanonicalJSON? {
            for key in ["MD5", "SHA-1", "SHA-256", "SHA-512"] {
                if let value = hashes[key] { return .object([key: .string(value)]) }
            }
            return nil
        }

        /// RFC 4122 §4.3 name-based UUID with SHA-1 (version 5), in lowercase text form.
        package static func uuid5(namespace: [UInt8], name: String) -> String {
            var hasher = Insecure.SHA1()
            hasher.update(data: namespace)
            hasher.update(data: Array(name.utf8))
            var bytes = Array(hasher.finalize().prefix(16))
            bytes[6] = (bytes[6] & 0x0F) | 0x50
            bytes[8] = (bytes[8] & 0x3F) | 0x80
            return format(bytes)
        }

        /// `8-4-4-4-12` lowercase hex groups.
        static func format(_ bytes: [UInt8]) -> String {
            let hex = bytes.map { byte in
                let digits = Array("0123456789abcdef")
                return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
            }
            return [0..<4, 4..<6, 6..<8, 8..<10, 10..<16].map { hex[$0].joined() }.joined(separator: "-")
        }
    }
}
