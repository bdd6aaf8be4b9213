import CommandModel
import Foundation
import Testing

@testable import EventLog

/// What is particular to PostgreSQL: the URL, its password, the environment's failures, and
/// copying a store between the engines.
@Suite("The PostgreSQL store's URL and environment")
struct PostgresURLTests {
    @Test func aURLNamesTheCentreSchemaAndSocket() throws {
        let u = try PostgresStoreURL.parse("postgresql://dh@/hub?host=/tmp/pg&centre=beijing", environment: [:])
        #expect(u.user == "dh" && u.database == "hub" && u.centre == "beijing" && u.schema == "dh_beijing")
        #expect(u.socketPath == "/tmp/pg/.s.PGSQL.5432")
        let tcp = try PostgresStoreURL.parse("postgres://ops@10.0.0.5:6432/city?centre=tianjin", environment: [:])
        #expect(tcp.host == "10.0.0.5" && tcp.port == 6432 && tcp.socketPath == nil)
        #expect(tcp.redacted == "postgresql://ops@10.0.0.5:6432/city?centre=tianjin")
    }

    @Test func aPasswordNeverAppearsInTheLocationOrAnError() throws {
        let u = try PostgresStoreURL.parse("postgresql://ops:s3cret-pw@10.0.0.5/city?centre=hebei", environment: [:])
        #expect(u.passwordInURL)
        #expect(!u.redacted.contains("s3cret-pw"))
        #expect(!"\(u)".contains("s3cret-pw") && !String(reflecting: u).contains("s3cret-pw"))
        let fromEnv = try PostgresStoreURL.parse("postgresql://ops@10.0.0.5/city?centre=hebei", environment: ["PGPASSWORD": "s3cret-pw"])
        #expect(!fromEnv.passwordInURL && fromEnv.password == "s3cret-pw")
        do {
            _ = try PostgresStoreURL.parse("postgresql://ops:s3cret-pw@10.0.0.5/city", environment: [:])
            Issue.record("a URL without a centre was accepted")
        } catch {
            #expect(!error.message.en.contains("s3cret-pw") && !error.message.zh.contains("s3cret-pw") && !error.path.contains("s3cret-pw"))
            #expect(error.message.en.contains("?centre=") && error.message.zh.contains("中心"))
        }
        // Unreachable: nothing listens on this socket; the message says what to do, in both
        // languages, without the password.
        let dir = TempDir()
        do {
            _ = try PostgresEventStore("postgresql://ops:s3cret-pw@/hub?host=\(dir.path("none"))&centre=beijing")
            Issue.record("a store opened with no server")
        } catch {
            #expect(error.kind == .unreachable)
            #expect(!error.message.en.contains("s3cret-pw") && !error.message.zh.contains("s3cret-pw"))
            #expect(error.message.en.contains("Check that the server runs") && error.message.zh.contains("服务器"))
        }
    }

    @Test(arguments: ["postgresql://dh@/hub?host=/tmp&centre=Bei-jing", "postgresql://dh@/hub?host=/tmp&centre=1x", "postgresql://dh@/?centre=beijing", "postgresql://dh@/hub?centre=b&x=1"])
    func badURLsAreRefusedSayingWhatToWrite(url: String) {
        #expect(throws: StoreError.self) { try PostgresStoreURL.parse(url, environment: [:]) }
    }
}

@Suite("The PostgreSQL store", .disabled(if: TestPostgres.isMissing, TestPostgres.skipped))
struct PostgresStoreTests {
    @Test func aMissingCentreSaysHowToCreateIt() throws {
        let url = try #require(TestPostgres.freshURL("missing"))
        do {
            _ = try PostgresEventStore(url)
            Issue.record("a missing schema opened")
        } catch {
            #expect(error.kind == .notFound)
            #expect(error.message.en.contains("decision-hub init") && error.message.zh.contains("decision-hub init"))
        }
    }

    @Test func theRecordIsAppendOnlyThroughTheTriggers() throws {
        let s = try StoreUnderTest(.postgres)
        _ = try s.store.append([PendingEvent(id: "a", at: t0, by: "x", exercise: nil, event: .noteAdded(incident: IncidentID(1), text: "a"))], expectedHead: 0)
        let pg = try #require(s.store as? PostgresEventStore)
        #expect(throws: StoreError.self) { try pg.locked { () throws(StoreError) in try pg.runLocked("UPDATE events SET operator = 'mallory' WHERE seq = 1") } }
        #expect(try pg.verify { _, _ in }.ok)
    }

