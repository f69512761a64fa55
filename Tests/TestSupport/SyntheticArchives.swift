/// Builds archive structures byte by byte for handler tests: ZIP (with data descriptors and
/// ZIP64 records), tar, 7z signature headers, RAR 4/5 block chains and GIF.
public enum SyntheticZIP {
    /// One member to store.
    public struct Member: Sendable {
        public var name: String
        public var data: [UInt8]
        /// 0 stored, 8 deflated.
        public var method: UInt16
        public var encrypted: Bool

        public init(name: String, data: [UInt8], method: UInt16 = 8, encrypted: Bool = false) {
            self.name = name
            self.data = data
            self.method = method
            self.encrypted = encrypted
        }
    }

    /// A ZIP archive. `dataDescriptor` moves sizes and CRC into descriptors after the data
    /// (local sizes 0); `zip64` writes ZIP64 extra fields and end records; `offsetBase` is
    /// added to every directory offset (a polyglot whose offsets count from an enclosing file).
    public static func build(
        _ members: [Member], comment: String = "", dataDescriptor: Bool = false, zip64: Bool = false, offsetBase: Int = 0
    ) -> [UInt8] {
        var out = ByteWriter()
        var central = ByteWriter()
        for member in members {
            let payload = member.method == 8 ? Compressor.deflate(member.data, raw: true) : member.data
            let crc = Compressor.crc32(member.data)
            let offset = UInt32(out.bytes.count + offsetBase)
            let flags: UInt16 = (member.encrypted ? 1 : 0) | (dataDescriptor ? 8 : 0) | 0x0800
            let name = Array(member.name.utf8)
            var extra = ByteWriter()
            if zip64 {
                extra.u16(1)
                extra.u16(16)
                extra.u64(UInt64(member.data.count))
                extra.u64(UInt64(payload.count))
            }
            out.append([0x50, 0x4B, 3, 4])
            out.u16(zip64 ? 45 : 20)
            out.u16(flags)
            out.u16(member.method)
            out.u32(0x5A21_0000)  // DOS time and date
            out.u32(dataDescriptor ? 0 : crc)
            out.u32(dataDescriptor ? 0 : (zip64 ? 0xFFFF_FFFF : UInt32(payload.count)))
            out.u32(dataDescriptor ? 0 : (zip64 ? 0xFFFF_FFFF : UInt32(member.data.count)))
            out.u16(UInt16(name.count))
            out.u16(UInt16(extra.bytes.count))
            out.append(name)
            out.append(extra.bytes)
            out.append(payload)
            if dataDescriptor {
                out.append([0x50, 0x4B, 7, 8])
                out.u32(crc)
                if zip64 {
                    out.u64(UInt64(payload.count))
                    out.u64(UInt64(member.data.count))
                } else {
                    out.u32(UInt32(payload.count))
                    out.u32(UInt32(member.data.count))
                }
            }
            var centralExtra = ByteWriter()
            if zip64 {
                centralExtra.u16(1)
                centralExtra.u16(24)
                centralExtra.u64(UInt64(member.data.count))
                centralExtra.u64(UInt64(payload.count))
                centralExtra.u64(UInt64(offset))
            }
            central.append([0x50, 0x4B, 1, 2])
            central.u16(0x031E)
            central.u16(zip64 ? 45 : 20)
            central.u16(flags)
            central.u16(member.method)
            central.u32(0x5A21_0000)
            central.u32(crc)
            central.u32(zip64 ? 0xFFFF_FFFF : UInt32(payload.count))
            central.u32(zip64 ? 0xFFFF_FFFF : UInt32(member.data.count))
            central.u16(UInt16(name.count))
            central.u16(UInt16(centralExtra.bytes.count))
            central.u16(0)
            central.u16(0)
            central.u16(0)
            central.u32(0)
            central.u32(zip64 ? 0xFFFF_FFFF : offset)
            central.append(name)
            central.append(centralExtra.bytes)
        }
        let directoryOffset = out.bytes.count + offsetBase
        out.append(central.bytes)
        appendEndRecords(
            to: &out, count: members.count, directorySize: central.bytes.count, directoryOffset: directoryOffset,
            zip64: zip64, saturatesAll: true, offsetBase: offsetBase
        )
        out.u16(UInt16(comment.utf8.count))
        out.append(comment)
        return out.bytes
    }

