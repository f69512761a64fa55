// swift-tools-version: 6.2
// StegCarve: find, carve and label payloads hidden in image files.
import PackageDescription

/// Every Swift target builds in Swift 6 mode with strict memory safety and no warnings.
let strictSettings: [SwiftSetting] = [
    .enableExperimentalFeature("Lifetimes"),
    .strictMemorySafety(),
    .treatAllWarnings(as: .error),
]

let package = Package(
    name: "StegCarve",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "StegCarve", targets: ["StegCarve"]),
        .executable(name: "stegcarve", targets: ["stegcarve"]),
    ],
    traits: [
        // Off by default so the default build needs no libyara; `swift build --traits YARA`.
        .trait(name: "YARA", description: "Match YARA rules (bundled and --rules) through libyara (apt libyara-dev, brew yara)."),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
    ],
    targets: [
        // MARK: C edge: system libraries and the shim that owns setjmp.
        .systemLibrary(
            name: "CLibJPEG",
            path: "Sources/CSystem/CLibJPEG",
            pkgConfig: "libjpeg",
            providers: [.apt(["libjpeg-dev"]), .brew(["jpeg-turbo"])]
        ),
        .systemLibrary(
            name: "CLibPNG",
            path: "Sources/CSystem/CLibPNG",
            pkgConfig: "libpng",
            providers: [.apt(["libpng-dev"]), .brew(["libpng"])]
        ),
        .systemLibrary(
            name: "CLibTIFF",
            path: "Sources/CSystem/CLibTIFF",
            pkgConfig: "libtiff-4",
            providers: [.apt(["libtiff-dev"]), .brew(["libtiff"])]
        ),
        .systemLibrary(
            name: "CLibWebP",
            path: "Sources/CSystem/CLibWebP",
            pkgConfig: "libwebp",
            providers: [.apt(["libwebp-dev"]), .brew(["webp"])]
        ),
        .systemLibrary(
            name: "CZlib",
            path: "Sources/CSystem/CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        .systemLibrary(
            name: "CLZMA",
            path: "Sources/CSystem/CLZMA",
            pkgConfig: "liblzma",
            providers: [.apt(["liblzma-dev"]), .brew(["xz"])]
        ),
        // Debian's libbz2-dev ships no pkg-config file; the module map links `bz2` directly.
        .systemLibrary(
            name: "CBZip2",
            path: "Sources/CSystem/CBZip2",
            providers: [.apt(["libbz2-dev"]), .brew(["bzip2"])]
        ),
        .systemLibrary(
            name: "CZstd",
            path: "Sources/CSystem/CZstd",
            pkgConfig: "libzstd",
            providers: [.apt(["libzstd-dev"]), .brew(["zstd"])]
        ),
        // ssdeep; Debian's libfuzzy-dev ships no pkg-config file, the module map links `fuzzy`.
        .systemLibrary(
            name: "CFuzzy",
            path: "Sources/CSystem/CFuzzy",
            providers: [.apt(["libfuzzy-dev"]), .brew(["ssdeep"])]
        ),
        // TLSH: libtlsh is C++ only; one C function wraps its `Tlsh` class.
        .target(
            name: "CTLSHShim",
            path: "Sources/CSystem/CTLSHShim",
            linkerSettings: [.linkedLibrary("tlsh")]
        ),
        .systemLibrary(
            name: "CYARA",
            path: "Sources/CSystem/CYARA",
            pkgConfig: "yara",
            providers: [.apt(["libyara-dev"]), .brew(["yara"])]
        ),
        // Compiles to stubs unless the YARA trait is on (then it includes and links libyara).
        .target(
            name: "CYARAShim",
            dependencies: [.target(name: "CYARA", condition: .when(traits: ["YARA"]))],
            path: "Sources/CSystem/CYARAShim",
            cSettings: [.define("STEGCARVE_YARA", .when(traits: ["YARA"]))]
        ),
        // Sweep state database (`--state`).
        .systemLibrary(
            name: "CSQLite",
            path: "Sources/CSystem/CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]
        ),
        .target(
            name: "CStegCarveShim",
            dependencies: ["CLibJPEG", "CLibPNG", "CLibTIFF", "CLibWebP"],
            path: "Sources/CSystem/CStegCarveShim"
        ),

        /// The SIGBUS guard for memory-mapped input (a file truncated while mapped must not
        /// kill the process).
        .target(name: "CStegCarveMapping", path: "Sources/CSystem/CStegCarveMapping"),

        // MARK: Swift modules, one responsibility each.
        /// The only module that names Glibc or Darwin: the C library, re-exported, and the calls
        /// whose spelling differs between Linux and macOS (a test keeps the rest out).
        .target(name: "StegCarvePlatform", swiftSettings: strictSettings),
        .target(
            name: "StegCarveBytes",
            dependencies: ["StegCarvePlatform", "CStegCarveMapping", .product(name: "SystemPackage", package: "swift-system")],
            swiftSettings: strictSettings
        ),
        /// The report's value types, shared by every stage and re-exported by StegCarve.
        .target(name: "StegCarveModel", swiftSettings: strictSettings),
        /// State that threads share, behind a lock ThreadSanitizer understands.
        .target(name: "StegCarveSync", dependencies: ["StegCarvePlatform"], swiftSettings: strictSettings),
        /// zlib, liblzma, libbz2 and libzstd behind one bounded decode interface.
        .target(
            name: "StegCarveDecompression",
            dependencies: ["StegCarveBytes", "CZlib", "CLZMA", "CBZip2", "CZstd"],
            swiftSettings: strictSettings
        ),
        // CRC-32 with carry-less multiplication where the CPU has it (every PNG chunk's CRC).
        .target(
            name: "CStegCarveCRC",
            path: "Sources/CSystem/CStegCarveCRC",
            linkerSettings: [.linkedLibrary("z")]
        ),
        .target(
            name: "StegCarveImages",
            dependencies: [
                "StegCarveBytes", "StegCarveModel", "StegCarveDecompression", "CStegCarveShim", "CStegCarveCRC", "CZlib",
                .product(name: "Crypto", package: "swift-crypto"),  // MD5: the Extended XMP GUID
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "StegCarveCarving",
            dependencies: ["StegCarveBytes", "StegCarveModel", "StegCarveDecompression"],
            swiftSettings: strictSettings
        ),
        /// Pixel-level steganography: bit-plane extraction, carving, statistical detectors.
        .target(
            name: "StegCarveStego",
            dependencies: ["StegCarvePlatform", "StegCarveBytes", "StegCarveModel", "StegCarveImages", "StegCarveCarving"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "StegCarveLabeling",
            dependencies: [
                "StegCarveBytes", "StegCarveModel", "StegCarveCarving", "CFuzzy", "CTLSHShim",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        /// YARA rules through libyara: compiled once, matched from any thread; the bundled rules.
        .target(
            name: "StegCarveYARA",
            dependencies: ["StegCarveBytes", "StegCarveModel", "StegCarveLabeling", "CYARAShim"],
            resources: [.embedInCode("Rules/stegcarve.yar")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "StegCarve",
            dependencies: [
                "StegCarvePlatform", "StegCarveBytes", "StegCarveModel", "StegCarveImages", "StegCarveCarving", "StegCarveLabeling",
                "StegCarveStego",
                .target(name: "StegCarveYARA", condition: .when(traits: ["YARA"])),
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            swiftSettings: strictSettings
        ),
        /// Reports for tools and people: the STIX 2.1 bundle and the offline HTML page.
        .target(
            name: "StegCarveReports",
            dependencies: [
                "StegCarve", "StegCarvePlatform", "StegCarveBytes", "StegCarveImages", "StegCarveLabeling", "StegCarveSync", "CZlib",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            swiftSettings: strictSettings
        ),
        /// Sweeps at scale: the SQLite state store, sharding, selection, file watching.
        .target(
            name: "StegCarveSweep",
            dependencies: [
                "CSQLite", "StegCarvePlatform", "StegCarveSync",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "stegcarve",
            dependencies: [
                "StegCarve", "StegCarvePlatform", "StegCarveReports", "StegCarveSweep", "StegCarveSync",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),

        // MARK: Fuzzing (issue 8): one target per decoder, handler, codec and transform, plus
        // the scanner; `stegcarve-fuzz` is a replay tool normally and libFuzzer's driver when
        // built by Scripts/fuzz.
        .target(
            name: "StegCarveFuzzTargets",
            dependencies: ["StegCarve", "StegCarveBytes", "StegCarveImages", "StegCarveCarving", "StegCarveStego"],
            path: "Fuzzing/Targets",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "stegcarve-fuzz",
            dependencies: ["StegCarveFuzzTargets"],
            path: "Fuzzing/Driver",
            swiftSettings: strictSettings
        ),

        // MARK: Tests.
        .target(
            name: "TestSupport",
            dependencies: ["CZlib", "CLZMA", "CBZip2", "CZstd", "StegCarveSync"],
            path: "Tests/TestSupport",
            swiftSettings: strictSettings
        ),
        .testTarget(name: "StegCarveBytesTests", dependencies: ["StegCarveBytes", "StegCarvePlatform", "TestSupport"], swiftSettings: strictSettings),
        .testTarget(name: "StegCarveImagesTests", dependencies: ["StegCarveImages", "StegCarveModel", "TestSupport"], swiftSettings: strictSettings),
        .testTarget(name: "StegCarveCarvingTests", dependencies: ["StegCarveCarving", "TestSupport"], swiftSettings: strictSettings),
        .testTarget(name: "StegCarveStegoTests", dependencies: ["StegCarveStego", "StegCarveImages", "StegCarveCarving", "TestSupport"], swiftSettings: strictSettings),
        .testTarget(name: "StegCarveLabelingTests", dependencies: ["StegCarveLabeling", "StegCarveModel", "TestSupport"], swiftSettings: strictSettings),
        .testTarget(name: "StegCarveTests", dependencies: ["StegCarve", "StegCarvePlatform", "TestSupport"], swiftSettings: strictSettings),
        .testTarget(name: "StegCarveReportsTests", dependencies: ["StegCarveReports", "StegCarve", "StegCarvePlatform", "StegCarveImages", "TestSupport"], swiftSettings: strictSettings),
        // Compiled with content only under the YARA trait (`#if YARA`).
        .testTarget(
            name: "StegCarveYARATests",
            dependencies: ["StegCarve", "stegcarve", "TestSupport", "StegCarveSync", .target(name: "StegCarveYARA", condition: .when(traits: ["YARA"]))],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "StegCarveSyncTests", dependencies: ["StegCarveSync"], swiftSettings: strictSettings),
        // The platform boundary: no other file names Glibc or Darwin.
        .testTarget(name: "StegCarvePlatformTests", dependencies: ["StegCarvePlatform"], swiftSettings: strictSettings),
        .testTarget(name: "StegCarveSweepTests", dependencies: ["StegCarveSweep", "StegCarvePlatform", "TestSupport"], swiftSettings: strictSettings),
        .testTarget(name: "StegCarveFuzzTests", dependencies: ["StegCarveFuzzTargets", "TestSupport"], swiftSettings: strictSettings),
        .testTarget(name: "StegCarveCLITests", dependencies: ["stegcarve", "StegCarvePlatform", "TestSupport", "StegCarveSync"], swiftSettings: strictSettings),
    ]
)
