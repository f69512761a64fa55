import StegCarveBytes
import StegCarveCarving
import StegCarveModel

/// Describes a PE payload as analysts read `dumpbin /headers /imports /exports` or pefile:
/// machine, PE32/PE32+, subsystem, timestamp, DLL or not, sections with their entropy,
/// entry point, image base, imports with the imphash, exports, resources, signature, .NET.
package struct PEDescriber: PayloadDescriber {
    /// Imported functions listed per library and exported names listed in the metadata
    /// (the counts say how many there are in all).
    package static let maximumListed = 64

    package init() {}

    package var type: String { "pe" }

    package func describe(_ bytes: Span<UInt8>, truncated: Bool) -> PayloadDescription {
        guard let image = try? PE.Image(parsing: bytes) else { return PayloadDescription() }
        let headers = image.headers
        let machine = PE.machineName(headers.machine) ?? "machine-\(headers.machine)"
        let subsystem = PE.subsystemName(headers.subsystem)
        var metadata: [String: MetadataValue] = [
            "class": .string(headers.format.rawValue),
            "machine": .string(machine),
            "machineCode": .integer(Int64(headers.machine)),
            "subsystem": .string(subsystem),
            "timestamp": .integer(Int64(headers.timestamp)),
            "timestampUTC": .string(Self.utc(headers.timestamp)),
            "isDLL": .bool(headers.isDLL),
            "sections": .integer(Int64(headers.sectionCount)),
            "sectionNames": .array(image.sections.map { .string($0.name) }),
            "sectionTable": .array(image.sections.map { Self.section($0, in: bytes) }),
            "entryPoint": .integer(Int64(headers.entryPoint)),
            "imageBase": .unsigned(headers.imageBase),
            "hasCertificate": .bool(image.certificateTable != nil),
            "isDotNet": .bool(image.isDotNet),
        ]
        let imports = image.imports(in: bytes)
        metadata["importCount"] = .integer(Int64(imports?.count ?? 0))
        metadata["imports"] = .array((imports?.libraries ?? []).map { library in
            .object([
                "library": .string(library.name),
                "count": .integer(Int64(library.symbols.count)),
                "functions": .array(library.symbols.prefix(Self.maximumListed).map { symbol in
                    switch symbol {
                    case .name(let name): .string(name)
                    case .ordinal(let ordinal): .string(PE.ordinalName(library: library.name, ordinal: ordinal))
                    }
                }),
            ])
        })
        metadata["imphash"] = .optional(imports.flatMap(Imphash.imphash))
        if imports?.truncated == true { metadata["importsTruncated"] = .bool(true) }
        let exports = image.exports(in: bytes)
        metadata["exportName"] = .optional(exports?.name)
        metadata["exportCount"] = .integer(Int64(exports?.functionCount ?? 0))
        metadata["exports"] = .array((exports?.names ?? []).prefix(Self.maximumListed).map(MetadataValue.string))
        let resources = image.resources(in: bytes)
        metadata["resources"] = .array((resources?.kinds ?? []).map { kind in
            var entry: [String: MetadataValue] = [
                "type": .string(kind.type), "count": .integer(Int64(kind.count)), "bytes": .unsigned(kind.bytes),
            ]
            if let largest = kind.largest {
                entry["largestEntropy"] = .number(Self.rounded(ByteHistogram(bytes.extracting(largest)).entropy))
            }
            return .object(entry)
        })

        var reason = "\(headers.format.rawValue) \(headers.isDLL ? "DLL" : "executable") for \(machine) (\(subsystem))"
        if let imports, imports.count > 0 {
            reason += ", \(imports.count) imports from \(imports.libraries.count) \(imports.libraries.count == 1 ? "library" : "libraries")"
        }
        if image.isDotNet { reason += ", .NET" }
        if image.certificateTable != nil { reason += ", signed" }
        reason += truncated ? "; headers validate but the file is cut short" : "; headers and section table validate"
        return PayloadDescription(metadata: metadata, labels: [Label(name: "executable", reason: reason)])
    }

    /// One section: name, addresses, sizes, `rwx` permissions and the entropy of its raw data.
    private static func section(_ section: PE.SectionHeader, in bytes: Span<UInt8>) -> MetadataValue {
        var permissions = ""
        permissions += section.characteristics & 0x4000_0000 != 0 ? "r" : "-"
        permissions += section.characteristics & 0x8000_0000 != 0 ? "w" : "-"
        permissions += section.characteristics & 0x2000_0000 != 0 ? "x" : "-"
        var entry: [String: MetadataValue] = [
            "name": .string(section.name),
            "virtualAddress": .integer(Int64(section.virtualAddress)),
            "virtualSize": .integer(Int64(section.virtualSize)),
            "rawOffset": .integer(Int64(section.rawOffset)),
            "rawSize": .integer(Int64(section.rawSize)),
            "permissions": .string(permissions),
        ]
        if let raw = section.rawRange, raw.lowerBound < UInt64(bytes.count) {
            let end = Int(min(raw.upperBound, UInt64(bytes.count)))
            entry["entropy"] = .number(rounded(ByteHistogram(bytes.extracting(Int(raw.lowerBound)..<end)).entropy))
        }
        return .object(entry)
    }

    private static func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }

    /// `TimeDateStamp` as ISO 8601 UTC (days-from-civil, H. Hinnant), without Foundation.
    package static func utc(_ seconds: UInt32) -> String {
        let days = Int(seconds / 86_400)
        let time = Int(seconds % 86_400)
        let shifted = days + 719_468
        let era = shifted / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        return "\(year)-\(two(month))-\(two(day))T\(two(time / 3600)):\(two(time / 60 % 60)):\(two(time % 60))Z"
    }
}
