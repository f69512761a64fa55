// swift-tools-version: 6.2
// Throughput benchmarks for StegCarve, kept out of the main build.
import PackageDescription

let package = Package(
    name: "StegCarveBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "StegCarve", path: ".."),
    ],
    targets: [
        // libpng called directly: writes the synthetic photos, and plain decoding is the
        // reference the stego sweep is measured against.
        .systemLibrary(
            name: "CBenchmarkPNG",
            pkgConfig: "libpng",
            providers: [.apt(["libpng-dev"]), .brew(["libpng"])]
        ),
        .executableTarget(
            name: "StegCarveBenchmark",
            dependencies: [.product(name: "StegCarve", package: "StegCarve"), "CBenchmarkPNG"],
            swiftSettings: [.treatAllWarnings(as: .error)]
        ),
    ]
)