    /// Appends the ZIP64 end record and locator (when `zip64`) and the EOCD up to its comment
    /// length, for a directory of `count` entries that has just been written. With
    /// `saturatesAll` every EOCD field ZIP64 holds is 0xFFFF…; otherwise only the entry
    /// counts are (what Python's zipfile writes past 65,535 members).
    public static func appendEndRecords(
        to out: inout ByteWriter, count: Int, directorySize: Int, directoryOffset: Int, zip64: Bool,
        saturatesAll: Bool, offsetBase: Int = 0
    ) {
        if zip64 {
            let recordOffset = out.bytes.count + offsetBase
            out.append([0x50, 0x4B, 6, 6])
            out.u64(44)
            out.u16(45)
            out.u16(45)
            out.u32(0)
            out.u32(0)
            out.u64(UInt64(count))
            out.u64(UInt64(count))
            out.u64(UInt64(directorySize))
            out.u64(UInt64(directoryOffset))
            out.append([0x50, 0x4B, 6, 7])
            out.u32(0)
            out.u64(UInt64(recordOffset))
            out.u32(1)
        }
        let saturated = zip64 && saturatesAll
        out.append([0x50, 0x4B, 5, 6])
        out.u16(0)
        out.u16(0)
        out.u16(zip64 ? 0xFFFF : UInt16(count))
        out.u16(zip64 ? 0xFFFF : UInt16(count))
        out.u32(saturated ? 0xFFFF_FFFF : UInt32(directorySize))
        out.u32(saturated ? 0xFFFF_FFFF : UInt32(directoryOffset))
    }
}

/// Builds ustar (POSIX) or GNU tar archives.
public enum SyntheticTar {
    /// One 512-byte header with a valid checksum.
    public static func header(name: String, size: Int, type: UInt8 = 0x30, gnu: Bool = false) -> [UInt8] {
        var block = [UInt8](repeating: 0, count: 512)
        func put(_ text: String, at offset: Int) {
            for (index, byte) in text.utf8.enumerated() { block[offset + index] = byte }
        }
        put(name, at: 0)
        put("0000644\u{0}", at: 100)
        put("0001750\u{0}", at: 108)
        put("0001750\u{0}", at: 116)
        put(String(repeating: "0", count: 11 - String(size, radix: 8).count) + String(size, radix: 8) + "\u{0}", at: 124)
        put("14524140400\u{0}", at: 136)
        block[156] = type
        put(gnu ? "ustar  \u{0}" : "ustar\u{0}00", at: 257)
        put("stegcarve\u{0}", at: 265)
        put("stegcarve\u{0}", at: 297)
        put("        ", at: 148)
        let sum = block.reduce(0) { $0 + Int($1) }
        let digits = String(sum, radix: 8)
        put(String(repeating: "0", count: 6 - digits.count) + digits + "\u{0} ", at: 148)
        return block
    }

    /// Members with their data rounded to 512 bytes, the two zero blocks, and (when
    /// `padToRecord`) zero blocks up to a 10240-byte record.
    public static func build(_ members: [(name: String, data: [UInt8])], gnu: Bool = false, padToRecord: Bool = false) -> [UInt8] {
        var out: [UInt8] = []
        for member in members {
            out += header(name: member.name, size: member.data.count, gnu: gnu)
            out += member.data
            out += [UInt8](repeating: 0, count: (512 - member.data.count % 512) % 512)
        }
        out += [UInt8](repeating: 0, count: 1024)
        if padToRecord { out += [UInt8](repeating: 0, count: (10240 - out.count % 10240) % 10240) }
        return out
    }
}

