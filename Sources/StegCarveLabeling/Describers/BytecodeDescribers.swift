import StegCarveBytes
import StegCarveCarving
import StegCarveModel

/// Describes a Java class file: version, Java release, class and superclass names, members.
package struct JavaClassDescriber: PayloadDescriber {
    package init() {}

    package var type: String { "java-class" }

    package func describe(_ bytes: Span<UInt8>, truncated: Bool) -> PayloadDescription {
        let file: JavaClass.File
        do throws(JavaClass.ParseError) {
            file = try JavaClass.File(parsing: bytes)
        } catch .truncatedBody {
            return PayloadDescription(labels: [Label(name: "executable", reason: "Java class file; constant pool validates but the file is cut short")])
        } catch {
            return PayloadDescription()
        }
        let release = Self.release(major: file.majorVersion)
        let className = file.className.map { $0.replacingOccurrences(of: "/", with: ".") }
        let metadata: [String: MetadataValue] = [
            "version": .string("\(file.majorVersion).\(file.minorVersion)"),
            "javaRelease": .string(release),
            "className": .optional(className),
            "superClass": .optional(file.superClassName.map { $0.replacingOccurrences(of: "/", with: ".") }),
            "constantPoolCount": .integer(Int64(file.constantPoolCount)),
            "fields": .integer(Int64(file.fieldCount)),
            "methods": .integer(Int64(file.methodCount)),
        ]
        let reason = "Java class file version \(file.majorVersion).\(file.minorVersion) (Java \(release)) for \(className ?? "an unnamed class"); constant pool and members validate"
        return PayloadDescription(metadata: metadata, labels: [Label(name: "executable", reason: reason)])
    }

    /// The Java release of a class file major version (JVMS Table 4.1-A).
    package static func release(major: UInt16) -> String {
        major <= 48 ? "1.\(Int(major) - 44)" : String(Int(major) - 44)
    }
}

/// Describes an Android DEX file: version, table sizes and whether its checksum verified.
package struct DEXDescriber: PayloadDescriber {
    package init() {}

    package var type: String { "dex" }

    package func describe(_ bytes: Span<UInt8>, truncated: Bool) -> PayloadDescription {
        guard let header = try? DEX.Header(parsing: bytes) else { return PayloadDescription() }
        let metadata: [String: MetadataValue] = [
            "version": .string(header.version),
            "fileSize": .integer(Int64(header.fileSize)),
            "strings": .integer(Int64(header.stringCount)),
            "types": .integer(Int64(header.typeCount)),
            "methods": .integer(Int64(header.methodCount)),
            "classes": .integer(Int64(header.classCount)),
            "checksumVerified": .bool(header.checksumVerified),
        ]
        var reason = "Android DEX \(header.version) with \(header.classCount) class definition\(header.classCount == 1 ? "" : "s")"
        reason += header.checksumVerified ? "; header, tables and Adler-32 checksum validate" : "; header validates but the file is cut short"
        return PayloadDescription(metadata: metadata, labels: [Label(name: "executable", reason: reason)])
    }
}
