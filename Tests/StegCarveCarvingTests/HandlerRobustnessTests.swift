import StegCarveBytes
@testable import StegCarveCarving
import StegCarveModel
import Testing
import TestSupport

/// A valid sample for every registered handler, built by the test.
struct HandlerSample: Sendable, CustomTestStringConvertible {
    var type: String
    var bytes: [UInt8]
    var testDescription: String { type }

    static let all: [HandlerSample] = [
        HandlerSample(type: "zip", bytes: SyntheticZIP.build([
            SyntheticZIP.Member(name: "a.txt", data: sampleText("zip a", repeats: 5)),
            SyntheticZIP.Member(name: "b.bin", data: Array(0..<64), method: 0),
        ], comment: "c", dataDescriptor: true)),
        HandlerSample(type: "rar", bytes: SyntheticRAR.rar5([("a", [1, 2, 3])])),
        HandlerSample(type: "rar", bytes: SyntheticRAR.rar4([("a", [1, 2, 3])])),
        HandlerSample(type: "7z", bytes: Synthetic7z.build(packed: [9, 9, 9], nextHeader: [0x01, 0x00])),
        HandlerSample(type: "tar", bytes: SyntheticTar.build([("a", [1, 2, 3])])),
        HandlerSample(type: "gzip", bytes: Compressor.gzip(sampleText("gzip", repeats: 5), name: "n", headerCRC: true)),
        HandlerSample(type: "bzip2", bytes: Compressor.bzip2(sampleText("bzip2", repeats: 5))),
        HandlerSample(type: "xz", bytes: Compressor.xz(sampleText("xz", repeats: 5))),
        HandlerSample(type: "zstd", bytes: Compressor.zstd(sampleText("zstd", repeats: 5))),
        HandlerSample(type: "zlib", bytes: Compressor.deflate(sampleText("zlib", repeats: 5))),
        HandlerSample(type: "jpeg", bytes: SyntheticJPEG.minimal()),
        HandlerSample(type: "png", bytes: SyntheticPNG.minimal()),
        HandlerSample(type: "gif", bytes: SyntheticGIF.minimal()),
        HandlerSample(type: "elf", bytes: SyntheticELF(is64: true, bigEndian: false, machine: 62).build()),
        HandlerSample(type: "pe", bytes: SyntheticPE(is64: true, machine: 0x8664).build()),
        HandlerSample(type: "macho", bytes: SyntheticMachO(is64: true, bigEndian: false, cpuType: 0x0100_0007).build()),
        HandlerSample(type: "java-class", bytes: SyntheticJavaClass.build()),
        HandlerSample(type: "dex", bytes: SyntheticDEX.build()),
        HandlerSample(type: "script", bytes: Array("#!/bin/sh\necho this sample is a harmless shell script\n".utf8)),
    ]
}

@Suite("Handler robustness")
struct HandlerRobustnessTests {
    @Test("every registered type has a sample, and each sample is carved whole by its handler")
    func samplesCoverRegistry() {
        #expect(Set(PayloadRegistry.handlers.map(\.type)) == Set(HandlerSample.all.map(\.type)))
        for sample in HandlerSample.all {
            let payloads = carveAll(sample.bytes + [0xAA, 0xBB])
            #expect(payloads.map(\.type) == [sample.type], "\(sample.type)")
            #expect(payloads.first?.range == 0..<sample.bytes.count, "\(sample.type)")
        }
    }

    @Test("every prefix and seeded byte flips: every handler returns an extent inside the input", arguments: HandlerSample.all)
    func mutations(sample: HandlerSample) {
        var inputs = (0..<sample.bytes.count).map { Array(sample.bytes.prefix($0)) }
        var generator = SeededGenerator(seed: UInt64(sample.bytes.count))
        for _ in 0..<300 {
            var flipped = sample.bytes
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                flipped[Int.random(in: 0..<flipped.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            }
            inputs.append(flipped)
        }
        for input in inputs {
            for handler in PayloadRegistry.handlers {
                for start in [0, 1] where start < input.count {
                    if let extent = carve(handler, input, at: start) {
                        #expect(extent.range.lowerBound == start && extent.range.upperBound <= input.count && !extent.range.isEmpty)
                        #expect(extent.declaredLength >= extent.range.count)
                    }
                }
                if let expanding = handler as? any ExpandingPayloadHandler {
                    let expansion = expand(expanding, input, limits: ExpansionLimits(maxOutputBytes: 1 << 16, maxRatio: 100, maxStreams: 8))
                    #expect(expansion.streams.count <= 8)
                    #expect(expansion.streams.reduce(0) { $0 + $1.bytes.count } <= 1 << 16)
                }
            }
        }
    }
}
