import Foundation

/// A deterministic set of hostile inputs, generated at test time (nothing hostile is
/// committed): truncations and byte flips of every corpus file, decompression bombs, deep
/// nesting, executables and archives whose headers lie, absurd picture dimensions and huge
/// structure counts. Used by the hostile sweep, which scans it with the CLI under time and
/// memory bounds.
public enum HostileSet {
    /// Every hostile input as (file name, bytes); the same bytes on every run.
    public static func files() throws -> [(name: String, bytes: [UInt8])] {
        var files: [(String, [UInt8])] = []
        files += try mutations()
        files += bombs()
        files += nesting()
        files += lyingExecutables()
        files += lyingArchives()
        files += absurdDimensions()
        files += hugeCounts()
        return files
    }

    static func picture() throws -> [UInt8] { try CorpusLocator.bytes("clean/jpeg-baseline.jpg") }
    static func png() throws -> [UInt8] { try CorpusLocator.bytes("clean/png-rgba.png") }

    /// One truncation and one set of 1-16 byte flips of every corpus file under 256 KiB
    /// (RobustnessTests scans many more of each in process; this checks the CLI end to end).
    static func mutations() throws -> [(String, [UInt8])] {
        let manifest = CorpusManifest.shared
        let paths = manifest.files.map(\.path) + manifest.elves.map(\.path)
        var result: [(String, [UInt8])] = []
        for path in paths {
            let original = try CorpusLocator.bytes(path)
            guard original.count > 16, original.count < 256 << 10 else { continue }
            var generator = SeededGenerator(seed: path.utf8.reduce(0x5EED) { $0 &* 131 &+ UInt64($1) })
            let stem = path.replacingOccurrences(of: "/", with: "_")
            let cut = Int.random(in: 1..<original.count, using: &generator)
            result.append(("truncated-\(cut)-\(stem)", Array(original.prefix(cut))))
            var flipped = original
            for _ in 0..<Int.random(in: 1...16, using: &generator) {
                flipped[Int.random(in: 0..<flipped.count, using: &generator)] ^= UInt8.random(in: 1...255, using: &generator)
            }
            result.append(("flipped-\(stem)", flipped))
        }
        return result
    }

    /// Zeros compressed by every codec, appended to a picture; a ZIP of bombs; a bomb
    /// inside a bomb. 8 MiB of zeros deflates past the 1000:1 ratio limit, which is what
    /// stops a bomb of any size (the unpacked bytes are scanned, so bigger bombs only make
    /// a debug-build test slower).
    static func bombs() -> [(String, [UInt8])] {
        let zeros = [UInt8](repeating: 0, count: 8 << 20)
        let picture = (try? Self.picture()) ?? []
        return [
            ("bomb-gzip.jpg", picture + Compressor.gzip(zeros)),
            ("bomb-zlib.jpg", picture + Compressor.deflate(zeros)),
            ("bomb-xz.jpg", picture + Compressor.xz(zeros)),
            ("bomb-bzip2.jpg", picture + Compressor.bzip2(zeros)),
            ("bomb-zstd.jpg", picture + Compressor.zstd(zeros)),
            ("bomb-zip-4-members.jpg", picture + SyntheticZIP.build((0..<4).map { SyntheticZIP.Member(name: "z\($0)", data: zeros) })),
            ("bomb-gzip-of-gzip.jpg", picture + Compressor.gzip(Compressor.gzip(zeros))),
        ]
    }

    /// An ELF under 64 layers of gzip, and under as many layers of base64 as fit in 1 MiB.
    static func nesting() -> [(String, [UInt8])] {
        let elf = SyntheticELF(is64: true, bigEndian: false, machine: 62).build()
        var gzipped = elf
        for _ in 0..<64 { gzipped = Compressor.gzip(gzipped) }
        var encoded = elf
        for _ in 0..<64 where encoded.count < 1 << 20 { encoded = Array(base64(encoded).utf8) }
        let picture = (try? Self.png()) ?? []
        return [("nested-gzip-64.png", picture + gzipped), ("nested-base64-deep.png", picture + encoded)]
    }

