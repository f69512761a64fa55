import StegCarveBytes
import StegCarveCarving
import StegCarveModel

/// Describes a Mach-O payload as `otool -hv` / `lipo -info` would: CPU, class, byte order,
/// file type, load commands, code signature; for a universal file, its slices.
package struct MachODescriber: PayloadDescriber {
    package init() {}

    package var type: String { "macho" }

    package func describe(_ bytes: Span<UInt8>, truncated: Bool) -> PayloadDescription {
        let ending = truncated ? "validate but the file is cut short" : "validate"
        if MachO.Header.thinMagic(bytes) != nil {
            guard let image = try? MachO.Image(parsing: bytes) else { return PayloadDescription() }
            let header = image.header
            let cpu = MachO.cpuName(header.cpuType) ?? "cpu-\(header.cpuType)"
            let fileType = MachO.fileTypeName(header.fileType)
            var metadata = Self.thinMetadata(image)
            metadata["loadCommands"] = Self.commandSummary(image.loadCommands(in: bytes))
            metadata["fat"] = .bool(false)
            let reason = "Mach-O \(header.is64 ? 64 : 32)-bit \(header.byteOrder == .little ? "LSB" : "MSB") \(fileType) for \(cpu); header and load commands \(ending)"
            return PayloadDescription(metadata: metadata, labels: [Label(name: "executable", reason: reason)])
        }
        guard let fat = try? MachO.FatImage(parsing: bytes) else { return PayloadDescription() }
        let cpus = fat.slices.map { MachO.cpuName($0.cpuType) ?? "cpu-\($0.cpuType)" }
        let slices: [MetadataValue] = fat.slices.map { slice in
            var entry: [String: MetadataValue] = [
                "cpu": .string(MachO.cpuName(slice.cpuType) ?? "cpu-\(slice.cpuType)"),
                "offset": .unsigned(slice.offset),
                "size": .unsigned(slice.size),
            ]
            if let image = slice.image {
                entry.merge(Self.thinMetadata(image)) { current, _ in current }
                if slice.offset < UInt64(bytes.count) {
                    let end = Int(min(slice.offset &+ slice.size, UInt64(bytes.count)))
                    entry["loadCommands"] = Self.commandSummary(image.loadCommands(in: bytes.extracting(Int(slice.offset)..<end)))
                }
            }
            return .object(entry)
        }
        let metadata: [String: MetadataValue] = [
            "fat": .bool(true),
            "fat64": .bool(fat.is64),
            "sliceCount": .integer(Int64(fat.slices.count)),
            "architectures": .string(cpus.joined(separator: ",")),
            "cpuTypes": .array(fat.slices.map { .integer(Int64($0.cpuType)) }),
            "slices": .array(slices),
            "hasCodeSignature": .bool(fat.slices.contains { $0.image?.hasCodeSignature == true }),
        ]
        let reason = "universal Mach-O with \(fat.slices.count) slices (\(cpus.joined(separator: ", "))); arch table and slices \(ending)"
        return PayloadDescription(metadata: metadata, labels: [Label(name: "executable", reason: reason)])
    }

    /// Load commands by name with their counts, in order of first appearance:
    /// `[{"command": "LC_SEGMENT_64", "count": 4}, …]`.
    private static func commandSummary(_ commands: [UInt32]) -> MetadataValue {
        var order: [UInt32] = []
        var counts: [UInt32: Int] = [:]
        for command in commands {
            if counts[command] == nil { order.append(command) }
            counts[command, default: 0] += 1
        }
        return .array(order.map { .object(["command": .string(MachO.loadCommandName($0)), "count": .integer(Int64(counts[$0] ?? 0))]) })
    }

    private static func thinMetadata(_ image: MachO.Image) -> [String: MetadataValue] {
        let header = image.header
        let cpu = MachO.cpuName(header.cpuType) ?? "cpu-\(header.cpuType)"
        return [
            "cpu": .string(cpu),
            // The same key ELF and PE use, so one filter finds every executable for a machine.
            "machine": .string(cpu),
            "cpuType": .integer(Int64(header.cpuType)),
            "cpuSubtype": .integer(Int64(header.cpuSubtype & 0x00FF_FFFF)),
            "flags": .integer(Int64(header.flags)),
            "class": .integer(header.is64 ? 64 : 32),
            "endian": .string(header.byteOrder.rawValue),
            "fileType": .string(MachO.fileTypeName(header.fileType)),
            "ncmds": .integer(Int64(header.commandCount)),
            "hasCodeSignature": .bool(image.hasCodeSignature),
            "segments": .array(image.segments.map { .string($0.name) }),
            "libraries": .array(image.libraries.map(MetadataValue.string)),
            "entryOffset": image.entryOffset.map(MetadataValue.unsigned) ?? .null,
        ]
    }
}
