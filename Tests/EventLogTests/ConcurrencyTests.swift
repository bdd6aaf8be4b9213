import CommandModel
import EventLog
import Foundation
import Testing

/// Several processes on one store: races, crashes, live sharing. These drive the real binary.
@Suite("Many processes, one store", .serialized)
struct ConcurrencyTests {
    /// A store with `incidents` acknowledged incidents and `teams` flood teams, via exec.
    func prepared(_ dir: TempDir, incidents: Int, teams: Int) throws -> String {
        let path = dir.path("s.sqlite")
        let store = try SQLiteEventStore.create(path: path)
        let ledger = try Ledger(store: store)
        var commands: [Command] = []
        for k in 1...teams {
            commands.append(.team(.register(TeamProfile(id: TeamID("FR-\(k)"), name: Bilingual("Team \(k)", "队 \(k)"), capabilities: [.floodRescue], base: Cell(x: k, y: 0)))))
        }
        for k in 1...incidents {
            commands.append(.incident(.report(NewIncident(type: .flood, place: .cell(Cell(x: k, y: 1))))))
            commands.append(.incident(.acknowledge(IncidentID(k))))
        }
        try ledger.execute(commands, operatorName: "setup", now: { t0 })
        return path
    }

    @Test func twoProcessesRacingForOneTeamExactlyOneWinsEveryTime() async throws {
        let dir = TempDir()
        let rounds = 12
        let path = try prepared(dir, incidents: 2, teams: rounds)
        for r in 1...rounds {
            async let a = Task.detached { try runHub(["exec", "--store", path, "--operator", "officer-a", "assign INC-1 FR-\(r)"]) }.value
            async let b = Task.detached { try runHub(["exec", "--store", path, "--operator", "officer-b", "assign INC-2 FR-\(r)"]) }.value
            let results = try await [a, b]
            let winners = results.filter { $0.status == 0 }
            let losers = results.filter { $0.status != 0 }
            #expect(winners.count == 1, "round \(r): \(results)")
            #expect(losers.first?.stderr.contains("FR-\(r) is already on INC-000") == true, "the loser is told where the team went: \(losers)")
            // Free the team again for a clean next round of a different team.
        }
        let store = try SQLiteEventStore(path: path)
        let state = try Ledger(store: store).state
        for r in 1...rounds {
            let team = try #require(state.teams[TeamID("FR-\(r)")])
            #expect(team.incident != nil)
        }
        #expect(try store.verify { _, _ in }.ok)
    }

