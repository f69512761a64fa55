import StegCarveBytes

/// Carves Java class files.
///
/// Specification: The Java Virtual Machine Specification, chapter 4. `CAFEBABE`, a major
/// version 45...70 (which also tells class files from fat Mach-O files, whose `nfat_arch` sits
/// there), a constant pool whose every tag is defined and whose UTF-8 entries are modified
/// UTF-8, and `this_class`/`super_class` naming CONSTANT_Class entries must validate. A class
/// file has no length field: the extent is where the walk over the constant pool, interfaces,
/// fields, methods and attributes ends. Cut inside the members, it is reported truncated with
/// the shortest length the walk proved (the true length is unknowable).
package struct JavaClassHandler: PayloadHandler {
    package init() {}

    package var type: String { "java-class" }

    package var signatures: [PayloadSignature] {
        // From the second byte, so it shares the searcher's 0xFE stream with Mach-O.
        [PayloadSignature(magic: [0xFE, 0xBA, 0xBE], offsetInHeader: 1)]
    }

    package var documentation: String {
        "Java class file (JVMS chapter 4): version 45-70, constant pool walk; extent = end of the class attributes"
    }

    package func carve(_ bytes: Span<UInt8>, at start: Int) -> CarvedExtent? {
        guard start >= 0, start < bytes.count else { return nil }
        let available = bytes.extracting(start..<bytes.count)
        guard available.matches([0xCA, 0xFE, 0xBA, 0xBE], at: 0) else { return nil }
        do throws(JavaClass.ParseError) {
            let file = try JavaClass.File(parsing: available)
            return CarvedExtent(range: start..<(start + file.length), declaredLength: file.length, confidence: .high)
        } catch .truncatedBody(let needed) {
            return CarvedExtent(range: start..<bytes.count, declaredLength: max(needed, available.count + 1), confidence: .medium)
        } catch {
            return nil
        }
    }
}
