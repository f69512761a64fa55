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
        // libpng and libjpeg called directly: they write the synthetic photos, and their plain
        // decoding is the reference the stego stage is measured against.
        .systemLibrary(
            name: "CBenchmarkPNG",
            pkgConfig: "libpng",
            providers: [.apt(["libpng-dev"]), .brew(["libpng"])]
        ),
        .systemLibrary(
            name: "CBenchmarkJPEG",
            pkgConfig: "libjpeg",
            providers: [.apt(["libjpeg-dev"]), .brew(["jpeg-turbo"])]
        ),
        .executableTarget(
            name: "StegCarveBenchmark",
            dependencies: [.product(name: "StegCarve", package: "StegCarve"), "CBenchmarkPNG", "CBenchmarkJPEG"],
            swiftSettings: [.treatAllWarnings(as: .error)]
        ),
    ]
)