    @Test func killedWritersLoseNothingAcknowledged() async throws {
        let dir = TempDir()
        let path = dir.path("crash.sqlite")
        _ = try SQLiteEventStore.create(path: path)
        var rng = SystemRandomNumberGenerator()
        let kills = 24
        for k in 0..<kills {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: hubBinary)
            p.arguments = ["debug", "append-loop", "--store", path]
            let out = Pipe()
            p.standardOutput = out
            p.standardError = FileHandle.nullDevice
            try p.run()
            // Let it run for a random while, then pull the plug.
            try await Task.sleep(for: .milliseconds(Int.random(in: 60...260, using: &rng)))
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            let printed = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: "\n").compactMap { Int64($0) }
            #expect(p.terminationReason == .uncaughtSignal, "round \(k) ended by itself")
            #expect(try sqlite(path, "PRAGMA integrity_check") == "ok")
            let store = try SQLiteEventStore(path: path)
            let head = try store.head()
            if let last = printed.last { #expect(head >= last, "round \(k): printed \(last) after commit, store has \(head)") }
            let report = try store.verify { _, _ in }
            #expect(report.ok, "round \(k): \(report.problems)")
        }
        let total = try SQLiteEventStore(path: path).head()
        #expect(total > Int64(kills), "the writers made progress: \(total) events")
    }

    @Test func aSecondProcessSeesANewEventWithinASecond() async throws {
        let dir = TempDir()
        let path = try prepared(dir, incidents: 1, teams: 1)
        let ledger = try Ledger(store: SQLiteEventStore(path: path))
        let before = ledger.state.sequence
        let writer = Task.detached { try runHub(["exec", "--store", path, "--operator", "other-console", "note INC-1 from another console"]) }
        let r = try await writer.value
        #expect(r.status == 0, "\(r)")
        let clock = ContinuousClock()
        let start = clock.now
        var seen: [RecordedEvent] = []
        while seen.isEmpty && clock.now - start < .seconds(1) {
            seen = try ledger.refresh()
            if seen.isEmpty { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(seen.map(\.event) == [.noteAdded(incident: IncidentID(1), text: "from another console")])
        #expect(ledger.state.sequence == before + 1)
        // Acting under another name: the record names the operating-system account too.
        #expect(seen.first?.by == "\(OperatorIdentity.processAccount()) as other-console")
    }

    @Test func aConflictingCommandIsDecidedAgainAgainstTheNewerState() throws {
        let dir = TempDir()
        let path = try prepared(dir, incidents: 2, teams: 1)
        let a = try Ledger(store: SQLiteEventStore(path: path))
        let b = try Ledger(store: SQLiteEventStore(path: path))
        try a.execute([.team(.assign(TeamID("FR-1"), to: IncidentID(1)))], operatorName: "a")
        // b still believes FR-1 is free; its append conflicts, it folds a's event and is refused.
        #expect(b.state.teams[TeamID("FR-1")]?.status == .available)
        do {
            try b.execute([.team(.assign(TeamID("FR-1"), to: IncidentID(2)))], operatorName: "b")
            Issue.record("the second assignment landed")
        } catch {
            guard case let .rejected(r) = error else { Issue.record("\(error)"); return }
            #expect(r == .teamAlreadyAssigned(TeamID("FR-1"), to: IncidentID(1), status: .dispatched))
        }
        // A non-conflicting command from a stale ledger lands after folding.
        let c = try Ledger(store: SQLiteEventStore(path: path))
        try a.execute([.incident(.addNote(IncidentID(1), text: "x"))], operatorName: "a")
        let landed = try c.execute([.incident(.addNote(IncidentID(2), text: "y"))], operatorName: "c")
        #expect(landed.first?.sequence == a.state.sequence + 1)
    }
}

@Suite("Authority through the log")
struct AuthorityLogTests {
    static let roster = """
        allow-operator: true
        people:
          - {id: li-na, name: {en: Li Na, zh: 李娜}, logins: [li.na], roles: [duty-officer]}
          - {id: wang-lei, name: {en: Wang Lei, zh: 王磊}, logins: [wang.lei], roles: [commander]}
        rotations:
          - {role: commander, handoff: daily 00:00, start: 2026-01-05, members: [wang-lei]}
        """

    @Test func aRefusedAttemptIsRecordedAndChangesNothingElse() throws {
        let dir = TempDir()
        let rosterPath = dir.path("roster.yaml")
        try Self.roster.write(toFile: rosterPath, atomically: true, encoding: .utf8)
        let store = dir.path("s.sqlite")
        _ = try SQLiteEventStore.create(path: store)
        let env = ["DECISION_HUB_ROSTER": rosterPath]
        #expect(try runHub(["exec", "--store", store, "--operator", "li.na", "report fire at cell:3,3"], env: env).status == 0)
        let refused = try runHub(["exec", "--store", store, "--operator", "li.na", "level INC-0001 II 12 dead"], env: env)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("to raise INC-0001 to level II needs a commander: on call now: Wang Lei"), "\(refused.stderr)")
        let stranger = try runHub(["exec", "--store", store, "--operator", "mallory", "ack INC-0001"], env: env)
        #expect(stranger.stderr.contains("to change anything needs a duty officer"), "\(stranger.stderr)")
        #expect(try runHub(["exec", "--store", store, "--operator", "wang.lei", "level INC-0001 II 12 dead"], env: env).status == 0)
        let log = try runHub(["log", "--store", store])
        let lines = log.stdout.split(separator: "\n")
        #expect(lines.count == 4, "\(log.stdout)")
        #expect(lines[1].contains("li.na · REFUSED: raise INC-0001 to level II"))
        #expect(lines[2].contains("mallory · REFUSED: change anything"))
        #expect(lines[3].contains("wang.lei · INC-0001 level raised - → II"))
        #expect(try SQLiteEventStore(path: store).verify { _, _ in }.ok)
    }
}

@Suite("One escalation runner per store")
struct OnCallRunnerLockTests {
    @Test func aSecondOncallRunIsRefusedWhileTheFirstRunsAndAllowedOnceItStops() throws {
        let dir = TempDir()
        let roster = dir.path("roster.yaml")
        try AuthorityLogTests.roster.write(toFile: roster, atomically: true, encoding: .utf8)
        let store = dir.path("s.sqlite")
        _ = try SQLiteEventStore.create(path: store)
        let env = ["DECISION_HUB_ROSTER": roster]
        let first = Process()
        first.executableURL = URL(fileURLWithPath: hubBinary)
        first.arguments = ["oncall", "run", "--store", store, "--every", "0.2"]
        var environment = ProcessInfo.processInfo.environment
        environment["DECISION_HUB_ROSTER"] = roster
        environment["DECISION_HUB_RESOURCES"] = repoRoot.appendingPathComponent("Resources").path
        first.environment = environment
        first.standardOutput = FileHandle.nullDevice
        let errors = dir.path("first.err")
        _ = FileManager.default.createFile(atPath: errors, contents: nil)
        first.standardError = FileHandle(forWritingAtPath: errors)
        try first.run()
        defer { if first.isRunning { first.terminate() } }
        // Wait until it holds the lock (its pid is in the lock file).
        let deadline = Date().addingTimeInterval(10)
        while (try? String(contentsOfFile: store + ".oncall.lock", encoding: .utf8)) != "\(first.processIdentifier)\n", Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
        }
        let second = try runHub(["oncall", "run", "--once", "--store", store], env: env)
        #expect(second.status == 1, "the first runner said: \((try? String(contentsOfFile: errors, encoding: .utf8)) ?? "")")
        #expect(second.stderr.contains("another oncall run is already running on \(store) (pid \(first.processIdentifier))"), "\(second.stderr)")
        // Killed without a chance to clean up: the kernel releases the lock.
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        let third = try runHub(["oncall", "run", "--once", "--store", store], env: env)
        #expect(third.status == 0, "\(third.stderr)")
    }
}
