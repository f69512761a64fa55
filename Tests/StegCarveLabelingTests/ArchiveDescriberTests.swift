@testable import StegCarveLabeling
import StegCarveModel
import Testing
import TestSupport

/// Describes an array's bytes, so test macros never see a non-escapable `Span`.
private func describe(_ type: String, _ bytes: [UInt8], truncated: Bool = false) -> PayloadDescription {
    DescriberRegistry.describer(for: type)?.describe(bytes.span, truncated: truncated) ?? PayloadDescription()
}

@Suite("Archive and compression describers")
struct ArchiveDescriberTests {
    @Test("ZIP: entry count, first 20 names, encrypted, zip64")
    func zip() {
        let members = (0..<25).map { SyntheticZIP.Member(name: "file\($0).txt", data: Array("member \($0)".utf8), method: 0, encrypted: $0 == 3) }
        let description = describe("zip", SyntheticZIP.build(members, zip64: true))
        #expect(description.metadata["entries"] == 25)
        #expect(description.metadata["names"]?.arrayValue?.count == 20)
        #expect(description.metadata["names"]?.arrayValue?.first == "file0.txt")
        #expect(description.metadata["encrypted"] == true)
        #expect(description.metadata["zip64"] == true)
        #expect(description.labels.map(\.name) == ["archive"])
        #expect(description.labels.first?.reason == "ZIP archive with 25 entries, 1 encrypted; central directory and local headers agree")
    }

    @Test("a ZIP without its directory is still an archive, without metadata")
    func truncatedZIP() {
        let zip = SyntheticZIP.build([SyntheticZIP.Member(name: "a.txt", data: Array("abc".utf8))])
        let description = describe("zip", Array(zip.prefix(40)), truncated: true)
        #expect(description.metadata.isEmpty)
        #expect(description.labels.map(\.name) == ["archive"])
    }

    @Test("gzip: original name, mtime, isize")
    func gzip() {
        let data = Array(repeating: UInt8(ascii: "z"), count: 5000)
        let description = describe("gzip", Compressor.gzip(data, name: "dump.sql", mtime: 1_700_000_000))
        #expect(description.metadata["originalName"] == "dump.sql")
        #expect(description.metadata["mtime"] == 1_700_000_000)
        #expect(description.metadata["isize"] == 5000)
        #expect(description.labels == [Label(name: "compressed", reason: "gzip member (deflate) of dump.sql, 5000 bytes uncompressed; CRC-32 and size verified")])
        let cut = describe("gzip", Array(Compressor.gzip(data).dropLast(3)), truncated: true)
        #expect(cut.metadata["isize"] == .null)
        #expect(cut.metadata["originalName"] == .null)
    }

    @Test("tar members, 7z and RAR versions")
    func archives() {
        let tar = describe("tar", SyntheticTar.build([("a", [1]), ("b", [2])], gnu: true))
        #expect(tar.metadata["members"] == 2)
        #expect(tar.metadata["format"] == "gnu")
        #expect(tar.labels.map(\.name) == ["archive"])
        let sevenZip = describe("7z", Synthetic7z.build(packed: [], nextHeader: []))
        #expect(sevenZip.metadata["version"] == "0.4")
        let rar4 = describe("rar", SyntheticRAR.rar4([("x", [1, 2])]))
        let rar5 = describe("rar", SyntheticRAR.rar5([("x", [1, 2]), ("y", [3])]))
        #expect(rar4.metadata["version"] == 4)
        #expect(rar5.metadata["version"] == 5)
        #expect(rar5.metadata["files"] == 2)
        #expect(rar5.labels.first?.reason == "RAR 5 archive with 2 file headers; header CRCs verify")
    }

    @Test("bzip2, xz, zstd and zlib carry the compressed label and their header parameters")
    func streams() {
        let data = Array(repeating: UInt8(ascii: "s"), count: 1000)
        #expect(describe("bzip2", Compressor.bzip2(data)).metadata["blockSize"] == 900_000)
        #expect(describe("xz", Compressor.xz(data)).metadata["check"] == "CRC64")
        #expect(describe("zstd", Compressor.zstd(data)).metadata["contentSize"] == 1000)
        #expect(describe("zlib", Compressor.deflate(data)).metadata["level"] == "maximum")
        for type in ["bzip2", "xz", "zstd", "zlib"] {
            #expect(DescriberRegistry.describer(for: type)?.type == type)
        }
        #expect(describe("zlib", Compressor.deflate(data)).labels.map(\.name) == ["compressed"])
    }
}
