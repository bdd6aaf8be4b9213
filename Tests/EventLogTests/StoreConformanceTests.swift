import CommandModel
import Foundation
import Testing

@testable import EventLog

/// One suite for every store: SQLite, the in-memory twin and PostgreSQL keep the same contract.
/// PostgreSQL runs when `DECISION_HUB_TEST_POSTGRES` names a server (`.ci/run` starts one).
@Suite("Every store keeps the same contract")
struct StoreConformanceTests {
    func pending(_ k: Int, _ event: Event, exercise: String? = nil) -> PendingEvent {
        PendingEvent(id: "e\(k)-\(UUID().uuidString.prefix(6))", at: t0.addingTimeInterval(Double(k)), by: "li.na", exercise: exercise, event: event)
    }

    func note(_ k: Int) -> PendingEvent { pending(k, .noteAdded(incident: IncidentID(1), text: "note \(k)")) }

    @Test("PostgreSQL is there when CI runs the suite")
    func postgresIsThereInCI() {
        if TestPostgres.isMissing && TestPostgres.inCI {
            Issue.record("CI is set but DECISION_HUB_TEST_POSTGRES is not: the PostgreSQL store would go untested. .ci/run starts a cluster and sets it")
        }
    }

    @Test("PostgreSQL half of the suite", .disabled(if: TestPostgres.isMissing, TestPostgres.skipped))
    func postgresIsReachable() throws {
        let s = try StoreUnderTest(.postgres)
        #expect(try s.store.head() == 0)
    }

    @Test(arguments: StoreKind.available)
    func appendsAreGapFreeWholeOrNothingAndRefusedOnAStaleHead(kind: StoreKind) throws {
        let s = try StoreUnderTest(kind)
        let everyKind = StoreTests.everyKind
        guard case let .appended(first) = try s.store.append(everyKind.enumerated().map { pending($0.offset, $0.element) }, expectedHead: 0) else {
            Issue.record("the first append conflicted")
            return
        }
        #expect(first.map(\.sequence) == Array(1...Int64(everyKind.count)))
        #expect(try s.store.events(after: 0, limit: 1000).map(\.event) == everyKind)
        #expect(try s.store.events(after: 2, limit: 3).map(\.sequence) == [3, 4, 5])
        guard case let .conflict(head) = try s.store.append([note(99), note(100)], expectedHead: 3) else {
            Issue.record("a stale append landed")
            return
        }
        #expect(head == Int64(everyKind.count))
        #expect(try s.store.head() == Int64(everyKind.count), "nothing of the refused batch was written")
        #expect(try s.store.events(incident: IncidentID(2)).count == 4)
        #expect(try s.store.verify(progress: { _, _ in }).ok)
    }

    @Test(arguments: StoreKind.available)
    func journalEntriesFollowTheLogEventsBeforeThem(kind: StoreKind) throws {
        let s = try StoreUnderTest(kind)
        let info = DrillInfo(
            name: Bilingual("d", "d"), disclosure: .blind, startsAt: t0, endsAt: t0.addingTimeInterval(60), seed: 1, digest: "x", sealed: "", operatorName: "d", objectives: [], injects: [])
        var scheduled = info
        scheduled.id = "DRL-1"
        _ = try s.store.append([note(1), pending(2, .drillScheduled(drill: scheduled)), note(3)], expectedHead: 0, expectedJournal: 0)
        #expect(try s.store.position() == StorePosition(log: 2, journal: 1))
        let journal = try s.store.journal(after: 0, upTo: 10)
        #expect(journal.count == 1 && journal[0].sequence == 1 && journal[0].journal == 1)
        guard case .conflict = try s.store.append([note(4)], expectedHead: 2, expectedJournal: 0) else {
            Issue.record("a stale journal head was accepted")
            return
        }
        #expect(try s.store.events(exercise: "DRL-1").map(\.event) == [.drillScheduled(drill: scheduled)])
        #expect(try s.store.verify(progress: { _, _ in }).ok)
    }

    @Test(arguments: StoreKind.available)
    func aSnapshotCountsOnlyAtItsPlaceInTheChain(kind: StoreKind) throws {
        let s = try StoreUnderTest(kind)
        let ledger = try Ledger(store: s.store)
        try ledger.execute([.incident(.report(NewIncident(type: .fire, place: .cell(Cell(x: 1, y: 1)))))], operatorName: "li.na", now: { t0 })
        try s.store.saveSnapshot(ledger.state)
        #expect(try s.store.latestSnapshot(atMost: 10) == ledger.state)
        #expect(try s.store.latestSnapshot(atMost: 0) == nil)
        #expect(try Ledger(store: s.store).state == ledger.state)
    }

    @Test(arguments: StoreKind.durable, ["edit", "delete", "truncate"])
    func tamperingIsDetectedWithTheFirstBadSequence(kind: StoreKind, how: String) throws {
        let s = try StoreUnderTest(kind)
        _ = try s.store.append((1...8).map(note), expectedHead: 0)
        switch how {
        case "edit": try s.tamper("UPDATE events SET operator = 'mallory' WHERE seq = 5")
        case "delete": try s.tamper("DELETE FROM events WHERE seq = 5")
        default: try s.tamper("DELETE FROM events WHERE seq = 8")
        }
        let report = try s.durable.verify(options: VerifyOptions()) { _, _ in }
        #expect(!report.ok)
        #expect(report.firstBadSequence == (how == "truncate" ? 8 : 5), "\(report.problems.map(\.en))")
    }