    @Test func aConnectionTheServerEndedIsOpenedAgainAndNothingAcknowledgedIsLost() throws {
        let s = try StoreUnderTest(.postgres)
        let pg = try #require(s.store as? PostgresEventStore)
        let note = { (k: Int) in PendingEvent(id: "n\(k)", at: t0, by: "x", exercise: nil, event: .noteAdded(incident: IncidentID(1), text: "n\(k)")) }
        _ = try pg.append([note(1)], expectedHead: 0)
        // The server ends this store's session, as a restart or a failover would.
        let found = try pg.locked { () throws(StoreError) in try pg.runLocked("SELECT pg_backend_pid()").first.map { try? $0[0].decode(Int32.self) } ?? nil }
        let pid = try #require(found)
        let admin = try PostgresEventStore(s.location, signingKey: .none)
        try admin.locked { () throws(StoreError) in _ = try admin.runLocked("SELECT pg_terminate_backend(\(pid))") }
        // The first call after may fail, saying the server cannot be reached, and lets that
        // connection go (the client may not know yet that the session ended); the next one
        // reconnects by itself. (Three tries: a loaded server may refuse a connection once.)
        var landed = false
        for attempt in 0..<3 where !landed {
            do {
                let head = try pg.head()
                if case .appended = try pg.append([note(2 + attempt)], expectedHead: head) { landed = true }
            } catch {
                #expect(error.kind == .unreachable, "\(error)")
                #expect(!pg.holdsConnection, "a connection the server cannot be reached through is let go")
            }
        }
        #expect(landed)
        #expect(try pg.head() == 2)
        #expect(try pg.verify { _, _ in }.ok)
    }

    /// A runner's lock dies with its session (a server restart): the runner takes it again
    /// before its next round, or stops if another runner took it meanwhile.
    @Test func aRunnersLockLostWithItsSessionIsTakenAgainOrGivenUp() throws {
        let s = try StoreUnderTest(.postgres)
        let first = try #require(try RunnerLock.take(storePath: s.location, name: "runner").lock)
        #expect(try first.stillHeld())
        #expect(try RunnerLock.take(storePath: s.location, name: "runner").lock == nil, "one runner at a time")
        let url = try PostgresStoreURL.parse(s.location)
        let holder = try PostgresRunnerLock.holder(url, name: "runner")
        #expect(holder?.pid == first.postgresBackendPID && holder?.started != nil, "the server names the session holding it, and when it began")
        #expect(try PostgresRunnerLock.holder(url, name: "other") == nil)
        let admin = try PostgresEventStore(s.location, signingKey: .none)
        defer { admin.close() }
        // Ends the lock's session and waits until the server has let go of it.
        func endSession(of lock: RunnerLock) throws {
            let pid = try #require(lock.postgresBackendPID)
            try admin.locked { () throws(StoreError) in _ = try admin.runLocked("SELECT pg_terminate_backend(\(pid))") }
            let deadline = Date().addingTimeInterval(20)
            while Date() < deadline {
                let alive = try admin.locked { () throws(StoreError) in
                    try admin.runLocked("SELECT count(*) FROM pg_stat_activity WHERE pid = \(pid)").first.map { try? $0[0].decode(Int64.self) } ?? nil
                }
                if alive == 0 { return }
                Thread.sleep(forTimeInterval: 0.05)
            }
            Issue.record("the lock's session did not end")
        }
        try endSession(of: first)
        #expect(try PostgresRunnerLock.holder(url, name: "runner") == nil, "let go with its session")
        #expect(try first.stillHeld(), "taken again: nobody else had it")
        try endSession(of: first)
        let second = try #require(try RunnerLock.take(storePath: s.location, name: "runner").lock, "another runner takes it while the first's session is gone")
        #expect(try !first.stillHeld(), "the first must stop")
        #expect(try second.stillHeld())
    }

    /// A closed store ends its session and refuses what is asked of it afterwards.
    @Test func aClosedStoreRefusesAndLetsGoOfItsSession() throws {
        let s = try StoreUnderTest(.postgres)
        let pg = try #require(s.store as? PostgresEventStore)
        #expect(try pg.head() == 0)
        #expect(pg.holdsConnection)
        pg.close()
        #expect(!pg.holdsConnection)
        for call in [{ _ = try pg.head() }, { _ = try pg.waitForChange(after: 0, timeout: 0.1) }] as [() throws -> Void] {
            do {
                try call()
                Issue.record("a closed store answered")
            } catch let error as StoreError {
                #expect(error.message.en.contains("already closed") && error.message.zh.contains("已被本进程关闭"), "\(error)")
            }
        }
    }

    /// An append that waits too long for the head's lock (a stuck writer) is refused, and the
    /// store writes on once the lock is free: the failed transaction was rolled back, not left
    /// to refuse every later statement of the session.
    @Test func anAppendRefusedForALockLeavesTheSessionUsable() throws {
        let s = try StoreUnderTest(.postgres)
        let note = { (k: Int) in PendingEvent(id: "n\(k)", at: t0, by: "x", exercise: nil, event: .noteAdded(incident: IncidentID(1), text: "n\(k)")) }
        _ = try s.store.append([note(1)], expectedHead: 0)
        // A store that has not written yet asks for the head's lock first (two round trips).
        let pg = try PostgresEventStore(s.location, signingKey: .none)
        try pg.locked { () throws(StoreError) in _ = try pg.runLocked("SET lock_timeout = '200ms'") }
        let stuck = try PostgresEventStore(s.location, signingKey: .none)
        try stuck.locked { () throws(StoreError) in
            try stuck.runLocked("BEGIN")
            try stuck.runLocked("SELECT seq FROM head WHERE one = 1 FOR UPDATE")
        }
        do {
            _ = try pg.append([note(2)], expectedHead: 1)
            Issue.record("appended past a writer that holds the head")
        } catch {
            #expect(error.kind == .locked, "\(error)")
        }
        try stuck.locked { () throws(StoreError) in _ = try stuck.runLocked("ROLLBACK") }
        #expect(try pg.head() == 1)
        guard case .appended = try pg.append([note(2)], expectedHead: 1) else {
            Issue.record("the store did not write on")
            return
        }
        #expect(try s.store.head() == 2)
    }

