// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Wijkbeeld",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "Wijkbeeld", targets: ["Wijkbeeld"]),
        .executable(name: "wijkbeeld", targets: ["wijkbeeld"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.0"..<"5.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        .target(
            name: "Wijkbeeld",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "GRDB", package: "GRDB.swift"),
                "CGLPK",
            ],
            // Release builds skip the run-time exclusivity checks: on the hot paths (the CSV reader's
            // fields, the scan parts) they cost about 10 % of the national run. Debug builds and the
            // tests keep them.
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]
        ),
        // GLPK's simplex (Debian's libglpk-dev), for the joint interval audit of disclosure control.
        .systemLibrary(name: "CGLPK", path: "Sources/CGLPK", providers: [.apt(["libglpk-dev"])]),
        .executableTarget(
            name: "wijkbeeld",
            dependencies: [
                "Wijkbeeld",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "WijkbeeldTests",
            dependencies: ["Wijkbeeld", .product(name: "Yams", package: "Yams")]
        ),
    ]
)
