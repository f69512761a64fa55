import Foundation

/// Finds the `stegcarve` executable that `swift build` put next to the test bundle.
public enum BinaryLocator {
    /// `.build/<config>/stegcarve`, from the running test process's own path.
    public static var stegcarve: URL {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var directory = executable.deletingLastPathComponent()
        // On Linux the test runner is .build/<config>/<Package>PackageTests.xctest.
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("stegcarve")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("stegcarve")
    }
}
