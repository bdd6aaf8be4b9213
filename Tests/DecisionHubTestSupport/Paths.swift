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

    /// Writes a script another process will run, and returns its path. The file is opened
    /// close-on-exec: a process another test starts meanwhile must not inherit it open for
    /// writing, or running the script fails with "Text file busy" while that process lives
    /// (Foundation's atomic write uses `mkstemp`, whose descriptor every spawn inherits).
    public func executable(_ name: String, _ text: String) throws -> String {
        let path = path(name)
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        return path
    }
    deinit { try? FileManager.default.removeItem(at: url) }
}
