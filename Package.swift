// swift-tools-version:6.1
import Foundation
import PackageDescription

/// The release executable's C libraries from their static archives (SQLite, ncurses and its
/// terminfo, libstdc++), so the loader maps glibc alone at start: five shared libraries mapped
/// and relocated were a tenth of an `exec` (docs/DECISIONS.md). `tools/static-libs` holds links
/// to Debian's archives (x86-64) and comes first in the linker's search path, so GRDB's
/// `-lsqlite3` and our `-lncursesw` find the archive. Only where all four are there: elsewhere
/// the executable links the shared libraries, as the debug build always does.
let staticCLibraries: [LinkerSetting] = {
    #if os(Linux) && arch(x86_64)
        let folder = Context.packageDirectory + "/tools/static-libs/x86_64-linux-gnu"
        let archives = ["libsqlite3.a", "libncursesw.a", "libtinfo.a", "libstdc++.a"]
        guard archives.allSatisfy({ FileManager.default.fileExists(atPath: folder + "/" + $0) }) else { return [] }
        return [.unsafeFlags(["-L", folder, "-Xlinker", "-ltinfo"], .when(platforms: [.linux], configuration: .release))]
    #else
        return []
    #endif
}()

/// The Swift runtime and Foundation linked into the program on Linux: a short-lived `exec` (a
/// script's loop, a feed's line) then starts without the dynamic loader resolving a dozen large
/// shared libraries, a third of an `exec` call before (see BENCHMARKS.md). SwiftPM's
/// `--static-swift-stdlib` alone leaves Foundation's own dependencies unlinked with this
/// toolchain (Swift 6.3 on Linux), so they are named here, in dependency order. Linked by the
/// toolchain's lld: gold repeats glibc's link-time notes on Foundation's objects as warnings.
let staticRuntime: [LinkerSetting] = [
    .unsafeFlags(
        ["-static-stdlib", "-use-ld=lld"]
            + [
                "Foundation", "FoundationInternationalization", "FoundationEssentials", "CoreFoundation", "_FoundationICU", "_FoundationCollections", "_FoundationCShims",
                "dispatch", "BlocksRuntime", "stdc++",
            ].flatMap { ["-Xlinker", "-l\($0)"] },
        .when(platforms: [.linux])),
    // A release executable at a fixed address that exports no symbols: the loader went through
    // 130,900 relocations and 46,569 exported symbols at every start (docs/DECISIONS.md).
    .unsafeFlags(["-Xclang-linker", "-no-pie", "-Xlinker", "--no-export-dynamic"], .when(platforms: [.linux], configuration: .release)),
] + staticCLibraries


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
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
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
            ],
            linkerSettings: staticRuntime
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
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "ConsoleUITests",
            dependencies: ["ConsoleUI", "CommandModel", "EventLog", "DecisionHubTestSupport", .product(name: "PropertyBased", package: "swift-property-based")], exclude: ["Snapshots"]),
    ],
    swiftLanguageModes: [.v6]
)