    /// ELF and PE files whose counts and offsets point far outside the file.
    static func lyingExecutables() -> [(String, [UInt8])] {
        let picture = (try? Self.picture()) ?? []
        let elf = SyntheticELF(is64: true, bigEndian: false, machine: 62).build()
        var result: [(String, [UInt8])] = []
        // e_phoff, e_shoff (8 bytes each at 0x20, 0x28); e_phnum, e_shnum, e_shstrndx.
        for (name, patches) in [
            ("elf-shoff-huge", [(0x28, [UInt8](repeating: 0xFF, count: 8))]),
            ("elf-phoff-huge", [(0x20, [0xF0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F])]),
            ("elf-counts-max", [(0x38, [0xFF, 0xFF]), (0x3C, [0xFF, 0xFF]), (0x3E, [0xFE, 0xFF])]),
            ("elf-entsize-zero", [(0x36, [0, 0]), (0x3A, [0, 0])]),
        ] as [(String, [(Int, [UInt8])])] {
            result.append(("\(name).jpg", picture + patched(elf, patches)))
        }
        let pe = SyntheticPE(is64: true, machine: 0x8664).build()
        let header = SyntheticPE.headerOffset
        for (name, patches) in [
            ("pe-lfanew-huge", [(0x3C, [0xF0, 0xFF, 0xFF, 0x7F])]),
            ("pe-sections-max", [(header + 6, [0xFF, 0xFF])]),
            ("pe-optional-size-max", [(header + 20, [0xFF, 0xFF])]),
            ("pe-symbols-huge", [(header + 8, [0xF0, 0xFF, 0xFF, 0xFF]), (header + 12, [0xFF, 0xFF, 0xFF, 0x7F])]),
        ] as [(String, [(Int, [UInt8])])] {
            result.append(("\(name).jpg", picture + patched(pe, patches)))
        }
        return result
    }

    /// ZIP end records and local headers that claim what is not there.
    static func lyingArchives() -> [(String, [UInt8])] {
        let picture = (try? Self.picture()) ?? []
        let zip = SyntheticZIP.build([SyntheticZIP.Member(name: "a.txt", data: Array("hello hello hello".utf8))])
        let zip64 = SyntheticZIP.build([SyntheticZIP.Member(name: "a.txt", data: Array("hello".utf8))], zip64: true)
        guard let end = lastIndex(of: [0x50, 0x4B, 0x05, 0x06], in: zip) else { return [] }
        var result: [(String, [UInt8])] = [
            ("zip-entries-max.jpg", picture + patched(zip, [(end + 8, [0xFF, 0xFF]), (end + 10, [0xFF, 0xFF])])),
            ("zip-directory-huge.jpg", picture + patched(zip, [(end + 12, [0xFF, 0xFF, 0xFF, 0xFF]), (end + 16, [0xF0, 0xFF, 0xFF, 0xFF])])),
            ("zip-local-sizes-huge.jpg", picture + patched(zip, [(18, [0xFF, 0xFF, 0xFF, 0xFF]), (22, [0xFF, 0xFF, 0xFF, 0xFF])])),
            ("zip-comment-long.jpg", picture + patched(zip, [(end + 20, [0xFF, 0xFF])])),
        ]
        if let locator = lastIndex(of: [0x50, 0x4B, 0x06, 0x07], in: zip64), let record = lastIndex(of: [0x50, 0x4B, 0x06, 0x06], in: zip64) {
            result.append(("zip64-record-offset-huge.jpg", picture + patched(zip64, [(locator + 8, [UInt8](repeating: 0xFF, count: 8))])))
            result.append(("zip64-entries-huge.jpg", picture + patched(zip64, [(record + 24, [UInt8](repeating: 0xFF, count: 8)), (record + 32, [UInt8](repeating: 0xFF, count: 8))])))
        }
        return result
    }

