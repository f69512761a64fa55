import StegCarveBytes

/// Namespace for Mach-O, the object file format of Apple platforms (`<mach-o/loader.h>`,
/// `<mach-o/fat.h>`): thin files (one architecture) and fat/universal files (several).
package enum MachO {}

extension MachO {
    /// Why bytes that start with a Mach-O magic are not a Mach-O file StegCarve accepts.
    package indirect enum ParseError: Error, Sendable, Equatable {
        /// Fewer bytes than the header and its load commands (or the fat arch table) need.
        case truncatedHeader(available: Int, needed: Int)
        /// The first four bytes are no Mach-O magic.
        case invalidMagic(UInt32)
        /// `cputype` is not a CPU type `<mach/machine.h>` defines.
        case unknownCPUType(UInt32)
        /// A 64-bit header with a 32-bit CPU type, or the reverse (CPU_ARCH_ABI64 disagrees).
        case cpuTypeClassMismatch(cpuType: UInt32, headerIs64: Bool)
        /// `filetype` is not MH_OBJECT (1) ... MH_FILESET (12).
        case invalidFileType(UInt32)
        /// `ncmds` is 0 or more than `sizeofcmds` can hold, or `sizeofcmds` is absurd.
        case invalidCommandCount(count: UInt32, size: UInt32)
        /// Load command `index` has a `cmdsize` below 8, not a multiple of the class's
        /// alignment (4 or 8), or running past `sizeofcmds`.
        case invalidCommandSize(index: Int, command: UInt32, size: UInt32)
        /// A fixed-layout load command (symtab, dysymtab, dyld info, linkedit data, segment
        /// with its sections) whose `cmdsize` differs from what its layout needs.
        case invalidCommandLayout(command: UInt32, size: UInt32, expected: UInt32)
        /// An extent a load command declares ends beyond ``MachO/maximumExtent``.
        case implausibleExtent(UInt64)
        /// `nfat_arch` is 0 or above 32 (a Java class file has its version there, 45 or more).
        case invalidArchitectureCount(UInt32)
        /// Slice `index` overlaps the arch table or another slice, is empty or misaligned.
        case invalidSliceBounds(index: Int, offset: UInt64, size: UInt64)
        /// Slice `index` is not a thin Mach-O (or a static archive).
        case invalidSlice(index: Int, ParseError)
        /// Slice `index` is a Mach-O for another CPU than its arch entry declares.
        case sliceCPUMismatch(index: Int, declared: UInt32, actual: UInt32)
    }

    /// The largest Mach-O StegCarve will claim.
    package static let maximumExtent: UInt64 = 1 << 36
    /// The largest `sizeofcmds` accepted; real files have a few KiB to a few hundred KiB.
    package static let maximumCommandsSize: UInt32 = 1 << 24
    /// CPU_ARCH_ABI64.
    package static let abi64: UInt32 = 0x0100_0000

    /// The `mach_header` / `mach_header_64` of a thin file.
    package struct Header: Sendable, Equatable {
        /// 64-bit header (`MH_MAGIC_64`/`MH_CIGAM_64`).
        package var is64: Bool
        /// Byte order of every field.
        package var byteOrder: ByteOrder
        /// `cputype`.
        package var cpuType: UInt32
        /// `cpusubtype`.
        package var cpuSubtype: UInt32
        /// `filetype`.
        package var fileType: UInt32
        /// `ncmds`.
        package var commandCount: Int
        /// `sizeofcmds`.
        package var commandsSize: Int
        /// `flags`.
        package var flags: UInt32

        /// Size of the header; the load commands follow it.
        package var size: Int { is64 ? 32 : 28 }

        /// Reads the magic: class and byte order, or `nil` for anything else.
        package static func thinMagic(_ bytes: Span<UInt8>) -> (is64: Bool, order: ByteOrder)? {
            switch bytes.uint32(at: 0, .big) {
            case 0xFEED_FACE: return (false, .big)
            case 0xFEED_FACF: return (true, .big)
            case 0xCEFA_EDFE: return (false, .little)
            case 0xCFFA_EDFE: return (true, .little)
            default: return nil
            }
        }

        /// Parses and validates the header at the start of `bytes`: magic, CPU type and its
        /// class, file type, command count and size; the commands must be inside `bytes`.
        /// - Throws: ``MachO/ParseError``.
        package init(parsing bytes: Span<UInt8>) throws(ParseError) {
            guard bytes.count >= 28 else { throw .truncatedHeader(available: bytes.count, needed: 28) }
            guard let (is64, order) = Self.thinMagic(bytes) else { throw .invalidMagic(bytes.uint32(at: 0, .big) ?? 0) }
            self.is64 = is64
            byteOrder = order
            func word(_ offset: Int) -> UInt32 { bytes.uint32(at: offset, order) ?? 0 }
            cpuType = word(4)
            cpuSubtype = word(8)
            fileType = word(12)
            let count = word(16)
            let size = word(20)
            flags = word(24)
            guard MachO.cpuName(cpuType) != nil else { throw .unknownCPUType(cpuType) }
            guard (cpuType & MachO.abi64 != 0) == is64 else { throw .cpuTypeClassMismatch(cpuType: cpuType, headerIs64: is64) }
            guard (1...12).contains(fileType) else { throw .invalidFileType(fileType) }
            guard count >= 1, size <= MachO.maximumCommandsSize, UInt64(count) * 8 <= UInt64(size) else {
                throw .invalidCommandCount(count: count, size: size)
            }
            commandCount = Int(count)
            commandsSize = Int(size)
            let needed = (is64 ? 32 : 28) + commandsSize
            guard bytes.count >= needed else { throw .truncatedHeader(available: bytes.count, needed: needed) }
        }
    }
}
