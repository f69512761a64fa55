/// Application trailers as their writers append them after a picture.
public enum SyntheticTrailers {
    /// FotoWare FotoStation records: each record's data, then its tag, its size (data + 10)
    /// and the signature `A1 B2 C3 D4`, big-endian, in the order given.
    public static func fotoStation(_ records: [(tag: UInt16, data: [UInt8])]) -> [UInt8] {
        records.flatMap { tag, data -> [UInt8] in
            var writer = ByteWriter(bigEndian: true)
            writer.append(data)
            writer.u16(tag)
            writer.u32(UInt32(data.count + 10))
            writer.u32(0xA1B2_C3D4)
            return writer.bytes
        }
    }
}
