// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "decision-hub",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "decision-hub", targets: ["decision-hub"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CNcurses",
            providers: [.apt(["libncurses-dev"])]
        ),
        .target(
            name: "CommandModel",
            dependencies: [.product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "EventLog",
            dependencies: [
                "CommandModel",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        .target(
            name: "ConsoleUI",
            dependencies: ["CommandModel", "CNcurses"]
        ),
        .executableTarget(
            name: "decision-hub",
            dependencies: [
                "CommandModel", "EventLog", "ConsoleUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Helpers every test target shares: processes, temporary folders, the golden store,
        // the in-memory terminal and screen snapshots. Not part of the product.
        .target(
            name: "DecisionHubTestSupport",
            dependencies: ["CommandModel", "EventLog", "ConsoleUI"],
            path: "Tests/DecisionHubTestSupport"
        ),
        .testTarget(
            name: "CommandModelTests",
            dependencies: [
                "CommandModel",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "EventLogTests",
            dependencies: [
                "EventLog", "CommandModel", "DecisionHubTestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        .testTarget(
            name: "ConsoleUITests",
            dependencies: ["ConsoleUI", "CommandModel", "EventLog", "DecisionHubTestSupport", .product(name: "PropertyBased", package: "swift-property-based")], exclude: ["Snapshots"]),
    ],
    swiftLanguageModes: [.v6]
)
