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
        .executableTarget(
            name: "StegCarveBenchmark",
            dependencies: [.product(name: "StegCarve", package: "StegCarve")],
            swiftSettings: [.treatAllWarnings(as: .error)]
        ),
    ]
)
