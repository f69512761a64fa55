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