    @Test(arguments: StoreKind.durable)
    func aSignedCheckpointCatchesATruncationThatMendedTheChain(kind: StoreKind) throws {
        let key = SigningKey(.init())
        let s = try StoreUnderTest(kind, key: key)
        _ = try s.store.append((1...8).map(note), expectedHead: 0)
        // Signed in the append itself (the first after opening), or now.
        let signed = try #require(try s.durable.checkpoint(now: t0) ?? s.durable.checkpoints().last)
        #expect(signed.logSequence == 8)
        #expect(try s.durable.verify(options: VerifyOptions(trustedKeys: [key.publicKey])) { _, _ in }.ok)
        // The last two events removed and the head set back to a consistent chain: the hashes
        // alone cannot tell, the signature can.
        try s.tamper("DELETE FROM events WHERE seq > 6; UPDATE head SET seq = 6, hash = (SELECT hash FROM events WHERE seq = 6) WHERE one = 1")
        let report = try s.durable.verify(options: VerifyOptions(trustedKeys: [key.publicKey])) { _, _ in }
        #expect(!report.ok)
        #expect(report.problems.contains { $0.en.contains("events were removed from the end") }, "\(report.problems.map(\.en))")
        // A writer opening it refuses to bury the cut under new events.
        let writer = try s.second(key: key)
        #expect(throws: StoreError.self) { try writer.append([note(9)], expectedHead: 6) }
    }

    @Test(arguments: StoreKind.available)
    func twoWritersRacingLeaveOneGapFreeChainAndEveryLoserIsTold(kind: StoreKind) throws {
        let s = try StoreUnderTest(kind)
        let writers = [s.store, try s.second()]
        let attempts = 40
        let tally = Tally()
        DispatchQueue.concurrentPerform(iterations: writers.count) { w in
            for k in 0..<attempts {
                do {
                    let head = try writers[w].head()
                    switch try writers[w].append([self.note(w * 1000 + k)], expectedHead: head) {
                    case let .appended(recorded): tally.won(recorded.map(\.sequence))
                    case let .conflict(newer):
                        // Told a head that really is newer than the one it held.
                        tally.lost(newer > head)
                    }
                } catch {
                    tally.failed("\(error)")
                }
            }
        }
        #expect(tally.failures.isEmpty, "\(tally.failures)")
        #expect(tally.losses.allSatisfy { $0 }, "a loser was told a head that was not newer")
        #expect(tally.wins.count + tally.losses.count == writers.count * attempts)
        #expect(tally.wins.sorted() == Array(1...Int64(tally.wins.count)), "sequence numbers without gaps or repeats")
        #expect(try s.store.head() == Int64(tally.wins.count))
        #expect(try s.store.verify(progress: { _, _ in }).ok)
    }

    @Test(arguments: StoreKind.available)
    func aWriterAppendsAfterTheHeadAnotherMovedEvenWhenOnlyTheJournalMoved(kind: StoreKind) throws {
        let s = try StoreUnderTest(kind)
        let other = try s.second()
        _ = try s.store.append([note(1)], expectedHead: 0)
        // Another writer adds only a drill journal entry: the log's head stays at 1.
        var drill = DrillInfo(
            name: Bilingual("d", "d"), disclosure: .blind, startsAt: t0, endsAt: t0.addingTimeInterval(60), seed: 1, digest: "x", sealed: "", operatorName: "d", objectives: [], injects: [])
        drill.id = "DRL-9"
        _ = try other.append([pending(2, .drillScheduled(drill: drill))], expectedHead: 1, expectedJournal: 0)
        // The first writer still holds head 1: its append lands after the journal entry, and the
        // head keeps both.
        guard case .appended = try s.store.append([note(3)], expectedHead: 1) else {
            Issue.record("the append on the current log head was refused")
            return
        }
        #expect(try s.store.position() == StorePosition(log: 2, journal: 1))
        #expect(try s.second().position() == StorePosition(log: 2, journal: 1))
        #expect(try s.store.verify(progress: { _, _ in }).ok)
    }

    @Test(arguments: StoreKind.available)
    func aSecondConsoleSeesANewEvent(kind: StoreKind) throws {
        let s = try StoreUnderTest(kind)
        let follower = try Ledger(store: try s.second())
        (follower.store as? PostgresEventStore)?.follow()
        let writer = try Ledger(store: s.store)
        try writer.execute([.incident(.report(NewIncident(type: .fire, place: .cell(Cell(x: 1, y: 1)))))], operatorName: "li.na", now: { t0 })
        if let pg = follower.store as? PostgresEventStore {
            // Woken by NOTIFY (or, failing that, by the poll at the deadline).
            let (head, notified) = try pg.waitForChange(after: 0, timeout: 10)
            #expect(head == 1)
            #expect(notified, "the follower was not woken by NOTIFY")
        }
        let seen = try follower.refresh()
        #expect(seen.map(\.sequence) == [1])
        #expect(follower.state == writer.state)
    }
}

