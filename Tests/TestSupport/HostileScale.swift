/// Inputs built to make a naive carver quadratic (issue 18): archives and streams whose
/// every signature hit restarts the same long walk or decode. Each takes a size, so tests
/// compare the counted work at n and 4n.
public enum HostileScale {
    /// An ordinary ZIP of `count` members of one stored byte each (as Python's `zipfile`
    /// writes it: plain local and central headers, ZIP64 end records once the count passes
    /// 65,535, so `unzip -l` lists every member).
    public static func zipOfOneByteMembers(_ count: Int) -> [UInt8] {
        let (local, central) = entries(count)
        var out = local
        let directoryOffset = out.bytes.count
        out.append(central.bytes)
        SyntheticZIP.appendEndRecords(
            to: &out, count: count, directorySize: central.bytes.count, directoryOffset: directoryOffset,
            zip64: count > 0xFFFF, saturatesAll: false
        )
        out.u16(0)
        return out.bytes
    }

    /// The local entries and central directory headers of `count` one-byte stored members.
    private static func entries(_ count: Int) -> (local: ByteWriter, central: ByteWriter) {
        var local = ByteWriter()
        var central = ByteWriter()
        local.bytes.reserveCapacity(count * 40)
        central.bytes.reserveCapacity(count * 56)
        for index in 0..<count {
            let name = Array("m\(index)".utf8)
            let data = [UInt8(truncatingIfNeeded: index)]
            let crc = Compressor.crc32(data)
            let offset = UInt32(local.bytes.count)
            local.append([0x50, 0x4B, 3, 4])
            local.u16(20)
            local.u16(0)
            local.u16(0)
            local.u32(0x5A21_0000)
            local.u32(crc)
            local.u32(1)
            local.u32(1)
            local.u16(UInt16(name.count))
            local.u16(0)
            local.append(name)
            local.append(data)
            central.append([0x50, 0x4B, 1, 2])
            central.u16(0x031E)
            central.u16(20)
            central.u16(0)
            central.u16(0)
            central.u32(0x5A21_0000)
            central.u32(crc)
            central.u32(1)
            central.u32(1)
            central.u16(UInt16(name.count))
            for _ in 0..<4 { central.u16(0) }
            central.u32(0)
            central.u32(offset)
            central.append(name)
        }
        return (local, central)
    }

    /// `count` ZIP local headers of one stored byte each, with no central directory,
    /// followed by text that is not a ZIP record: every walk from a header passes all the
    /// later ones and then fails.
    public static func bareLocalHeaders(_ count: Int) -> [UInt8] {
        entries(count).local.bytes + Array("no central directory follows these local headers".utf8)
    }

    /// A zlib stream of about `length` bytes that never ends: stored deflate blocks (never
    /// final) whose data each ends with `78 01`, a valid zlib header whose deflate data is
    /// the next block, so every block starts another candidate that decodes the rest.
    public static func storedDeflateChain(length: Int, blockData: Int = 64) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        out.reserveCapacity(length + blockData + 8)
        let data = [UInt8](repeating: 0x41, count: max(0, blockData - 2)) + [0x78, 0x01]
        let size = UInt16(data.count)
        while out.count < length {
            out += [0x00, UInt8(size & 0xFF), UInt8(size >> 8), UInt8(~size & 0xFF), UInt8(~size >> 8)]
            out += data
        }
        return out
    }
}
