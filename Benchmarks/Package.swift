// swift-tools-version: 6.2
// Throughput benchmarks for StegCarve, kept out of the main build.
import PackageDescription

let package = Package(
    name: "StegCarveBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "StegCarve", path: ".."),
        // Already in the graph through StegCarve: the SHA-256 bound per core.
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
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
        // libtiff and libwebp: the TIFF and lossless WebP photos, and their plain decoding.
        .systemLibrary(
            name: "CBenchmarkTIFF",
            pkgConfig: "libtiff-4",
            providers: [.apt(["libtiff-dev"]), .brew(["libtiff"])]
        ),
        .systemLibrary(
            name: "CBenchmarkWebP",
            pkgConfig: "libwebp",
            providers: [.apt(["libwebp-dev"]), .brew(["webp"])]
        ),
        // zlib's deflate and crc32: the sweep benchmark's PNGs, written in libpng's layout.
        .systemLibrary(
            name: "CBenchmarkZlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        .executableTarget(
            name: "StegCarveBenchmark",
            dependencies: [
                .product(name: "StegCarve", package: "StegCarve"),
                .product(name: "Crypto", package: "swift-crypto"),
                "CBenchmarkPNG", "CBenchmarkJPEG", "CBenchmarkTIFF", "CBenchmarkWebP", "CBenchmarkZlib",
            ],
            swiftSettings: [.treatAllWarnings(as: .error)]
        ),
    ]
)
