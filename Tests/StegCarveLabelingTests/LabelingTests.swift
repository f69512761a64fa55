@testable import StegCarveLabeling
import StegCarveModel
import Testing
import TestSupport

@Suite("Digests")
struct DigestTests {
    @Test("known vectors for abc")
    func knownVectors() {
        let digests = ArtifactDigests(of: Array("abc".utf8).span)
        #expect(digests.md5 == "900150983cd24fb0d6963f7d28e17f72")
        #expect(digests.sha1 == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(digests.sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let empty = ArtifactDigests.sha256(of: [UInt8]().span)
        #expect(empty == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }
}

@Suite("Indicators")
struct IndicatorTests {
    private let wallet = "4" + String(repeating: "8Bq2xR7", count: 13) + "abc"

    @Test("pools, URLs, IPs, wallets and miner names")
    func extraction() {
        let text = "cfg: stratum+tcp://pool.example.org:3333 user=\(wallet) algo=RandomX via XMRig/6.0 see http://203.0.113.7/update and 10.0.0.256 1.2.3"
        let found = IndicatorExtractor.indicators(inString: text, at: 100)
        let byKind = Dictionary(grouping: found, by: \.kind).mapValues { $0.map(\.value) }
        #expect(byKind[.miningPool] == ["stratum+tcp://pool.example.org:3333"])
        #expect(byKind[.url] == ["http://203.0.113.7/update"])
        #expect(byKind[.ipv4] == ["203.0.113.7"])
        #expect(byKind[.moneroWallet] == [wallet])
        #expect(byKind[.minerName] == ["XMRig"])
        #expect(byKind[.miningAlgorithm] == ["RandomX"])
        #expect(found.first { $0.kind == .miningPool }?.offset == 105)
    }

    @Test("near misses are not indicators")
    func nearMisses() {
        let text = "version 1.2.3.4.5 xmrigger randomxyz " + String(wallet.dropLast()) + " 999.1.1.1"
        let found = IndicatorExtractor.indicators(inString: text, at: 0)
        #expect(found.isEmpty, "\(found)")
    }

    @Test("cryptominer needs two kinds of mining evidence and says which")
    func cryptominerRule() throws {
        let one = [Indicator(kind: .minerName, value: "xmrig", offset: 0)]
        #expect(!IndicatorRules.labels(for: one).contains { $0.name == "cryptominer" })
        let two = one + [Indicator(kind: .miningAlgorithm, value: "RandomX", offset: 9)]
        let label = try #require(IndicatorRules.labels(for: two).first { $0.name == "cryptominer" })
        #expect(label.reason == "references xmrig and RandomX")
    }

    @Test("strings are found across binary noise with their offsets")
    func strings() {
        let data: [UInt8] = [0, 1, 2] + Array("hello world".utf8) + [0xFF, 0] + Array("abc".utf8) + [0] + Array("tail".utf8)
        var seen: [(Int, String)] = []
        PrintableStrings.forEach(in: data.span) { seen.append(($0, $1)) }
        #expect(seen.map(\.0) == [3, 20])
        #expect(seen.map(\.1) == ["hello world", "tail"])
    }
}

@Suite("ELF description")
struct ELFDescriberTests {
    @Test("the miner-like corpus payload is labelled a cryptominer with reasons", arguments: CorpusManifest.shared.elves.filter { $0.path.contains("payload-") })
    func minerPayload(entry: CorpusManifest.ELFEntry) throws {
        let bytes = try CorpusLocator.bytes(entry.path)
        let profile = ArtifactLabeler().profile(bytes.span, type: "elf", truncated: false)
        #expect(profile.labels.map(\.name).contains("cryptominer"))
        #expect(profile.labels.map(\.name).contains("executable"))
        #expect(profile.metadata["machine"] == .string(entry.machine))
        #expect(profile.metadata["stripped"] == .bool(entry.stripped))
        #expect(profile.metadata["static"] == .bool(entry.static))
        #expect(profile.indicators.contains { $0.kind == .miningPool })
        #expect(profile.digests.sha256 == entry.sha256)
    }

    @Test("a plain hello world is an executable and nothing more")
    func helloWorld() throws {
        let bytes = try CorpusLocator.bytes("elf/hello-x86_64-stripped.elf")
        let profile = ArtifactLabeler().profile(bytes.span, type: "elf", truncated: false)
        #expect(profile.labels.map(\.name) == ["executable"])
        #expect(profile.metadata["linking"] == .string("dynamic"))
        #expect(profile.metadata["needed"] == .array([.string("libc.so.6")]))
    }
}
