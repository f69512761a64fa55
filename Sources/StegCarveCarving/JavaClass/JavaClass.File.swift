import StegCarveBytes

/// Namespace for Java class files (The Java Virtual Machine Specification, chapter 4,
/// "The class File Format").
package enum JavaClass {}

extension JavaClass {
    /// Why bytes that start with `CAFEBABE` are not a class file StegCarve accepts.
    package enum ParseError: Error, Sendable, Equatable {
        /// The bytes end at `needed` inside the version, constant pool or class header.
        case truncatedHeader(needed: Int)
        /// The header validated, but the bytes end at `needed` inside the interfaces, fields,
        /// methods or attributes: a class cut short.
        case truncatedBody(needed: Int)
        /// `major_version` outside 45...70 (JDK 1.1 to Java 26); a fat Mach-O has 1...32 there.
        case unsupportedVersion(major: UInt16, minor: UInt16)
        /// `constant_pool_count` is 0.
        case emptyConstantPool
        /// A constant pool entry with an undefined tag.
        case invalidConstantTag(index: Int, tag: UInt8)
        /// A CONSTANT_Utf8 holding a byte modified UTF-8 never uses (0x00, 0xF0-0xFF).
        case invalidUTF8(index: Int)
        /// `this_class` or `super_class` is not the index of a CONSTANT_Class entry.
        case invalidClassIndex(UInt16)
    }

    /// A class file's version, names and the exact end of its structure.
    package struct File: Sendable, Equatable {
        /// `minor_version`.
        package var minorVersion: UInt16
        /// `major_version`.
        package var majorVersion: UInt16
        /// `constant_pool_count`.
        package var constantPoolCount: Int
        /// `access_flags`.
        package var accessFlags: UInt16
        /// The binary name of `this_class`, with `/` separators.
        package var className: String?
        /// The binary name of `super_class` (none for `java/lang/Object`).
        package var superClassName: String?
        /// `fields_count`.
        package var fieldCount: Int
        /// `methods_count`.
        package var methodCount: Int
        /// One past the last byte of the class file (after its attributes).
        package var length: Int

        /// Parses the class file at the start of `bytes`, walking the constant pool, fields,
        /// methods and attributes to find where it ends (the format has no length field).
        /// - Throws: ``JavaClass/ParseError``; `.truncatedBody(needed:)` means the class is
        ///   cut short, not invalid.
        package init(parsing bytes: Span<UInt8>) throws(ParseError) {
            var reader = Reader(bytes: bytes, position: 4)
            minorVersion = try reader.u16()
            majorVersion = try reader.u16()
            guard (45...70).contains(majorVersion) else { throw .unsupportedVersion(major: majorVersion, minor: minorVersion) }
            constantPoolCount = Int(try reader.u16())
            guard constantPoolCount > 0 else { throw .emptyConstantPool }

            // Constant pool (JVMS §4.4): entries 1..<count; Long and Double take two slots.
            var classNameIndexes: [Int: UInt16] = [:]
            var utf8Ranges: [Int: Range<Int>] = [:]
            var index = 1
            while index < constantPoolCount {
                let tag = try reader.u8()
                switch tag {
                case 1:
                    let length = Int(try reader.u16())
                    let start = reader.position
                    try reader.skip(length)
                    for offset in start..<(start + length) where bytes[offset] == 0 || bytes[offset] >= 0xF0 {
                        throw .invalidUTF8(index: index)
                    }
                    utf8Ranges[index] = start..<(start + length)
                case 7:
                    classNameIndexes[index] = try reader.u16()
                case 8, 16, 19, 20: try reader.skip(2)
                case 15: try reader.skip(3)
                case 3, 4, 9, 10, 11, 12, 17, 18: try reader.skip(4)
                case 5, 6:
                    try reader.skip(8)
                    index += 1
                default: throw .invalidConstantTag(index: index, tag: tag)
                }
                index += 1
            }
            func name(ofClass classIndex: UInt16) -> String? {
                guard let nameIndex = classNameIndexes[Int(classIndex)], let range = utf8Ranges[Int(nameIndex)] else { return nil }
                return String(decoding: bytes.bytes(in: range), as: UTF8.self)
            }
            accessFlags = try reader.u16()
            let thisClass = try reader.u16()
            let superClass = try reader.u16()
            guard classNameIndexes[Int(thisClass)] != nil else { throw .invalidClassIndex(thisClass) }
            guard superClass == 0 || classNameIndexes[Int(superClass)] != nil else { throw .invalidClassIndex(superClass) }
            className = name(ofClass: thisClass)
            superClassName = superClass == 0 ? nil : name(ofClass: superClass)

            do throws(ParseError) {
                let interfaces = Int(try reader.u16())
                try reader.skip(2 * interfaces)
                fieldCount = try Self.skipMembers(&reader)
                methodCount = try Self.skipMembers(&reader)
                try Self.skipAttributes(&reader)
            } catch .truncatedHeader(let needed) {
                throw .truncatedBody(needed: needed)
            }
            length = reader.position
        }

        /// `field_info` / `method_info` records: access, name, descriptor, attributes.
        private static func skipMembers(_ reader: inout Reader) throws(ParseError) -> Int {
            let count = Int(try reader.u16())
            // Each record is at least 8 bytes: more than the bytes hold is a cut, found early.
            guard count * 8 <= reader.remaining else { throw .truncatedHeader(needed: reader.position + count * 8) }
            for _ in 0..<count {
                try reader.skip(6)
                try skipAttributes(&reader)
            }
            return count
        }

        /// `attribute_info` records: name index, u4 length, bytes.
        private static func skipAttributes(_ reader: inout Reader) throws(ParseError) {
            let count = Int(try reader.u16())
            guard count * 6 <= reader.remaining else { throw .truncatedHeader(needed: reader.position + count * 6) }
            for _ in 0..<count {
                try reader.skip(2)
                try reader.skip(Int(try reader.u32()))
            }
        }
    }

    /// A bounds-checked big-endian cursor; running out throws `.truncatedHeader(needed:)`.
    struct Reader: ~Escapable {
        let bytes: Span<UInt8>
        var position: Int

        @_lifetime(copy bytes)
        init(bytes: Span<UInt8>, position: Int) {
            self.bytes = bytes
            self.position = position
        }

        var remaining: Int { bytes.count - position }

        mutating func skip(_ count: Int) throws(ParseError) {
            guard count >= 0, remaining >= count else { throw .truncatedHeader(needed: position.adding(count) ?? .max) }
            position += count
        }

        mutating func u8() throws(ParseError) -> UInt8 {
            guard let value = bytes.uint8(at: position) else { throw .truncatedHeader(needed: position + 1) }
            position += 1
            return value
        }

        mutating func u16() throws(ParseError) -> UInt16 {
            guard let value = bytes.uint16(at: position, .big) else { throw .truncatedHeader(needed: position + 2) }
            position += 2
            return value
        }

        mutating func u32() throws(ParseError) -> UInt32 {
            guard let value = bytes.uint32(at: position, .big) else { throw .truncatedHeader(needed: position + 4) }
            position += 4
            return value
        }
    }
}
