import Foundation
import StegCarve
import StegCarveBytes

extension FuzzTargets {
    /// `scanner`: the whole pipeline through the public API (`Scanner.scan(bytes:)`), with
    /// the report's numbers inside the input and the report encodable as JSON (the CLI
    /// prints nothing for a report that does not encode).
    static let scannerTarget = FuzzTarget(name: "scanner") { bytes in
        let limits = ScanLimits(maxDecodedBytes: 32 << 20, maxSecondsPerFile: 10)
        let scanner = Scanner(configuration: ScanConfiguration(verifiesDecoding: true, limits: limits))
        let input = bytes.bytes(in: 0..<bytes.count)
        let report = scanner.scan(bytes: input)
        let size = input.count
        FuzzInvariant.check(report.size == size, "size \(report.size) != \(size)", target: "scanner")
        FuzzInvariant.check((report.imageEnd ?? 0) <= size, "imageEnd past the end", target: "scanner")
        for region in report.regions {
            FuzzInvariant.check(region.offset >= 0 && region.length >= 0 && region.offset + region.length <= size, "region \(region.name) outside", target: "scanner")
        }
        // Findings in a derived stream (`via` set: scanlines, pixels, a stego layout) count
        // offsets within that stream, not the file.
        for finding in report.findings where finding.via == nil {
            FuzzInvariant.check(finding.offset >= 0 && finding.length > 0 && finding.offset + finding.length <= size, "finding \(finding.type) outside", target: "scanner")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            _ = try encoder.encode(report)
        } catch {
            FuzzInvariant.check(false, "report does not encode as JSON: \(error)", target: "scanner")
        }
    }
}
