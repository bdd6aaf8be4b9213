import CommandModel
import EventLog
import Foundation
import Testing

@testable import ConsoleUI

/// Drills as the duty officer at the console sees them.
@Suite("The console during a drill", .serialized)
struct DrillConsoleTests {
    static func scenario(_ disclosure: String) throws -> DrillScenario {
        let yaml = """
            name: {en: Console flood drill, zh: 控制台洪水演练}
            disclosure: \(disclosure)
            operator: 12345-hotline
            end: +60m
            injects:
              - id: flood
                at: +0m
                do: report flood at gcj02:39.9400,116.0400 title "Flash flood, Yongding valley" deaths=2 missing=5
                expect: {acknowledge-within: 5m, dispatch: [flood-rescue], dispatch-within: 15m}
            """
        return try #require(DrillScenario.load(yaml, file: "drill.yaml").scenario)
    }

    /// A store with the sample teams and a drill whose first inject has just fired.
    func drillStarted(_ dir: TempDir, disclosure: String) throws -> (Ledger, DrillRunner) {
        let ledger = try floodNight(dir, incidents: false)
        let scenario = try Self.scenario(disclosure)
        let (id, _) = try DrillRunner.scheduleOrResume(
            ledger: ledger, scenario: scenario, sealed: Data(disclosure.utf8), window: nil, at: fixedNow.addingTimeInterval(-60), coordinator: "he.ping",
            now: fixedNow.addingTimeInterval(-600), seed: 1)
        let runner = DrillRunner(ledger: ledger, scenario: scenario, drill: id, coordinator: "he.ping")
        try runner.tick(now: fixedNow.addingTimeInterval(-60))
        #expect(ledger.state.incidents[IncidentID(1)]?.exercise == id)
        return (ledger, runner)
    }

    @Test func aMarkedDrillIsMarkedEverywhereAndPlayedByKeys() throws {
        let dir = TempDir()
        let (ledger, drill) = try drillStarted(dir, disclosure: "marked")
        // The duty officer acknowledges and dispatches the nearest flood rescue team by keys.
        let (runner, terminal) = makeRunner(ledger, width: 120, height: 36, script: keys("a", "d1"))
        runner.run(untilScriptEnds: true)
        // The status bar: the real figures leave the drill out; the drill has its own count.
        expectOnScreen(terminal.screen, "EXERCISE DRL-1: 1 open  I:0  II:0  III:0  IV:0")
        expectOnScreen(terminal.screen, "EX INC-0001")  // the incident's row
        expectOnScreen(terminal.screen, "INC-0001 [EXERCISE DRL-1] flood")  // the detail's title
        let incident = try #require(ledger.state.incidents[IncidentID(1)])
        #expect(incident.status == .responding)
        let team = try #require(incident.teams.first)
        // What the player did is on the drill's record, under their own name.
        let record = try ledger.store.events(exercise: "DRL-1")
        #expect(record.contains { $0.by == "li.na" && $0.event == .teamAssigned(team: team, incident: IncidentID(1)) })

        // The drill ends: the console shows the stand-down, the team is available again.
        try drill.tick(now: fixedNow.addingTimeInterval(3600))
        terminal.feed(keys(.key(.down)))
        runner.run(untilScriptEnds: true)
        #expect(ledger.state.teams[team]?.status == .available)
        expectOnScreen(terminal.screen, "no active incidents")
        let statusBar = terminal.screen.lines[0]
        #expect(!statusBar.contains("EXERCISE"), "the status bar still announces the drill: \(statusBar)")
    }

    @Test func aBlindDrillLooksRealToPlayersButNotToItsCoordinator() throws {
        let dir = TempDir()
        let (ledger, _) = try drillStarted(dir, disclosure: "blind")
        let (runner, terminal) = makeRunner(ledger, width: 120, height: 36)
        runner.run(untilScriptEnds: true)
        expectOnScreen(terminal.screen, "INC-0001")
        for mark in ["EXERCISE", "EX INC", "DRL-1", "演练"] {
            let seen = terminal.screen.contains(mark)
            #expect(!seen, "a player sees \(mark)")
        }
        // A coordinator at a console sees what it is.
        var model = runner.model
        model.revealDrills = true
        runner.setModelForTesting(model)
        let seen = runner.frame().contains("EXERCISE DRL-1")
        #expect(seen)
        // A real emergency: the coordinator stops the drill from the command bar.
        terminal.feed(keys(":", "abort-drill DRL-1 real flood in Fangshan", .enter))
        runner.run(untilScriptEnds: true)
        expectOnScreen(terminal.screen, "drill DRL-1 ABORTED: real flood in Fangshan")
        #expect(ledger.state.drills["DRL-1"]?.aborted == true)
        #expect(ledger.state.incidents[IncidentID(1)]?.status == .closed)
    }
}
