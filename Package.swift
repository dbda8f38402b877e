// swift-tools-version:6.0
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "ipdr",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "ipdr", targets: ["ipdr"]),
        .library(name: "Frames", targets: ["Frames"]),
        .library(name: "Language", targets: ["Language"]),
        .library(name: "Session", targets: ["Session"]),
        .library(name: "Shell", targets: ["Shell"]),
        .library(name: "Audit", targets: ["Audit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .target(
            name: "Frames",
            dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation"), "CCompression"],
            swiftSettings: strict
        ),
        .target(name: "Language", dependencies: ["Frames"], swiftSettings: strict),
        .target(
            name: "Audit",
            dependencies: ["Frames", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict
        ),
        .target(name: "Session", dependencies: ["Language", "Frames", "Audit"], swiftSettings: strict),
        .systemLibrary(
            name: "CCompression",
            providers: [.apt(["libzstd-dev", "libsnappy-dev", "liblz4-dev", "zlib1g-dev"])]
        ),
        .systemLibrary(name: "CLibEdit", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        .target(name: "Shell", dependencies: ["Session", "Language", "Frames", "CLibEdit"], swiftSettings: strict),
        .executableTarget(name: "ipdr", dependencies: ["Shell", "Session", "Language", "Audit"], swiftSettings: strict),
        .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: strict),
        .testTarget(name: "FramesTests", dependencies: ["Frames", "TestSupport"], exclude: ["fixtures"], swiftSettings: strict),
        .testTarget(name: "LanguageTests", dependencies: ["Language", "Frames", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "SessionTests", dependencies: ["Session", "Audit"], swiftSettings: strict),
        .testTarget(name: "AuditTests", dependencies: ["Audit", "Frames", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "ShellTests", dependencies: ["Shell", "TestSupport"], swiftSettings: strict),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["ipdr", "Audit"],
            exclude: ["golden"],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