/// Builds 7z signature headers around packed data and a next header.
public enum Synthetic7z {
    /// Signature header (version 0.4), `packed` bytes, then `nextHeader`.
    public static func build(packed: [UInt8], nextHeader: [UInt8]) -> [UInt8] {
        var start = ByteWriter()
        start.u64(UInt64(packed.count))
        start.u64(UInt64(nextHeader.count))
        start.u32(nextHeader.isEmpty ? 0 : Compressor.crc32(nextHeader))
        var out = ByteWriter()
        out.append([0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C, 0, 4])
        out.u32(Compressor.crc32(start.bytes))
        out.append(start.bytes)
        out.append(packed)
        out.append(nextHeader)
        return out.bytes
    }
}

/// Builds RAR 4 and RAR 5 archives with stored files.
public enum SyntheticRAR {
    /// RAR 4: marker, main header, a file header + data per file, end-of-archive block.
    public static func rar4(_ files: [(name: String, data: [UInt8])]) -> [UInt8] {
        func block(type: UInt8, flags: UInt16, body: [UInt8]) -> [UInt8] {
            var header = ByteWriter()
            header.u8(type)
            header.u16(flags)
            header.u16(UInt16(7 + body.count))
            header.append(body)
            let crc = UInt16(truncatingIfNeeded: Compressor.crc32(header.bytes))
            var out = ByteWriter()
            out.u16(crc)
            out.append(header.bytes)
            return out.bytes
        }
        var out: [UInt8] = [0x52, 0x61, 0x72, 0x21, 0x1A, 0x07, 0x00]
        out += block(type: 0x73, flags: 0, body: [0, 0, 0, 0, 0, 0])
        for file in files {
            var body = ByteWriter()
            body.u32(UInt32(file.data.count))  // PACK_SIZE
            body.u32(UInt32(file.data.count))  // UNP_SIZE
            body.u8(2)                          // HOST_OS Windows... 2 = Win32
            body.u32(Compressor.crc32(file.data))
            body.u32(0x5A21_0000)
            body.u8(20)                         // UNP_VER 2.0
            body.u8(0x30)                       // METHOD store
            body.u16(UInt16(file.name.utf8.count))
            body.u32(0x20)
            body.append(file.name)
            out += block(type: 0x74, flags: 0x8000, body: body.bytes)
            out += file.data
        }
        out += block(type: 0x7B, flags: 0x4000, body: [])
        return out
    }

    /// A RAR 5 vint.
    public static func vint(_ value: Int) -> [UInt8] {
        var value = value
        var out: [UInt8] = []
        repeat {
            let low = UInt8(value & 0x7F)
            value >>= 7
            out.append(value > 0 ? low | 0x80 : low)
        } while value > 0
        return out
    }

    /// RAR 5: signature, main header, a file header + data per file, end-of-archive header.
    public static func rar5(_ files: [(name: String, data: [UInt8])]) -> [UInt8] {
        func header(type: Int, flags: Int, fields: [UInt8], dataSize: Int? = nil) -> [UInt8] {
            var body = vint(type) + vint(flags)
            if let dataSize { body += vint(dataSize) }
            body += fields
            let sized = vint(body.count) + body
            var out = ByteWriter()
            out.u32(Compressor.crc32(sized))
            out.append(sized)
            return out.bytes
        }
        var out: [UInt8] = [0x52, 0x61, 0x72, 0x21, 0x1A, 0x07, 0x01, 0x00]
        out += header(type: 1, flags: 0, fields: vint(0))
        for file in files {
            var fields = vint(0)                   // file flags
            fields += vint(file.data.count)         // unpacked size
            fields += vint(0x20)                    // attributes
            fields += vint(0)                       // compression info: version 0, stored
            fields += vint(0)                       // host OS Windows
            fields += vint(file.name.utf8.count)
            fields += Array(file.name.utf8)
            out += header(type: 2, flags: 0x02, fields: fields, dataSize: file.data.count)
            out += file.data
        }
        out += header(type: 5, flags: 0, fields: vint(0))
        return out
    }
}
