/// Builds a small valid Java class file, independently of the parser under test:
/// `public class Hello extends java.lang.Object` with `public static void main(String[])`
/// (a one-instruction Code attribute), a Long constant (two pool slots) and a SourceFile.
public enum SyntheticJavaClass {
    /// Offset of the first constant pool entry's tag.
    public static let firstConstant = 10

    public static func build(major: UInt16 = 52) -> [UInt8] {
        var w = ByteWriter(bigEndian: true)
        w.append([0xCA, 0xFE, 0xBA, 0xBE])
        w.u16(0)
        w.u16(major)
        w.u16(12)  // constant_pool_count: entries 1...11, the Long takes 8 and 9
        w.u8(7); w.u16(2)
        utf8(&w, "Hello")
        w.u8(7); w.u16(4)
        utf8(&w, "java/lang/Object")
        utf8(&w, "main")
        utf8(&w, "([Ljava/lang/String;)V")
        utf8(&w, "Code")
        w.u8(5); w.u64(0x1234)
        utf8(&w, "SourceFile")
        utf8(&w, "Hello.java")
        w.u16(0x21); w.u16(1); w.u16(3)
        w.u16(0)  // interfaces
        w.u16(0)  // fields
        w.u16(1)  // methods
        w.u16(0x09); w.u16(5); w.u16(6); w.u16(1)
        w.u16(7); w.u32(13); w.u16(0); w.u16(1); w.u32(1); w.u8(0xB1); w.u16(0); w.u16(0)
        w.u16(1)  // class attributes: SourceFile
        w.u16(10); w.u32(2); w.u16(11)
        return w.bytes
    }

    private static func utf8(_ w: inout ByteWriter, _ text: String) {
        w.u8(1)
        w.u16(UInt16(text.utf8.count))
        w.append(text)
    }
}

/// Builds a small valid DEX file (header, one string id, its string data, a map list) with
/// a correct Adler-32 checksum.
public enum SyntheticDEX {
    public static func build(version: String = "035") -> [UInt8] {
        let fileSize = 0xB0
        var w = ByteWriter()
        w.append("dex\n" + version + "\0")
        w.u32(0)  // checksum, patched below
        w.append([UInt8](repeating: 0, count: 20))  // signature (not checked)
        w.u32(UInt32(fileSize)); w.u32(0x70); w.u32(0x1234_5678)
        w.u32(0); w.u32(0)  // link
        w.u32(0x7C)  // map_off
        w.u32(1); w.u32(0x70)  // string_ids
        for _ in 0..<10 { w.u32(0) }  // type, proto, field, method ids and class defs: none
        w.u32(0x3C); w.u32(0x74)  // data
        w.u32(0x74)  // string_id_item: string_data_off
        w.u8(5); w.append("Hello"); w.u8(0)
        w.pad(to: 0x7C)
        w.u32(4)
        for (type, offset) in [(UInt16(0x0000), 0), (0x0001, 0x70), (0x2002, 0x74), (0x1000, 0x7C)] {
            w.u16(type); w.u16(0); w.u32(1); w.u32(UInt32(offset))
        }
        var bytes = w.bytes
        let checksum = adler32(Array(bytes[12...]))
        for index in 0..<4 { bytes[8 + index] = UInt8(truncatingIfNeeded: checksum >> UInt32(8 * index)) }
        return bytes
    }

    /// Adler-32, reduced after every byte (deliberately unlike the code under test).
    public static func adler32(_ bytes: [UInt8]) -> UInt32 {
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in bytes {
            a = (a + UInt32(byte)) % 65521
            b = (b + a) % 65521
        }
        return b << 16 | a
    }
}