/// What racing writers saw, collected across threads.
final class Tally: @unchecked Sendable {
    // @unchecked: every property is read and written under `lock`.
    private let lock = NSLock()
    private(set) var wins: [Int64] = []
    private(set) var losses: [Bool] = []
    private(set) var failures: [String] = []

    func won(_ s: [Int64]) { lock.withLock { wins += s } }
    func lost(_ toldNewer: Bool) { lock.withLock { losses.append(toldNewer) } }
    func failed(_ why: String) { lock.withLock { failures.append(why) } }
}

/// The same contract across processes, through the real binary, on every store that outlives
/// a process.
@Suite("Many processes, every durable store", .serialized)
struct DurableStoreProcessTests {
    /// No key of the user's is picked up by the processes these tests start.
    let env = ["DECISION_HUB_SIGNING_KEY_FILE": "/nonexistent/decision-hub-test.key"]

    @Test(arguments: StoreKind.durable)
    func twoProcessesRacingForOneTeamExactlyOneWinsEveryTime(kind: StoreKind) async throws {
        let s = try StoreUnderTest(kind)
        let rounds = 6
        var commands: [Command] = []
        for k in 1...rounds {
            commands.append(.team(.register(TeamProfile(id: TeamID("FR-\(k)"), name: Bilingual("Team \(k)", "队 \(k)"), capabilities: [.floodRescue], base: Cell(x: k, y: 0)))))
        }
        for k in 1...2 {
            commands.append(.incident(.report(NewIncident(type: .flood, place: .cell(Cell(x: k, y: 1))))))
            commands.append(.incident(.acknowledge(IncidentID(k))))
        }
        try Ledger(store: s.store).execute(commands, operatorName: "setup", now: { t0 })
        let location = s.location, env = self.env
        for r in 1...rounds {
            async let a = Task.detached { try runHub(["exec", "--store", location, "--operator", "officer-a", "assign INC-1 FR-\(r)"], env: env) }.value
            async let b = Task.detached { try runHub(["exec", "--store", location, "--operator", "officer-b", "assign INC-2 FR-\(r)"], env: env) }.value
            let results = try await [a, b]
            #expect(results.filter { $0.status == 0 }.count == 1, "round \(r): \(results)")
            #expect(results.first { $0.status != 0 }?.stderr.contains("FR-\(r) is already on INC-000") == true, "the loser is told where the team went: \(results)")
        }
        let state = try Ledger(store: try s.second()).state
        for r in 1...rounds { #expect(state.teams[TeamID("FR-\(r)")]?.incident != nil) }
        #expect(try s.store.verify(progress: { _, _ in }).ok)
    }

    @Test(arguments: StoreKind.durable)
    func killedWritersLoseNothingAcknowledged(kind: StoreKind) async throws {
        let s = try StoreUnderTest(kind)
        var rng = SystemRandomNumberGenerator()
        let kills = 8
        for k in 0..<kills {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: hubBinary)
            p.arguments = ["debug", "append-loop", "--store", s.location]
            p.environment = ProcessInfo.processInfo.environment.merging(env) { $1 }
            let out = Pipe()
            p.standardOutput = out
            p.standardError = FileHandle.nullDevice
            try p.run()
            try await Task.sleep(for: .milliseconds(Int.random(in: 150...450, using: &rng)))
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            let printed = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: "\n").compactMap { Int64($0) }
            #expect(p.terminationReason == .uncaughtSignal, "round \(k) ended by itself")
            let store = try s.second()
            let head = try store.head()
            if let last = printed.last { #expect(head >= last, "round \(k): printed \(last) after commit, store has \(head)") }
            let report = try store.verify { _, _ in }
            #expect(report.ok, "round \(k): \(report.problems.map(\.en))")
        }
        #expect(try s.second().head() > Int64(kills), "the writers made progress")
    }

    @Test(arguments: StoreKind.durable)
    func initVerifyExecAndLogWorkUnchanged(kind: StoreKind) throws {
        let dir = TempDir()
        let location = kind == .sqlite ? dir.path("cli.sqlite") : try #require(TestPostgres.freshURL("cli"))
        let env = ["DECISION_HUB_SIGNING_KEY_FILE": dir.path("centre.key")]
        let created = try runHub(["init", "--store", location], env: env)
        #expect(created.status == 0, "\(created)")
        #expect(try runHub(["init", "--store", location], env: env).status != 0, "an existing store is refused")
        let exec = try runHub(["exec", "--store", location, "--operator", "li.na", "report flood at mentougou deaths=2 missing=5 title \"Flash flood, Yanchi\""], env: env)
        #expect(exec.status == 0, "\(exec)")
        let log = try runHub(["log", "--store", location], env: env)
        #expect(log.status == 0 && log.stdout.contains("INC-0001"), "\(log)")
        let verify = try runHub(["verify", "--store", location], env: env)
        #expect(verify.status == 0 && verify.stdout.contains("signed:"), "\(verify)")
    }
}
