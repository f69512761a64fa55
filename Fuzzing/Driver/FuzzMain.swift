import Foundation
import StegCarveFuzzTargets

// Built two ways (see Scripts/fuzz):
// - normally: a replay tool, `stegcarve-fuzz <target> FILE…` runs files through a target
//   (no libFuzzer), and `stegcarve-fuzz --list` prints the target names;
// - with `-DSTEGCARVE_LIBFUZZER`, ASan and coverage instrumentation, linked against
//   libFuzzer's no-main runtime: libFuzzer drives the target named by the environment
//   variable STEGCARVE_FUZZ_TARGET, and every command-line argument is libFuzzer's.

#if STEGCARVE_LIBFUZZER

/// The target libFuzzer calls; set once before the driver starts.
nonisolated(unsafe) private var selectedTarget: FuzzTarget?

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let target = unsafe selectedTarget else { return 0 }
    let buffer = unsafe UnsafeBufferPointer(start: data, count: data == nil ? 0 : size)
    target.run(unsafe buffer.span)
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// The executable's entry point (SwiftPM links `main` to `<module>_main` on Linux).
@_cdecl("stegcarve_fuzz_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    if CommandLine.arguments.dropFirst().first == "--list" {
        for target in FuzzTargets.all { print(target.name) }
        return 0
    }
    let name = ProcessInfo.processInfo.environment["STEGCARVE_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTargets.named(name) else {
        FileHandle.standardError.write(Data("set STEGCARVE_FUZZ_TARGET to one of: \(FuzzTargets.all.map(\.name).joined(separator: " "))\n".utf8))
        return 2
    }
    unsafe selectedTarget = target
    var count = argc
    var arguments = unsafe argv
    return unsafe runFuzzerDriver(&count, &arguments, fuzzOneInput)
}

#else

@main
struct FuzzReplay {
    static func main() {
        let arguments = CommandLine.arguments.dropFirst()
        if arguments.first == "--list" || arguments.isEmpty {
            for target in FuzzTargets.all { print(target.name) }
            return
        }
        guard let name = arguments.first, let target = FuzzTargets.named(name) else {
            FileHandle.standardError.write(Data("unknown target; --list shows them\n".utf8))
            exit(2)
        }
        for path in arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("cannot read \(path)\n".utf8))
                exit(1)
            }
            target.run([UInt8](data))
            print("ok \(path)")
        }
    }
}

#endif
