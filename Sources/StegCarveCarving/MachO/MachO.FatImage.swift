import StegCarveBytes

extension MachO {
    /// A fat (universal) file: `fat_header` and `fat_arch`/`fat_arch_64` entries, each naming
    /// a slice that is a thin Mach-O (or a static archive) for one CPU.
    ///
    /// `0xCAFEBABE` is also the Java class file magic; a class file has its version where
    /// `nfat_arch` is (45 or more, usually far more), and its bytes do not validate as slices.
    package struct FatImage: Sendable, Equatable {
        /// One architecture entry.
        package struct Slice: Sendable, Equatable {
            /// `cputype`.
            package var cpuType: UInt32
            /// `offset` from the start of the fat file.
            package var offset: UInt64
            /// `size`.
            package var size: UInt64
            /// The slice's thin image, when its header lies inside the available bytes.
            package var image: Image?
        }

        /// `FAT_MAGIC_64` (0xCAFEBABF) rather than `FAT_MAGIC`.
        package var is64: Bool
        /// The slices in arch-table order.
        package var slices: [Slice]
        /// `max(offset + size)` over the slices.
        package var declaredLength: Int

        /// Most architectures accepted; real universal files have 2-4.
        package static let maximumArchitectures: UInt32 = 32

        /// Parses the fat file at the start of `bytes`.
        /// - Throws: ``MachO/ParseError``; slices whose header is available must validate.
        package init(parsing bytes: Span<UInt8>) throws(ParseError) {
            guard bytes.count >= 8 else { throw .truncatedHeader(available: bytes.count, needed: 8) }
            switch bytes.uint32(at: 0, .big) {
            case 0xCAFE_BABE: is64 = false
            case 0xCAFE_BABF: is64 = true
            default: throw .invalidMagic(bytes.uint32(at: 0, .big) ?? 0)
            }
            let count = bytes.uint32(at: 4, .big) ?? 0
            guard count >= 1, count <= Self.maximumArchitectures else { throw .invalidArchitectureCount(count) }
            let entrySize = is64 ? 32 : 20
            let tableEnd = 8 + Int(count) * entrySize
            guard bytes.count >= tableEnd else { throw .truncatedHeader(available: bytes.count, needed: tableEnd) }

            slices = []
            var end = UInt64(tableEnd)
            for index in 0..<Int(count) {
                let entry = 8 + index * entrySize
                func word(_ field: Int) -> UInt32 { bytes.uint32(at: entry + field, .big) ?? 0 }
                let cpuType = word(0)
                let offset = is64 ? bytes.uint64(at: entry + 8, .big) ?? 0 : UInt64(word(8))
                let size = is64 ? bytes.uint64(at: entry + 16, .big) ?? 0 : UInt64(word(12))
                let align = word(is64 ? 24 : 16)
                guard MachO.cpuName(cpuType) != nil else { throw .unknownCPUType(cpuType) }
                let (sliceEnd, overflow) = offset.addingReportingOverflow(size)
                guard offset >= UInt64(tableEnd), size > 0, align <= 16, offset % (UInt64(1) << align) == 0,
                      !overflow, sliceEnd <= MachO.maximumExtent else {
                    throw .invalidSliceBounds(index: index, offset: offset, size: size)
                }
                for other in slices where offset < other.offset + other.size && other.offset < sliceEnd {
                    throw .invalidSliceBounds(index: index, offset: offset, size: size)
                }
                end = max(end, sliceEnd)
                slices.append(Slice(cpuType: cpuType, offset: offset, size: size, image: nil))
            }

            // Validate every slice whose header is here; at least one must be.
            var validated = 0
            for index in slices.indices {
                let slice = slices[index]
                guard slice.offset < UInt64(bytes.count) else { continue }
                let start = Int(slice.offset)
                let available = bytes.extracting(start..<Int(min(slice.offset + slice.size, UInt64(bytes.count))))
                if available.matches(Array("!<arch>\n".utf8), at: 0) {
                    validated += 1
                    continue
                }
                if available.count < 28, UInt64(available.count) < slice.size { continue }
                let image: Image
                do throws(ParseError) {
                    image = try Image(parsing: available)
                } catch .truncatedHeader where UInt64(available.count) < slice.size {
                    continue
                } catch {
                    throw .invalidSlice(index: index, error)
                }
                guard image.header.cpuType == slice.cpuType else {
                    throw .sliceCPUMismatch(index: index, declared: slice.cpuType, actual: image.header.cpuType)
                }
                guard UInt64(image.declaredLength) <= slice.size else {
                    throw .invalidSliceBounds(index: index, offset: slice.offset, size: slice.size)
                }
                slices[index].image = image
                validated += 1
            }
            guard validated > 0 else {
                let first = slices.map(\.offset).min() ?? 0
                throw .truncatedHeader(available: bytes.count, needed: Int(clamping: first + 28))
            }
            declaredLength = Int(end)
        }
    }
}