    @Test func oneOncallRunnerPerCentreAcrossMachines() throws {
        let s = try StoreUnderTest(.postgres)
        let url = try PostgresStoreURL.parse(s.location)
        var first = try PostgresRunnerLock.take(url, name: "oncall")
        #expect(first != nil)
        #expect(try PostgresRunnerLock.take(url, name: "oncall") == nil, "a second runner was let in")
        let other = try #require(TestPostgres.freshURL("other"))
        #expect(try PostgresRunnerLock.take(PostgresStoreURL.parse(other), name: "oncall") != nil, "another centre's runner is its own")
        first = nil
        // Released when its session ends (the server notices the closed connection).
        var again: PostgresRunnerLock?
        for _ in 0..<100 where again == nil {
            again = try PostgresRunnerLock.take(url, name: "oncall")
            if again == nil { Thread.sleep(forTimeInterval: 0.05) }
        }
        #expect(again != nil && first == nil)
    }

    @Test func aNeighbourReadingReadOnlyCannotWrite() throws {
        let s = try StoreUnderTest(.postgres)
        _ = try s.store.append([PendingEvent(id: "a", at: t0, by: "x", exercise: nil, event: .noteAdded(incident: IncidentID(1), text: "a"))], expectedHead: 0)
        let neighbour = try PostgresEventStore(s.location, readOnly: true)
        #expect(try neighbour.events(after: 0, limit: 10).count == 1)
        #expect(throws: StoreError.self) {
            try neighbour.append([PendingEvent(id: "b", at: t0, by: "x", exercise: nil, event: .noteAdded(incident: IncidentID(1), text: "b"))], expectedHead: 1)
        }
        // Even behind the store's own check, the session itself is read-only.
        #expect(throws: StoreError.self) { try neighbour.locked { () throws(StoreError) in try neighbour.runLocked("INSERT INTO signing_keys VALUES ('x', 'y', 'z')") } }
        #expect(try s.store.head() == 1)
    }

    @Test func centresInOneClusterAreSeparate() throws {
        let beijing = try StoreUnderTest(.postgres)
        let tianjin = try StoreUnderTest(.postgres)
        _ = try beijing.store.append([PendingEvent(id: "a", at: t0, by: "x", exercise: nil, event: .noteAdded(incident: IncidentID(1), text: "a"))], expectedHead: 0)
        #expect(try beijing.store.head() == 1)
        #expect(try tianjin.store.head() == 0)
    }

    @Test(arguments: [(StoreKind.sqlite, StoreKind.postgres), (.postgres, .sqlite)])
    func aCopyKeepsTheChainAndTheSignatures(from: StoreKind, to: StoreKind) throws {
        let key = SigningKey(.init())
        let source = try StoreUnderTest(from, key: key)
        let ledger = try Ledger(store: source.store)
        try ledger.execute([.incident(.report(NewIncident(type: .fire, place: .cell(Cell(x: 1, y: 1)))))], operatorName: "li.na", now: { t0 })
        try ledger.execute([.incident(.addNote(IncidentID(1), text: "火势已控制"))], operatorName: "li.na", now: { t0 })
        _ = try source.durable.checkpoint(now: t0)
        let target: any RecordCopying =
            to == .sqlite
            ? try SQLiteEventStore(path: source.dir.path("copy.sqlite"), create: true, signingKey: .none)
            : try PostgresEventStore.create(url: PostgresStoreURL.parse(try #require(TestPostgres.freshURL("copy"))), signingKey: .none)
        let report = try StoreCopy.copy(from: try #require(source.store as? any RecordCopying), to: target)
        #expect(report.ok, "\(report.problems.map(\.en))")
        #expect(report.checkpoints == (try source.durable.checkpoints().count) && report.checkpoints > 0)
        #expect(report.lastGoodCheckpoint?.logSequence == 2)
        #expect(try target.storedRecord() == (try #require(source.store as? any RecordCopying)).storedRecord())
        #expect(try Ledger(store: target).state == ledger.state)
        // A second copy into the same, now full, store is refused.
        #expect(throws: StoreError.self) { try StoreCopy.copy(from: try #require(source.store as? any RecordCopying), to: target) }
    }
}
