import StegCarveBytes

extension PE {
    /// What the resource tree (data directory 2) holds, per resource type.
    package struct ResourceSummary: Sendable, Equatable {
        /// One resource type: `RT_ICON`, `RT_VERSION`, …, or a named type as written.
        package struct Kind: Sendable, Equatable {
            package var type: String
            /// Leaf resources (one per name and language).
            package var count: Int
            /// Bytes their data entries declare.
            package var bytes: UInt64
            /// File range of the largest one, when it lies inside the file.
            package var largest: Range<Int>?
        }

        package var kinds: [Kind]
        /// A limit stopped the walk (more than ``PE/maximumResourceEntries`` entries).
        package var truncated: Bool
    }

    /// Most directory entries visited in a resource tree.
    package static let maximumResourceEntries = 4_096

    /// The `RT_*` name of a predefined resource type (winuser.h).
    package static func resourceTypeName(_ id: UInt32) -> String {
        let names: [UInt32: String] = [
            1: "RT_CURSOR", 2: "RT_BITMAP", 3: "RT_ICON", 4: "RT_MENU", 5: "RT_DIALOG", 6: "RT_STRING",
            7: "RT_FONTDIR", 8: "RT_FONT", 9: "RT_ACCELERATOR", 10: "RT_RCDATA", 11: "RT_MESSAGETABLE",
            12: "RT_GROUP_CURSOR", 14: "RT_GROUP_ICON", 16: "RT_VERSION", 17: "RT_DLGINCLUDE",
            19: "RT_PLUGPLAY", 20: "RT_VXD", 21: "RT_ANICURSOR", 22: "RT_ANIICON", 23: "RT_HTML", 24: "RT_MANIFEST",
        ]
        return names[id] ?? "type-\(id)"
    }
}

extension PE.Image {
    /// A summary of the resource tree (PE Format "The .rsrc Section": type → name → language
    /// directories, then IMAGE_RESOURCE_DATA_ENTRY leaves), or `nil` when the image declares
    /// none. Offsets in the tree count from the start of the resource directory; only the
    /// three levels the format defines are followed, so a loop in the tree cannot recur, and
    /// at most ``PE/maximumResourceEntries`` entries are visited.
    package func resources(in bytes: Span<UInt8>) -> PE.ResourceSummary? {
        guard let directory = headers.directory(2), directory.address != 0, directory.size != 0,
              let root = fileOffset(ofRVA: directory.address, in: bytes) else { return nil }
        var summary = PE.ResourceSummary(kinds: [], truncated: false)
        var visited = 0

        /// Entries of the directory at `offset` (relative to the root): (id or name, target, isDirectory).
        func entries(at offset: UInt32) -> [(name: UInt32, target: UInt32)] {
            let start = root + Int(offset)
            guard bytes.contains(offset: start, length: 16),
                  let named = bytes.uint16(at: start + 12, .little), let ids = bytes.uint16(at: start + 14, .little) else { return [] }
            var result: [(UInt32, UInt32)] = []
            for index in 0..<(Int(named) + Int(ids)) {
                guard visited < PE.maximumResourceEntries else { summary.truncated = true; break }
                visited += 1
                guard let name = bytes.uint32(at: start + 16 + 8 * index, .little),
                      let target = bytes.uint32(at: start + 16 + 8 * index + 4, .little) else { break }
                result.append((name, target))
            }
            return result
        }
        /// Data entries under `target` (a directory or a leaf), `depth` levels down at most.
        func leaves(_ target: UInt32, depth: Int) -> [(rva: UInt32, size: UInt32)] {
            if target & 0x8000_0000 == 0 {
                let offset = root + Int(target)
                guard let rva = bytes.uint32(at: offset, .little), let size = bytes.uint32(at: offset + 4, .little) else { return [] }
                return [(rva, size)]
            }
            guard depth > 0 else { return [] }
            return entries(at: target & 0x7FFF_FFFF).flatMap { leaves($0.target, depth: depth - 1) }
        }

        for entry in entries(at: 0) {
            let type: String
            if entry.name & 0x8000_0000 != 0 {
                type = resourceName(at: root + Int(entry.name & 0x7FFF_FFFF), in: bytes) ?? "*invalid*"
            } else {
                type = PE.resourceTypeName(entry.name)
            }
            let found = leaves(entry.target, depth: 2)
            var kind = PE.ResourceSummary.Kind(type: type, count: found.count, bytes: 0, largest: nil)
            var largest: UInt32 = 0
            for leaf in found {
                kind.bytes += UInt64(leaf.size)
                if leaf.size >= largest, let offset = fileOffset(ofRVA: leaf.rva, in: bytes),
                   bytes.contains(offset: offset, length: Int(leaf.size)) {
                    largest = leaf.size
                    kind.largest = offset..<(offset + Int(leaf.size))
                }
            }
            summary.kinds.append(kind)
        }
        return summary
    }

    /// An IMAGE_RESOURCE_DIR_STRING_U: a UTF-16LE length and characters (at most 256).
    private func resourceName(at offset: Int, in bytes: Span<UInt8>) -> String? {
        guard let length = bytes.uint16(at: offset, .little), length <= 256,
              bytes.contains(offset: offset + 2, length: 2 * Int(length)) else { return nil }
        let units = (0..<Int(length)).map { bytes.uint16(at: offset + 2 + 2 * $0, .little) ?? 0 }
        return String(decoding: units, as: UTF16.self)
    }
}
