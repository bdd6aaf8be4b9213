import Foundation

/// What a finished process printed, and how it ended.
public struct ProcessResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// A data folder for the binary's default store in tests, shared by this test process: never
/// the user's own default store (a refusal is recorded on it).
public let testDataHome = FileManager.default.temporaryDirectory.appendingPathComponent("dh-test-data-\(ProcessInfo.processInfo.processIdentifier)").path

/// Runs the hub binary to completion.
@discardableResult
public func runHub(_ args: [String], env: [String: String] = [:], input: String? = nil) throws -> ProcessResult {
    try runProcess(hubBinary, args, env: env, input: input)
}

/// Runs a program to completion with the hub's test environment (UTF-8, the checkout's
/// resources), plus `env`.
@discardableResult
public func runProcess(_ program: String, _ args: [String], env: [String: String] = [:], directory: URL = repoRoot, input: String? = nil) throws -> ProcessResult {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: program)
    p.currentDirectoryURL = directory
    p.arguments = args
    var environment = ProcessInfo.processInfo.environment
    environment["LANG"] = "C.UTF-8"
    environment["DECISION_HUB_RESOURCES"] = repoRoot.appendingPathComponent("Resources").path
    environment["XDG_DATA_HOME"] = testDataHome
    for (k, v) in env { environment[k] = v }
    p.environment = environment
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    let feed = Pipe()
    if input != nil { p.standardInput = feed }
    try p.run()
    if let input {
        // Written before reading the answers: fine for the small inputs tests give.
        feed.fileHandleForWriting.write(Data(input.utf8))
        try feed.fileHandleForWriting.close()
    }
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return ProcessResult(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
}

/// Runs sqlite3 on a file (the plain tool, as an auditor or an attacker would).
@discardableResult
/// `waitingForLock: false` for a probe that must see "database is locked" at once.
public func sqlite(_ path: String, _ sql: String, waitingForLock: Bool = true) throws -> String {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
    // Wait for another process's write lock (a runner still finishing) instead of failing at
    // once with "database is locked", which would leave the edit undone without a word.
    p.arguments = waitingForLock ? ["-cmd", ".timeout 10000", path, sql] : [path, sql]
    let out = Pipe()
    p.standardOutput = out
    p.standardError = out
    try p.run()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return String(decoding: o, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
}
