import Dispatch
import Foundation
import StegCarve

/// Pixel steganalysis throughput on one core, in megapixels per second, next to plain
/// decoding of the same pictures. Every picture is scanned from memory four ways:
/// structure only (`--no-decode`), with the decode check (`--stego off`), and with the decode
/// check plus the default or the full stego sweep (the stage runs only with decoding and
/// reuses the decode check's PNG pixels). Decoding speed is the pixels over
/// (decode − structure); the sweep's own speed is the pixels over (stego − decode), i.e.
/// bit-plane triage of every layout plus SPA, RS and chi-square on every channel (JPEG: the
/// coefficient read, the JSteg layouts and the DCT chi-square).
/// Times are this thread's CPU time (`CLOCK_THREAD_CPUTIME_ID`), best of `rounds`, so other
/// load on the machine does not count against the figures.
func measureStego(directory: String?, rounds: Int) throws {
    let folder = directory ?? corpus.appendingPathComponent("stego").path
    let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        .filter { $0.hasSuffix(".png") || $0.hasSuffix(".jpg") || $0.hasSuffix(".jpeg") }
    let pictures = try names.map { [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder + "/" + $0))) }
    let scanners: [(String, StegCarve.Scanner)] = [
        ("structure", StegCarve.Scanner(configuration: ScanConfiguration(verifiesDecoding: false, stego: .off))),
        ("decode", StegCarve.Scanner(configuration: ScanConfiguration(verifiesDecoding: true, stego: .off))),
        ("stego default", StegCarve.Scanner(configuration: ScanConfiguration(verifiesDecoding: true, stego: .standard))),
        ("stego all", StegCarve.Scanner(configuration: ScanConfiguration(verifiesDecoding: true, stego: .all))),
    ]
    for (kind, label) in [("png", "PNG pixels"), ("jpg", "JPEG coefficients")] {
        let selected = zip(names, pictures).filter { $0.0.hasSuffix(kind) || (kind == "jpg" && $0.0.hasSuffix("jpeg")) }.map(\.1)
        guard !selected.isEmpty else { continue }
        var pixels = 0
        for picture in selected {
            let report = scanners[1].1.scan(bytes: picture)
            pixels += (report.decode?.width ?? 0) * (report.decode?.height ?? 0)
        }
        let megapixels = Double(pixels) / 1e6
        var seconds: [Double] = []
        for (_, scanner) in scanners {
            seconds.append(bestCPU(rounds) {
                for picture in selected { _ = scanner.scan(bytes: picture) }
            })
        }
        print("\n\(label): \(selected.count) files from \(folder), \(String(format: "%.1f", megapixels)) MP, one core (thread CPU time), best of \(rounds)")
        print("| run | s | MP/s |")
        print("|---|---:|---:|")
        func row(_ name: String, _ time: Double) {
            print("| \(name) | \(String(format: "%.3f", time)) | \(time > 0 ? String(format: "%.0f", megapixels / time) : "∞") |")
        }
        row("plain decode (decode check − structure)", seconds[1] - seconds[0])
        row("stego default sweep alone (stego − decode check)", seconds[2] - seconds[1])
        row("stego default including the decode (− structure)", seconds[2] - seconds[0])
        row("stego all sweep alone (stego all − decode check)", seconds[3] - seconds[1])
    }
}

/// CPU seconds spent in `body`, best of `rounds`: this thread's by default, or the whole
/// process's (every thread) with `CLOCK_PROCESS_CPUTIME_ID`.
func bestCPU(_ rounds: Int, clock: clockid_t = CLOCK_THREAD_CPUTIME_ID, _ body: () -> Void) -> Double {
    func now() -> Double {
        var time = timespec()
        clock_gettime(clock, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
    var fastest = Double.infinity
    for _ in 0..<rounds {
        let start = now()
        body()
        fastest = min(fastest, now() - start)
    }
    return fastest
}
