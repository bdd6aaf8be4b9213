import CommandModel
import DecisionHubTestSupport
import Foundation
import Synchronization
import Testing

@testable import EventLog

#if canImport(Glibc)
    import Glibc
#endif

/// A PostgreSQL server killed (as a crash would) and started again in the middle of a burst of
/// appends, on a throwaway cluster of the test's own (the shared one serves tests running
/// beside it): nothing acknowledged is lost, and the same ledger carries on once the server is
/// back, reconnecting by itself.
@Suite("PostgreSQL restarted under a writer")
struct PostgresRestartTests {
    /// The server's programs, if this machine has them (`.ci/run` installs them).
    static let serverBinaries: String? = {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).sorted()
        return versions.last.map { "\(root)/\($0)/bin" }.flatMap { FileManager.default.fileExists(atPath: $0 + "/pg_ctl") ? $0 : nil }
    }()

    /// Runs `.ci/postgres ACTION DIR` through the shell and waits for the script alone: the
    /// server it starts outlives it (Foundation's `Process` would wait for that too).
    static func cluster(_ action: String, _ dir: String) -> (status: Int32, output: String) {
        let out = dir + "/." + action + ".out"
        let status = system("cd '\(repoRoot.path)' && bash .ci/postgres \(action) '\(dir)' >'\(out)' 2>&1 </dev/null")
        return (status, (try? String(contentsOfFile: out, encoding: .utf8)) ?? "")
    }

    @Test func aRestartInABurstLosesNothingAcknowledgedAndTheLedgerReconnects() throws {
        guard Self.serverBinaries != nil else {
            if TestPostgres.inCI { Issue.record("CI is set but PostgreSQL's server is not installed: the restart test would go untested") }
            return
        }
        // A folder the server's account (nobody, when the tests run as root) can use.
        let dir = "/tmp/dh-pg-restart-" + UUID().uuidString.prefix(8).lowercased()
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o755])
        defer {
            _ = Self.cluster("stop", dir)
            try? FileManager.default.removeItem(atPath: dir)
        }
        let started = Self.cluster("start", dir)
        #expect(started.status == 0, "\(started.output)")
        let base = try #require(started.output.split(separator: "\n").last.map(String.init))
        let url = base + "&centre=restart"
        let store = try PostgresEventStore.create(url: PostgresStoreURL.parse(url), signingKey: .none)
        let ledger = try Ledger(store: store)

        let t0 = Date(timeIntervalSince1970: 1_785_000_000)
        var acknowledged: [String] = []
        var failures = 0
        // The server is killed and started again from another thread while this one appends.
        let restart = Mutex<(began: Bool, done: Bool, status: Int32, output: String)>((false, false, 0, ""))
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: 0.5)
            restart.withLock { $0.began = true }
            let r = Self.cluster("restart", dir)
            restart.withLock { $0 = (true, true, r.status, r.output) }
        }
        var i = 0
        var before = 0, after = 0
        while after < 40 {
            let phase = restart.withLock { ($0.began, $0.done) }
            let deadline = Date().addingTimeInterval(30)
            while true {
                do {
                    let recorded = try ledger.execute(
                        [.incident(.report(NewIncident(type: .fire, title: "burst \(i)", place: .cell(Cell(x: 10, y: 10)), reporter: "feed")))], operatorName: "feed",
                        now: { t0.addingTimeInterval(Double(i)) })
                    acknowledged += recorded.map(\.id)
                    break
                } catch {
                    // What a console does: say so, and try again when the server is back.
                    failures += 1
                    #expect(Date() < deadline, "the ledger did not reconnect within 30 s: \(error)")
                    if Date() >= deadline { return }
                    Thread.sleep(forTimeInterval: 0.05)
                }
            }
            if !phase.0 { before += 1 }
            if phase.1 { after += 1 }
            i += 1
        }
        let r = restart.withLock { $0 }
        #expect(r.status == 0, "\(r.output)")
        // Appends before the server died, and after it was back, on the same ledger.
        #expect(before > 0 && after == 40, "before \(before), after \(after), \(failures) refused while it was down")
        // Every acknowledged event is on the record, in a chain that verifies, read by a new
        // connection as well as by the reconnected one.
        let again = try PostgresEventStore(url, signingKey: .none)
        let ids = Set(try again.events(after: 0, limit: 10_000).map(\.id))
        #expect(acknowledged.count == i)
        #expect(Set(acknowledged).isSubset(of: ids), "acknowledged but lost: \(Set(acknowledged).subtracting(ids).count)")
        #expect(try again.verify { _, _ in }.ok)
        #expect(try ledger.store.position().log == Int64(ids.count))
    }
}
