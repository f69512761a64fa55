import StegCarveBytes
import StegCarveCarving
import StegCarveModel

/// Describes a PE payload as analysts read `dumpbin /headers`: machine, PE32/PE32+,
/// subsystem, timestamp, DLL or not, sections, entry point, image base, signature, .NET.
package struct PEDescriber: PayloadDescriber {
    package init() {}

    package var type: String { "pe" }

    package func describe(_ bytes: Span<UInt8>, truncated: Bool) -> PayloadDescription {
        guard let image = try? PE.Image(parsing: bytes) else { return PayloadDescription() }
        let headers = image.headers
        let machine = PE.machineName(headers.machine) ?? "machine-\(headers.machine)"
        let subsystem = PE.subsystemName(headers.subsystem)
        let metadata: [String: MetadataValue] = [
            "class": .string(headers.format.rawValue),
            "machine": .string(machine),
            "machineCode": .integer(Int64(headers.machine)),
            "subsystem": .string(subsystem),
            "timestamp": .integer(Int64(headers.timestamp)),
            "isDLL": .bool(headers.isDLL),
            "sections": .integer(Int64(headers.sectionCount)),
            "sectionNames": .array(image.sections.map { .string($0.name) }),
            "entryPoint": .integer(Int64(headers.entryPoint)),
            "imageBase": .unsigned(headers.imageBase),
            "hasCertificate": .bool(image.certificateTable != nil),
            "isDotNet": .bool(image.isDotNet),
        ]
        var reason = "\(headers.format.rawValue) \(headers.isDLL ? "DLL" : "executable") for \(machine) (\(subsystem))"
        reason += truncated ? "; headers validate but the file is cut short" : "; headers and section table validate"
        return PayloadDescription(metadata: metadata, labels: [Label(name: "executable", reason: reason)])
    }
}
