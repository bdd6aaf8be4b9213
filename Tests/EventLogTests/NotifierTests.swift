import CommandModel
import EventLog
import Foundation
import GRDB
import Testing

/// Notify commands that work, fail, hang, and succeed late: the console never waits on them,
/// and every attempt is on the record.
@Suite("Notify commands")
struct NotifierTests {
    func script(_ dir: TempDir, _ name: String, _ body: String) throws -> String {
        try dir.executable(name, "#!/bin/sh\n" + body + "\n")
    }

    /// A duty officer whose pages go to `notify`, a drill coordinator, and one escalation policy.
    func roster(notify: String) -> Roster {
        let yaml = """
            people:
              - {id: li-na, name: {en: Li Na, zh: 李娜}, logins: [li.na], roles: [duty-officer], contact: "+86 10 5555 0101", notify: "\(notify)"}
              - {id: he-ping, name: {en: He Ping, zh: 何平}, logins: [he.ping], roles: [drill-coordinator]}
            rotations:
              - {role: duty-officer, handoff: daily 00:00, start: 2026-01-01, members: [li-na]}
            escalation:
              - {name: unacked, trigger: unacknowledged, after-minutes: 0, steps: [{page: duty-officer, wait-minutes: 60}]}
            """
        let (roster, issues) = Roster.load(yaml, file: "roster.yaml")
        #expect(issues.isEmpty, "\(issues)")
        return roster
    }

    /// A store with one unacknowledged incident and a page to `person` already sent.
    func paged(_ dir: TempDir, notify: String) throws -> (Ledger, Roster) {
        let roster = roster(notify: notify)
        let ledger = try Ledger(store: SQLiteEventStore.create(path: dir.path("s.sqlite")))
        ledger.roster = roster
        try ledger.execute([.incident(.report(NewIncident(type: .fire, title: "Warehouse fire", place: .cell(Cell(x: 1, y: 1)))))], operatorName: "li.na", now: { t0 })
        let sent = try ledger.escalate(now: t0.addingTimeInterval(60))
        #expect(sent.count == 1)
        return (ledger, roster)
    }

    @Test func aWorkingCommandGetsThePageAsJSON() throws {
        let dir = TempDir()
        let out = dir.path("page.json")
        let (ledger, roster) = try paged(dir, notify: try script(dir, "ok.sh", "cat > \(out)"))
        let outcomes = try Notifier(roster: roster, timeout: 30, backoff: [0]).run(ledger, now: { t0.addingTimeInterval(61) })
        #expect(outcomes.map(\.error) == [nil])
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [String: Any]
        #expect(json?["incident"] as? String == "INC-0001")
        #expect(json?["title"] as? String == "Warehouse fire")
        #expect(json?["contact"] as? String == "+86 10 5555 0101")
        #expect(json?["role"] as? String == "duty-officer")
        let page = try #require(ledger.state.pages.values.first)
        #expect(page.notifiedAt != nil && page.notifyAttempts == 1)
        // Delivered: not sent again.
        #expect(try Notifier(roster: roster, backoff: [0]).run(ledger).isEmpty)
    }

    @Test func aFailingCommandIsRecordedAndRetriedWithBackoff() throws {
        let dir = TempDir()
        let (ledger, roster) = try paged(dir, notify: try script(dir, "fail.sh", "echo 'gateway down' >&2; exit 3"))
        let notifier = Notifier(roster: roster, timeout: 30, backoff: [30, 60])
        let first = try notifier.run(ledger, now: { t0.addingTimeInterval(61) })
        #expect(first.map(\.error) == ["exit 3: gateway down"])
        // The retry waits 30 s after the page.
        #expect(try notifier.run(ledger, now: { t0.addingTimeInterval(80) }).isEmpty)
        #expect(try notifier.run(ledger, now: { t0.addingTimeInterval(91) }).count == 1)
        #expect(try notifier.run(ledger, now: { t0.addingTimeInterval(151) }).count == 1)
        // Three attempts (1 + two retries), then it gives up; each on the record.
        #expect(try notifier.run(ledger, now: { t0.addingTimeInterval(10_000) }).isEmpty)
        let failures = try ledger.store.events(incident: IncidentID(1)).filter { $0.event.kind == .pageNotifyFailed }
        #expect(failures.count == 3)
        #expect(ledger.state.pages.values.first?.notifyError == "exit 3: gateway down")
    }

    @Test func aRoleNotifyCommandServesPeopleWithoutTheirOwn() throws {
        let dir = TempDir()
        let out = dir.path("role.json")
        let command = try script(dir, "role.sh", "cat > \(out)")
        let yaml = """
            notify-roles: {duty-officer: "\(command)"}
            people:
              - {id: li-na, name: {en: Li Na, zh: 李娜}, logins: [li.na], roles: [duty-officer]}
            rotations:
              - {role: duty-officer, handoff: daily 00:00, start: 2026-01-01, members: [li-na]}
            escalation:
              - {name: unacked, trigger: unacknowledged, steps: [{page: duty-officer}]}
            """
        let (roster, issues) = Roster.load(yaml, file: "roster.yaml")
        #expect(issues.isEmpty, "\(issues)")
        let ledger = try Ledger(store: SQLiteEventStore.create(path: dir.path("s.sqlite")))
        ledger.roster = roster
        try ledger.execute([.incident(.report(NewIncident(type: .fire, place: .cell(Cell(x: 1, y: 1)))))], operatorName: "li.na", now: { t0 })
        try ledger.escalate(now: t0.addingTimeInterval(60))
        #expect(try Notifier(roster: roster, backoff: [0]).run(ledger, now: { t0.addingTimeInterval(61) }).map(\.error) == [nil])
        #expect(FileManager.default.fileExists(atPath: out))
    }

