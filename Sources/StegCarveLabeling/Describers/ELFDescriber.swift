import StegCarveBytes
import StegCarveCarving
import StegCarveModel

/// Describes an ELF payload as analysts read `readelf` output: class, byte order, machine,
/// type, entry, OS/ABI, interpreter, linking, stripping, needed libraries and build ID.
package struct ELFDescriber: PayloadDescriber {
    package init() {}

    package var type: String { "elf" }

    package func describe(_ bytes: Span<UInt8>, truncated: Bool) -> PayloadDescription {
        guard let image = try? ELF.Image(parsing: bytes) else { return PayloadDescription() }
        let header = image.header
        let interpreter = image.interpreter(in: bytes)
        let needed = image.neededLibraries(in: bytes)
        let isStatic = interpreter == nil && !image.hasDynamicSegment
        let stripped = !image.hasSymbolTable
        let machine = ELF.machineName(header.machine)
        let type = ELF.typeName(header.type)
        let metadata: [String: MetadataValue] = [
            "class": .integer(Int64(header.fileClass.rawValue)),
            "endian": .string(header.byteOrder.rawValue),
            "machine": .string(machine),
            "machineCode": .integer(Int64(header.machine)),
            "type": .string(type),
            "entry": .unsigned(header.entry),
            "osABI": .string(ELF.osABIName(header.osABI)),
            "interpreter": .optional(interpreter),
            "linking": .string(isStatic ? "static" : "dynamic"),
            "static": .bool(isStatic),
            "stripped": .bool(stripped),
            "needed": .array(needed.map(MetadataValue.string)),
            "buildID": .optional(image.buildID(in: bytes).map { ArtifactDigests.hex($0) }),
            "segments": .integer(Int64(header.programHeaderCount)),
            "sections": .integer(Int64(header.sectionHeaderCount)),
        ]
        let bits = header.fileClass.rawValue
        var reason = "ELF\(bits) \(header.byteOrder == .little ? "LSB" : "MSB") \(type) for \(machine)"
        reason += truncated ? "; header validates but the file is cut short" : "; header and tables validate"
        return PayloadDescription(metadata: metadata, labels: [Label(name: "executable", reason: reason)])
    }
}
