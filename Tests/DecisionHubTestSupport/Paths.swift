import Foundation

/// The checkout this test runs in (three folders above this file).
public let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The built `decision-hub` binary, for tests that need a second process.
public var hubBinary: String {
    let candidates = [".build/debug/decision-hub", ".build/release/decision-hub"].map { repoRoot.appendingPathComponent($0).path }
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
}

/// A fresh folder for one test, removed when the test's value goes away.
public final class TempDir: @unchecked Sendable {
    // @unchecked: immutable after init.
    public let url: URL
    public init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("dh-test-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    deinit { try? FileManager.default.removeItem(at: url) }
}