    @Test func aHangingCommandIsKilledAtItsTimeout() throws {
        let dir = TempDir()
        let (ledger, roster) = try paged(dir, notify: try script(dir, "hang.sh", "sleep 30"))
        let started = Date()
        let outcomes = try Notifier(roster: roster, timeout: 0.5, backoff: [0]).run(ledger, now: { t0.addingTimeInterval(61) })
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(outcomes.map(\.error) == ["timed out after 1 s"] || outcomes.map(\.error) == ["timed out after 0 s"])
    }

    @Test func aCommandThatSucceedsLateIsDeliveredOnTheRetry() throws {
        let dir = TempDir()
        let counter = dir.path("count")
        let body = "n=$(cat \(counter) 2>/dev/null || echo 0); n=$((n+1)); echo $n > \(counter); [ $n -ge 2 ]"
        let (ledger, roster) = try paged(dir, notify: try script(dir, "late.sh", body))
        let notifier = Notifier(roster: roster, timeout: 30, backoff: [0, 0])
        #expect(try notifier.run(ledger, now: { t0.addingTimeInterval(61) }).map(\.error) == ["exit 1"])
        #expect(try notifier.run(ledger, now: { t0.addingTimeInterval(62) }).map(\.error) == [nil])
        let page = try #require(ledger.state.pages.values.first)
        #expect(page.notifiedAt != nil && page.notifyAttempts == 2 && page.notifyError == nil)
    }

    /// The command ran but the store refused its outcome (locked past the timeout): the
    /// runner waits the outage out and runs again, and the outcome is recorded then without
    /// the command being run a second time (one SMS, not one every few seconds).
    @Test func anOutcomeTheStoreRefusedIsRecordedLaterAndNotSentAgain() throws {
        let dir = TempDir()
        let count = dir.path("count")
        let roster = roster(notify: try script(dir, "count.sh", "cat > /dev/null; n=$(cat \(count) 2>/dev/null || echo 0); echo $((n+1)) > \(count)"))
        let path = dir.path("s.sqlite")
        _ = try SQLiteEventStore.create(path: path)
        let ledger = try Ledger(store: SQLiteEventStore(path: path, busyTimeout: 0.2))
        ledger.roster = roster
        try ledger.execute([.incident(.report(NewIncident(type: .fire, title: "Warehouse fire", place: .cell(Cell(x: 1, y: 1)))))], operatorName: "li.na", now: { t0 })
        #expect(try ledger.escalate(now: t0.addingTimeInterval(60)).count == 1)
        let notifier = Notifier(roster: roster, timeout: 30, backoff: [0, 0])
        func sent() -> String { (try? String(contentsOfFile: count, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "0" }
        // Another writer holds the store's lock while the command runs and its outcome is written.
        try DatabaseQueue(path: path).writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            defer { try? db.execute(sql: "ROLLBACK") }
            #expect(throws: ExecutionError.self) { try notifier.run(ledger, now: { t0.addingTimeInterval(61) }) }
        }
        #expect(sent() == "1" && notifier.unrecorded.count == 1)
        #expect(ledger.state.pages.values.first?.notifyAttempts == 0, "not on the record yet")
        // The lock is gone: the outcome is recorded, the command not run again.
        #expect(try notifier.run(ledger, now: { t0.addingTimeInterval(62) }).map(\.error) == [nil])
        #expect(sent() == "1", "sent once")
        #expect(notifier.unrecorded.isEmpty)
        let page = try #require(ledger.state.pages.values.first)
        #expect(page.notifiedAt != nil && page.notifyAttempts == 1)
        #expect(try notifier.run(ledger, now: { t0.addingTimeInterval(63) }).isEmpty)
    }

    /// A marked drill's pages say which drill they belong to, so a gateway can prefix them;
    /// a blind drill's pages look real until it is over.
    @Test(arguments: ["marked", "blind"])
    func aDrillsPageSaysExerciseOnlyWhenTheDrillIsMarked(disclosure: String) throws {
        let dir = TempDir()
        let out = dir.path("page.json")
        let roster = roster(notify: try script(dir, "ok.sh", "cat > \(out)"))
        let ledger = try Ledger(store: SQLiteEventStore.create(path: dir.path("s.sqlite")))
        ledger.roster = roster
        let scenario = try #require(
            DrillScenario.load(
                """
                name: {en: Fire drill, zh: 火灾演练}
                disclosure: \(disclosure)
                injects:
                  - id: fire
                    at: +0m
                    do: report fire at cell:1,1 title "Warehouse fire"
                """, file: "drill.yaml"
            ).scenario)
        let (drill, _) = try DrillRunner.scheduleOrResume(ledger: ledger, scenario: scenario, sealed: Data(), window: nil, at: t0, coordinator: "he.ping", now: t0)
        try DrillRunner(ledger: ledger, scenario: scenario, drill: drill, coordinator: "he.ping").tick(now: t0)
        #expect(try ledger.escalate(now: t0.addingTimeInterval(60)).count == 1)
        #expect(try Notifier(roster: roster, timeout: 30, backoff: [0]).run(ledger, now: { t0.addingTimeInterval(61) }).map(\.error) == [nil])
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [String: Any]
        #expect(json?["title"] as? String == "Warehouse fire")
        #expect(json?["exercise"] as? String == (disclosure == "marked" ? drill : nil))
    }
}
