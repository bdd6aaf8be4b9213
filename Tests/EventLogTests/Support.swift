import CommandModel
import EventLog
import Foundation
import Testing

let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The built `decision-hub` binary, for tests that need a second process.
var hubBinary: String {
    let candidates = [".build/debug/decision-hub", ".build/release/decision-hub"].map { repoRoot.appendingPathComponent($0).path }
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
}

/// A fresh folder for one test, removed when the test's value goes away.
final class TempDir {
    let url: URL
    init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("dh-test-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    deinit { try? FileManager.default.removeItem(at: url) }
}

/// A data folder for the binary's default store in tests, shared by this test process.
let testDataHome = FileManager.default.temporaryDirectory.appendingPathComponent("dh-test-data-\(ProcessInfo.processInfo.processIdentifier)").path

struct ProcessResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs the hub binary to completion.
@discardableResult
func runHub(_ args: [String], env: [String: String] = [:]) throws -> ProcessResult {
    try runProcess(hubBinary, args, env: env)
}

/// Runs a program to completion with the hub's test environment.
@discardableResult
func runProcess(_ program: String, _ args: [String], env: [String: String] = [:]) throws -> ProcessResult {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: program)
    p.arguments = args
    var environment = ProcessInfo.processInfo.environment
    environment["LANG"] = "C.UTF-8"
    environment["DECISION_HUB_RESOURCES"] = repoRoot.appendingPathComponent("Resources").path
    // Never the user's own default store (a refusal is recorded on it).
    environment["XDG_DATA_HOME"] = testDataHome
    for (k, v) in env { environment[k] = v }
    p.environment = environment
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return ProcessResult(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
}

/// Runs sqlite3 on a file (the plain tool, as an auditor or an attacker would).
@discardableResult
func sqlite(_ path: String, _ sql: String) throws -> String {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
    p.arguments = [path, sql]
    let out = Pipe()
    p.standardOutput = out
    p.standardError = out
    try p.run()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return String(decoding: o, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
}

let t0 = Date(timeIntervalSince1970: 1_785_000_000)

/// A counter clock and id source, so tests are deterministic.
final class FixedIDs: @unchecked Sendable {
    private var n = 0
    func next() -> String {
        n += 1
        return "id-\(n)"
    }
}
