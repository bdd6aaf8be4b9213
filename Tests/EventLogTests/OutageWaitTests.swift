import CommandModel
import Foundation
import GRDB
import Testing

@testable import EventLog

/// Doors that run until stopped (a watched CAP folder, a followed feed) wait out a store that
/// is busy or cannot be reached, and try the same work again; what waiting cannot mend ends them.
@Suite("Waiting out a store outage")
struct OutageWaitTests {
    final class Said: @unchecked Sendable {
        // @unchecked: used from the test's own thread only.
        var lines: [Bilingual] = []
        var pauses: [TimeInterval] = []
    }

    @Test func aPassingFailureIsTriedAgainWithLongerPausesAndTheRecoveryIsSaid() throws {
        let said = Said()
        var wait = OutageWait(say: { said.lines.append($0) }, sleep: { said.pauses.append($0) })
        var tries = 0
        let value = try wait.attempt(Bilingual("a.xml", "a.xml")) { () throws -> Int in
            tries += 1
            if tries <= 7 { throw ExecutionError.store(StoreError(.unreachable, path: "pg", Bilingual("server down", "服务器停止"))) }
            return 42
        }
        #expect(value == 42 && tries == 8)
        #expect(said.pauses == [0.5, 1, 2, 5, 10, 30, 30])
        #expect(said.lines.first?.en == "a.xml waits for the store (try 1): server down; trying again in 0.5 s")
        #expect(said.lines.first?.zh == "a.xml 等待事件库（第 1 次）：服务器停止；0.5 秒后重试")
        #expect(said.lines.last?.en == "the store answers again; a.xml done")
        #expect(wait.failures == 0)
        // The next failure starts from the shortest pause again.
        var again = 0
        _ = try wait.attempt(Bilingual("b", "b")) { () throws -> Int in
            again += 1
            if again == 1 { throw ExecutionError.contention(attempts: 5) }
            return 0
        }
        #expect(said.pauses.last == 0.5)
    }

    @Test(arguments: [
        ExecutionError.store(StoreError(.tampered, path: "s", Bilingual("edited", "被改"))),
        ExecutionError.store(StoreError(.readOnly, path: "s", Bilingual("read-only", "只读"))),
        ExecutionError.store(StoreError.closed("s")),
        ExecutionError.store(StoreError(.loginRefused, path: "pg", Bilingual("PostgreSQL refused the login", "拒绝登录"))),
        ExecutionError.store(StoreError(.io, path: "s", Bilingual("no such table: events", "无此表"))),
        ExecutionError.rejected(.noMap),
    ])
    func whatWaitingCannotMendEndsTheDoorAtOnce(error: ExecutionError) {
        let said = Said()
        var wait = OutageWait(say: { said.lines.append($0) }, sleep: { said.pauses.append($0) })
        var tries = 0
        // (A wrongly waited-out error gives up after three tries here, so the test fails
        // rather than hangs.)
        let ended = Result { () throws -> Void in
            try wait.attempt(Bilingual("x", "x")) { () throws -> Void in
                tries += 1
                if tries < 3 { throw error }
            }
        }
        #expect(throws: ExecutionError.self) { try ended.get() }
        #expect(tries == 1 && said.pauses.isEmpty && said.lines.isEmpty)
    }

    /// A real lock: another connection holds the store's write lock past the importer's busy
    /// timeout; the alert waits and is applied once the lock is let go, exactly once.
    @Test func anAlertWaitsOutAStoreLockedByAnotherWriter() throws {
        let dir = TempDir()
        let path = dir.path("s.sqlite")
        let r = Resources.shared
        _ = try SQLiteEventStore.create(path: path)
        let ledger = try Ledger(store: try SQLiteEventStore(path: path, busyTimeout: 0.2), plans: r.plans, grid: r.grid)
        ledger.places = r.places
        let file = dir.path("alert.xml")
        try CAPFixture.write("beijing-red-rainstorm", to: file, now: Date())
        let importer = CAPImport(ledger: ledger, operatorName: "cap", colours: capColours)

        let other = try DatabaseQueue(path: path)
        let held = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let failed = Said()
        let holder = Thread {
            do {
                try other.writeWithoutTransaction { db in
                    try db.execute(sql: "BEGIN IMMEDIATE")
                    held.signal()
                    _ = release.wait(timeout: .now() + 60)
                    try db.execute(sql: "ROLLBACK")
                }
            } catch {
                failed.lines.append(Bilingual("\(error)", "\(error)"))
                held.signal()
            }
        }
        holder.start()
        defer { release.signal() }
        guard held.wait(timeout: .now() + 30) == .success, failed.lines.isEmpty else {
            Issue.record("the other writer could not take the lock: \(failed.lines)")
            return
        }
        let said = Said()
        var wait = OutageWait(
            say: { said.lines.append($0) },
            sleep: { pause in
                said.pauses.append(pause)
                // The other writer lets go after the second refusal.
                if said.pauses.count == 2 { release.signal() }
                Thread.sleep(forTimeInterval: pause)
            })
        let outcome = try wait.attempt(Bilingual("alert.xml", "alert.xml")) { try importer.importFile(file) }
        guard case .applied = outcome.result else {
            Issue.record("not applied: \(outcome.result)")
            return
        }
        #expect(said.pauses == [0.5, 1])
        #expect(said.lines.first?.en.contains("stayed locked by another process") == true, "\(said.lines)")
        #expect(said.lines.last?.en == "the store answers again; alert.xml done")
        #expect(try ledger.store.head() > 0)
        #expect(ledger.state.warnings.count == 1, "applied once")
    }
}
