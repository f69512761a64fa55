import StegCarveBytes
import StegCarveCarving
import StegCarveImages
import StegCarveLabeling
import StegCarveModel
import StegCarveStego

/// Findings for steganography tools recognised by their own framing (wbStego in the pixels,
/// Camouflage after the picture's end): type `stego:<tool>`, the exact range the tool's header
/// declares, a `stego-tool` label naming the tool, and what the header says as metadata.
extension StegoStage {
    /// The hidden data a wbStego header declares in `stream`, with whatever the payload search
    /// finds inside it as children (offsets within the hidden data).
    func wbStegoFinding(_ stream: ExtractedStream, region: String, search: inout PayloadSearch, errors: inout [String]) -> Finding? {
        guard let header = WbStegoHeader(stream.bytes, capacity: stream.bytes.count) else { return nil }
        let range = header.dataRange.clamped(to: 0..<stream.bytes.count)
        let data = stream.bytes.span.extracting(range)
        let children = search.findings(in: data, targets: [CarveTarget(name: region, range: 0..<data.count, searchesEncodings: false)], depth: 1, via: nil)
        var metadata: [String: MetadataValue] = ["tool": .string("wbStego"), "form": .string(header.form.rawValue), "size": .integer(Int64(header.size))]
        if let ext = header.fileExtension { metadata["extension"] = .string(ext) }
        if let cipher = header.cipher { metadata["cipher"] = .string(cipher) }
        return toolFinding(
            tool: "wbstego", data, offset: range.lowerBound, declared: header.size, region: region, via: stream.layout,
            reason: "\(header.summary) in \(stream.layout)", metadata: metadata, children: children, errors: &errors)
    }

    /// The Camouflage block appended after the picture, if the trailer checks out.
    func camouflageFinding(_ bytes: Span<UInt8>, layout: ImageLayout, errors: inout [String]) -> (Finding, CamouflageTrailer)? {
        guard let start = layout.overlayRange?.lowerBound, let trailer = CamouflageTrailer(bytes, appendedAt: start) else { return nil }
        let metadata: [String: MetadataValue] = [
            "tool": .string("Camouflage"), "hostLength": .integer(Int64(trailer.hostLength)),
            "declaredDataLength": .integer(Int64(trailer.declaredDataLength)),
        ]
        let finding = toolFinding(
            tool: "camouflage", bytes.extracting(trailer.block), offset: trailer.block.lowerBound, declared: trailer.block.count,
            region: "overlay", via: nil, reason: trailer.summary, metadata: metadata, children: [], errors: &errors)
        return (finding, trailer)
    }

    private func toolFinding(
        tool: String, _ data: Span<UInt8>, offset: Int, declared: Int, region: String, via: String?, reason: String,
        metadata: [String: MetadataValue], children: [Finding], errors: inout [String]
    ) -> Finding {
        let digests = ArtifactDigests(of: data)
        var finding = Finding(
            type: "stego:\(tool)", offset: offset, length: data.count, region: region, confidence: data.count == declared ? .high : .medium,
            truncated: data.count < declared, declaredLength: data.count < declared ? declared : nil,
            md5: digests.md5, sha1: digests.sha1, sha256: digests.sha256, entropy: ByteHistogram(data).entropy,
            labels: [Label(name: "stego-tool", reason: reason)], metadata: metadata, via: via, children: children)
        extractor?.write(data, into: &finding, sourcePath: sourcePath, errors: &errors)
        return finding
    }
}
