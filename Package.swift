// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Kensaku",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "Kensaku", targets: ["Kensaku"]),
        .library(name: "KensakuServer", targets: ["KensakuServer"]),
        .executable(name: "kensaku", targets: ["kensaku"]),
        .executable(name: "kensaku-server", targets: ["kensaku-server"]),
        .executable(name: "kensaku-bench", targets: ["kensaku-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", from: "0.12.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
    ],
    targets: [
        // The only code that includes ICU headers; exposes plain C types to Swift.
        .target(
            name: "CICU",
            linkerSettings: [.linkedLibrary("icuuc"), .linkedLibrary("icudata")]
        ),
        // System SQLite, used only by the benchmark's FTS5 baseline.
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3"),
        .target(name: "Kensaku", dependencies: ["CICU"]),
        .target(
            name: "KensakuServer",
            dependencies: [
                "Kensaku",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            ],
            resources: [.embedInCode("Resources/index.html"), .embedInCode("Resources/openapi.yaml")]
        ),
        .target(
            name: "KensakuMCP",
            dependencies: ["Kensaku", .product(name: "MCP", package: "swift-sdk")]
        ),
        // What both executables share: index options, stderr notes, grep's exit codes.
        .target(
            name: "KensakuCLI",
            dependencies: ["Kensaku", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // Lookups, indexing, inspection: no server library, and in release builds the Swift
        // runtime and Foundation linked statically (with the static Foundation's own libraries,
        // which `-static-stdlib` alone does not name), so a script's `kensaku search` starts fast
        // (README, "A lean start for scripts").
        .executableTarget(
            name: "kensaku",
            dependencies: [
                "Kensaku", "KensakuCLI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            linkerSettings: [.unsafeFlags([
                "-static-stdlib", "-Xlinker", "--start-group",
                "-Xlinker", "-lFoundation", "-Xlinker", "-lFoundationEssentials", "-Xlinker", "-lFoundationInternationalization",
                "-Xlinker", "-lCoreFoundation", "-Xlinker", "-l_FoundationICU", "-Xlinker", "-l_FoundationCShims",
                "-Xlinker", "-l_FoundationCollections", "-Xlinker", "-lswiftSynchronization", "-Xlinker", "--end-group",
            ], .when(platforms: [.linux], configuration: .release))]
        ),
        // `serve` and `mcp`, which `kensaku serve` and `kensaku mcp` run.
        .executableTarget(
            name: "kensaku-server",
            dependencies: [
                "Kensaku", "KensakuCLI", "KensakuServer", "KensakuMCP",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "kensaku-bench", dependencies: ["Kensaku", "CSQLite"]),
        .testTarget(name: "KensakuTests", dependencies: ["Kensaku"]),
        .testTarget(
            name: "KensakuServerTests",
            dependencies: [
                "KensakuServer", "KensakuMCP",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
    ]
)