    /// Pictures that declare billions of pixels.
    static func absurdDimensions() -> [(String, [UInt8])] {
        var jpeg: [UInt8] = [0xFF, 0xD8]
        jpeg += SyntheticJPEG.segment(0xDB, [0] + [UInt8](repeating: 1, count: 64))
        jpeg += SyntheticJPEG.segment(0xC0, [8, 0xFF, 0xFF, 0xFF, 0xFF, 1, 1, 0x11, 0])
        jpeg += SyntheticJPEG.segment(0xC4, [0] + [UInt8](repeating: 0, count: 15) + [1] + [0])
        jpeg += SyntheticJPEG.segment(0xDA, [1, 1, 0, 0, 63, 0]) + [0x12, 0x34, 0xFF, 0xD9]
        var ihdr = ByteWriter(bigEndian: true)
        ihdr.u32(0x7FFF_FFFF)
        ihdr.u32(0x7FFF_FFFF)
        ihdr.append([16, 6, 0, 0, 1])
        let png = SyntheticPNG.signature + SyntheticPNG.chunk("IHDR", ihdr.bytes)
            + SyntheticPNG.chunk("IDAT", Compressor.deflate([UInt8](repeating: 0, count: 1 << 20))) + SyntheticPNG.chunk("IEND", [])
        let gif: [UInt8] = Array("GIF89a".utf8) + [0xFF, 0xFF, 0xFF, 0xFF, 0x80, 0, 0] + [UInt8](repeating: 0, count: 6)
            + [0x2C, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0, 2, 2, 0x4C, 0x01, 0, 0x3B]
        var bmp = ByteWriter()
        bmp.append(Array("BM".utf8))
        bmp.u32(70)
        bmp.u32(0)
        bmp.u32(54)
        bmp.u32(40)
        bmp.u32(0x7FFF_FFFF)
        bmp.u32(0x8000_0001)  // height -2^31+1: top-down
        bmp.u16(1)
        bmp.u16(32)
        bmp.append([UInt8](repeating: 0, count: 24 + 16))
        return [("huge-jpeg-65535x65535.jpg", jpeg), ("huge-png-2^31.png", png), ("huge-gif-65535.gif", gif), ("huge-bmp.bmp", bmp.bytes)]
    }

    /// 300,000 PNG chunks, 200,000 JPEG segments, 100,000 GIF extensions.
    static func hugeCounts() -> [(String, [UInt8])] {
        let empty = SyntheticPNG.chunk("prIv", [])
        var png = SyntheticPNG.signature + SyntheticPNG.header()
        for _ in 0..<300_000 { png += empty }
        png += SyntheticPNG.chunk("IDAT", [0x78, 0x9C, 0x63, 0x60, 0x00, 0x00, 0x00, 0x04, 0x00, 0x01]) + SyntheticPNG.chunk("IEND", [])
        var jpeg: [UInt8] = [0xFF, 0xD8]
        for _ in 0..<200_000 { jpeg += [0xFF, 0xFE, 0x00, 0x02] }
        jpeg += SyntheticJPEG.minimal().dropFirst(2)
        var gif: [UInt8] = Array("GIF89a".utf8) + [1, 0, 1, 0, 0, 0, 0]
        for _ in 0..<100_000 { gif += [0x21, 0xFE, 0x01, 0x41, 0x00] }
        gif += [0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x4C, 0x01, 0, 0x3B]
        return [("chunks-300000.png", png), ("segments-200000.jpg", jpeg), ("extensions-100000.gif", gif)]
    }

    static func patched(_ bytes: [UInt8], _ patches: [(Int, [UInt8])]) -> [UInt8] {
        var result = bytes
        for (offset, replacement) in patches where offset >= 0 && offset + replacement.count <= result.count {
            result.replaceSubrange(offset..<(offset + replacement.count), with: replacement)
        }
        return result
    }

    static func lastIndex(of pattern: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= pattern.count else { return nil }
        return (0...(bytes.count - pattern.count)).last { Array(bytes[$0..<($0 + pattern.count)]) == pattern }
    }

    static func base64(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let chunk = Array(bytes[index..<min(index + 3, bytes.count)])
            let value = (UInt32(chunk[0]) << 16) | (UInt32(chunk.count > 1 ? chunk[1] : 0) << 8) | UInt32(chunk.count > 2 ? chunk[2] : 0)
            for position in 0..<4 {
                out.append(position <= chunk.count ? alphabet[Int((value >> (18 - 6 * UInt32(position))) & 63)] : UInt8(ascii: "="))
            }
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}
