import CommandModel
import EventLog
import Foundation
import Testing

/// Whole drills on a simulated clock, against a real store: the runner fires injects, players
/// act through the command model, the drill stands down, and the evaluation is checked against
/// figures worked out by hand from the times below.
private let start = Date(timeIntervalSince1970: 1_772_355_600)  // 2026-03-01 09:00 UTC
private func at(_ minutes: Double) -> Date { start.addingTimeInterval(minutes * 60) }

@Suite("Drills on a simulated clock")
struct DrillRunTests {
    static let scenarioYAML = """
        name: {en: Valley flood, zh: 山谷洪水}
        disclosure: marked
        operator: 12345-hotline
        end: +60m
        objectives:
          - {id: ack, text: {en: Acknowledge new reports within 5 minutes, zh: 5 分钟内确认}}
          - {id: dispatch, text: {en: Dispatch flood rescue within 15 minutes, zh: 15 分钟内派出防汛队伍}}
          - {id: level, text: {en: Reach level II, zh: 启动 II 级响应}}
          - {id: unused, text: {en: Not measured, zh: 未测量}}
        injects:
          - id: flood
            at: +0m
            do: report flood at cell:10,10 title "Valley flood" deaths=2
            expect: {acknowledge-within: 5m, dispatch: [flood-rescue], dispatch-within: 15m, objective: dispatch}
          - id: ring-back
            after: flood 12m
            if-missed: flood
            do: note {flood} The caller rings back - nobody has come
          - id: worse
            after: flood 20m
            do: figures {flood} deaths=12
            expect: {level: II, level-within: 10m, objective: level}
          - id: barn
            at: +30m
            do: report fire at cell:20,20 title "Barn fire" caused-by {flood}
            expect: {acknowledge-within: 5m, objective: ack}
          - id: barn-ring
            after: barn 8m
            if-missed: barn
            do: note {barn} The neighbour calls again
        """

    struct World {
        let dir = TempDir()
        /// In memory: the drill's logic is under test here (the store's own tests use SQLite). A
        /// second `Ledger` over the same store is another process's view of it.
        let store: any EventStore
        let ledger: Ledger
        let scenario: DrillScenario
        let sealed = Data("sealed-scenario-bytes".utf8)

        init() throws {
            store = InMemoryEventStore()
            ledger = try Ledger(store: store)
            scenario = try #require(DrillScenario.load(DrillRunTests.scenarioYAML, file: "drill.yaml").scenario)
        }

        func player(_ line: String, as who: String = "wang", at minutes: Double) throws {
            try ledger.execute(try Grammar.parse(line, now: at(minutes)), operatorName: who, now: { at(minutes) })
        }

        func runner(_ ledger: Ledger? = nil, drill: String) -> DrillRunner {
            DrillRunner(ledger: ledger ?? self.ledger, scenario: scenario, drill: drill, coordinator: "coord")
        }

        func schedule() throws -> String {
            try DrillRunner.scheduleOrResume(ledger: ledger, scenario: scenario, sealed: sealed, window: nil, at: start, coordinator: "coord", now: at(-30), seed: 7).drill
        }

        func fired(_ drill: String) throws -> [String] {
            try store.events(exercise: drill).compactMap { if case let .injectFired(_, inject, _, _, _, _, _, _) = $0.event { inject } else { nil } }
        }
    }

    /// Real teams and a real incident, before the drill.
    func realWork(_ w: World) throws {
        for (id, cap) in [("FR-1", Capability.floodRescue), ("FR-2", .floodRescue), ("FR-3", .floodRescue), ("MED-1", .medical)] {
            try w.ledger.execute([.team(.register(TeamProfile(id: TeamID(id), name: Bilingual(id, id), capabilities: [cap], base: Cell(x: 1, y: 1))))], operatorName: "admin", now: { at(-60) })
        }
        try w.player("report traffic at cell:5,5 title \"Real crash\"", at: -50)  // INC-0001, real
        try w.player("ack INC-0001", at: -49)
        try w.player("assign INC-0001 MED-1", at: -48)
        try w.player("assign INC-0001 FR-3", at: -47)
        try w.player("release FR-3", at: -40)  // returning from real work: the drill must leave it alone
    }

    @Test func aWholeDrillFiresOnTimeRunsContingenciesOnlyWhenMissedAndEvaluatesFromTheRecord() throws {
        let w = try World()
        try realWork(w)
        let drill = try w.schedule()
        #expect(drill == "DRL-1")
        let runner = w.runner(drill: drill)

        #expect(try runner.tick(now: at(-1)).isEmpty)  // nothing before the start
        try runner.tick(now: at(0))
        #expect(try w.fired(drill) == ["flood"])
        let flood = IncidentID(2)
        #expect(w.ledger.state.incidents[flood]?.exercise == drill)
        #expect(w.ledger.state.incidents[flood]?.reporter == "12345-hotline")

        try runner.tick(now: at(5))  // nothing due
        try w.player("ack INC-0002", at: 7)  // late: 7 min against 5
        try runner.tick(now: at(12))  // the acknowledgement was late: the caller rings back
        #expect(try w.fired(drill) == ["flood", "ring-back"])
        try w.player("assign INC-0002 FR-1", at: 13)  // in time: 13 min against 15
        try w.player("assign INC-0002 FR-2", at: 14)
        try w.player("team FR-1 on-scene", at: 25)
        try runner.tick(now: at(20))
        try w.player("level INC-0002 II twelve dead", as: "boss", at: 24)  // 4 min after "worse": in time
        try w.player("release FR-2", at: 26)  // back from the drill, still returning at the end
        try runner.tick(now: at(30))
        let barn = IncidentID(3)
        #expect(w.ledger.state.incidents[barn]?.causedBy == flood)
        try w.player("ack INC-0003", at: 32)
        try runner.tick(now: at(38))  // acknowledged in time: no second call
        #expect(try w.fired(drill) == ["flood", "ring-back", "worse", "barn"])
        #expect(w.ledger.state.drills[drill]?.skipped["barn-ring"] == .notNeeded(watching: "barn"))

        // A player's action on a drill incident belongs to the drill; the real incident's do not.
        let record = try w.store.events(exercise: drill)
        #expect(record.contains { $0.by == "wang" && $0.event == .incidentAcknowledged(incident: flood) })
        #expect(!record.contains { $0.event.incident == IncidentID(1) })

        try runner.tick(now: at(60))  // the scenario's end: stand-down
        let s = w.ledger.state
        #expect(s.drills[drill]?.isRunning == false)
        #expect(s.incidents[flood]?.status == .closed && s.incidents[barn]?.status == .closed)
        #expect(s.incidents[IncidentID(1)]?.status == .responding)  // the real incident is untouched
        #expect(s.teams[TeamID("FR-1")]?.status == .available)  // was on scene at the drill
        #expect(s.teams[TeamID("FR-2")]?.status == .available)  // was returning from the drill
        #expect(s.teams[TeamID("FR-3")]?.status == .returning)  // returning from real work
        #expect(s.teams[TeamID("MED-1")]?.status == .dispatched)  // on real work
        #expect(s.teams[TeamID("MED-1")]?.incident == IncidentID(1))
        #expect(try runner.tick(now: at(61)).isEmpty)

        // The evaluation, from the record alone: figures worked out by hand from the times above.
        let run = try #require(s.drills[drill])
        let e = DrillEvaluation.evaluate(run: run, events: try w.store.events(exercise: drill), teams: s.teams, at: at(61))
        let byInject = Dictionary(uniqueKeysWithValues: e.injects.map { ($0.inject, $0) })
        let f = try #require(byInject["flood"])
        #expect(f.acknowledgeSeconds == 420)
        #expect(f.firstDispatchSeconds == 780)
        #expect(f.onSceneSeconds == 1500)
        #expect(f.highestLevel == .ii)
        #expect(f.checks.map(\.outcome) == [.late, .met])
        let worse = try #require(byInject["worse"])
        #expect(worse.offsetSeconds == 1200)
        #expect(worse.levelSeconds == 240)
        #expect(worse.checks.map(\.outcome) == [.met])
        #expect(byInject["barn"]?.acknowledgeSeconds == 120)
        #expect(byInject["ring-back"]?.contingency == true)
        #expect(byInject["ring-back"]?.acknowledgeSeconds == -300)  // acknowledged 5 min before the caller rang back
        #expect(byInject["ring-back"]?.firstDispatchSeconds == 60)
        #expect(e.objectives.map(\.rating) == [.performed, .someChallenges, .performed, nil])
        #expect(e.players["wang"] != nil && e.players["boss"] == 1)
        #expect(e.improvements.contains { $0.en.contains("flood (INC-0002): acknowledge took 7.0 min, expected within 5 min") })
        #expect(e.improvements.contains { $0.en.contains("ring-back: the contingency inject had to fire") })
        #expect(e.timeline.first?.text.en.contains("drill DRL-1 scheduled") == true)
        // The after-action report shows the same figures (times in the centre's zone).
        let md = e.markdown(.en)
        #expect(md.contains("| flood | 17:00:00 (+0:00) | INC-0002 | 7.0 min | 24.0 min (II) | 13.0 min | 25.0 min |"), "\(md)")
        #expect(md.contains("| flood | acknowledge | 5 min | 7.0 min | ✘ late |"))
        #expect(md.contains("| ring-back (contingency) | 17:12:00 (+12:00) | INC-0002 | before | 12.0 min (II) | 1.0 min | 13.0 min |"), "\(md)")
        #expect(md.contains("| worse | reach level II | 10 min | 4.0 min | ✔ met |"))
        #expect(md.contains("| Dispatch flood rescue within 15 minutes | **S** performed with some challenges | 1/2 |"))
        #expect(md.contains("| barn-ring | not fired: not needed: barn met its expectations in time |"))
        #expect(e.markdown(.zh).contains("| barn-ring | 未触发: 无需触发：barn 已按时达标 |"))
    }

    @Test func aContingencyFiresOnlyWhenItsExpectationIsMissed() throws {
        // Acknowledged in time, nothing else due by +12 min: no ring-back.
        let w = try World()
        let drill = try w.schedule()
        let runner = w.runner(drill: drill)
        try runner.tick(now: at(0))
        try w.player("ack INC-0001", at: 3)
        try runner.tick(now: at(12))
        #expect(try w.fired(drill) == ["flood"])
        #expect(w.ledger.state.drills[drill]?.skipped["ring-back"] != nil)
        // Never acknowledged at all: the second call comes.
        let w2 = try World()
        let d2 = try w2.schedule()
        let r2 = w2.runner(drill: d2)
        try r2.tick(now: at(0))
        try r2.tick(now: at(12))
        #expect(try w2.fired(d2) == ["flood", "ring-back"])
    }

    @Test func aRestartedRunnerFiresNothingTwice() throws {
        let w = try World()
        let drill = try w.schedule()
        try w.runner(drill: drill).tick(now: at(0))
        try w.runner(drill: drill).tick(now: at(12))
        // The runner "crashes"; a new process opens the store and starts the same sealed file.
        let ledger2 = try Ledger(store: w.store)
        let again = try DrillRunner.scheduleOrResume(ledger: ledger2, scenario: w.scenario, sealed: w.sealed, window: nil, at: nil, coordinator: "coord", now: at(15))
        #expect(again.drill == drill && again.resumed)
        let second = w.runner(ledger2, drill: drill)
        try second.tick(now: at(15))
        // Two runners racing on the same minute: each inject still fires once.
        try second.tick(now: at(21))
        try w.runner(drill: drill).tick(now: at(21))
        try second.tick(now: at(31))
        try w.runner(drill: drill).tick(now: at(31))
        let fired = try w.fired(drill)
        #expect(fired == ["flood", "ring-back", "worse", "barn"])
        #expect(Set(fired).count == fired.count)
    }

    @Test func twoRunnersRecordingTheSameSkipAtOnceRecordItOnce() throws {
        // A skip writes only to the drill journal: the append still checks the journal's head,
        // so a runner with a stale view is refused and sees the other's entry.
        let w = try World()
        let drill = try w.schedule()
        let other = try Ledger(store: w.store)
        let skip = Command.drill(.skipInject(drill: drill, inject: "ring-back", reason: .notNeeded(watching: "flood")))
        try w.ledger.execute([skip], operatorName: "coord", now: { at(12) })
        #expect(throws: ExecutionError.self) { try other.execute([skip], operatorName: "coord", now: { at(12) }) }
        #expect(try w.store.journal(after: 0, upTo: .max).filter { $0.event.kind == .injectSkipped }.count == 1)
        #expect(other.state.drills[drill]?.skipped["ring-back"] == .notNeeded(watching: "flood"))
        #expect(try w.store.head() == 0, "nothing in the log")
    }

    @Test func anAbortStandsDownAtOnceAndTouchesNothingReal() throws {
        let w = try World()
        try realWork(w)
        let drill = try w.schedule()
        try w.runner(drill: drill).tick(now: at(0))
        try w.player("ack INC-0002", at: 1)
        try w.player("assign INC-0002 FR-1", at: 2)
        try w.player("note INC-0002 the coordinator plays too", as: "coord", at: 2.5)  // a small centre
        let before = w.ledger.state
        let recorded = try w.ledger.execute([.drill(.end(drill: drill, reason: "real emergency, stop the drill", aborted: true))], operatorName: "coord", now: { at(3) })
        #expect(recorded.allSatisfy { $0.exercise == drill })
        let s = w.ledger.state
        #expect(s.drills[drill]?.aborted == true)
        #expect(s.incidents[IncidentID(2)]?.status == .closed)
        #expect(s.incidents[IncidentID(2)]?.summary == "Exercise DRL-1 aborted · 演练中止: real emergency, stop the drill")
        #expect(s.teams[TeamID("FR-1")]?.status == .available)
        for id in ["FR-3", "MED-1"] { #expect(s.teams[TeamID(id)] == before.teams[TeamID(id)]) }
        #expect(s.incidents[IncidentID(1)] == before.incidents[IncidentID(1)])
        // The coordinator's moves as a player count; the stand-down does not.
        let run = try #require(s.drills[drill])
        let e = DrillEvaluation.evaluate(run: run, events: try w.store.events(exercise: drill), teams: s.teams, at: at(3))
        #expect(e.players == ["wang": 3, "coord": 1])
        // Nothing fires after the end, and the end cannot be repeated.
        #expect(try w.runner(drill: drill).tick(now: at(30)).isEmpty)
        #expect(throws: ExecutionError.self) { try w.ledger.execute([.drill(.end(drill: drill, reason: "again", aborted: false))], operatorName: "coord", now: { at(31) }) }
    }

    @Test func theDrillStateSurvivesASnapshot() throws {
        let w = try World()
        let drill = try w.schedule()
        try w.runner(drill: drill).tick(now: at(0))
        try w.store.saveSnapshot(w.ledger.state)
        let restored = try #require(try w.store.latestSnapshot(atMost: w.ledger.state.sequence))
        #expect(restored == w.ledger.state)
        #expect(restored.drills[drill]?.fired["flood"] != nil)
    }

    @Test func pagesDuringADrillAreEvaluatedAndTheOpenOnesWithdrawnAtTheEnd() throws {
        let yaml = """
            timezone: Asia/Shanghai
            people:
              - {id: duty, name: {en: Li Na, zh: 李娜}, logins: [wang], roles: [duty-officer]}
              - {id: lead, name: {en: Zhao Min, zh: 赵敏}, logins: [zhao], roles: [oncall-leader]}
              - {id: coord, name: {en: He Ping, zh: 何平}, logins: [coord], roles: [drill-coordinator]}
            rotations:
              - {role: duty-officer, handoff: daily 00:00, start: 2026-01-01, members: [duty]}
              - {role: oncall-leader, handoff: daily 00:00, start: 2026-01-01, members: [lead]}
            escalation:
              - name: unacked
                trigger: unacknowledged
                after-minutes: 3
                steps:
                  - {page: duty-officer, wait-minutes: 5}
                  - {page: oncall-leader, wait-minutes: 10}
            """
        let (roster, issues) = Roster.load(yaml, file: "roster.yaml")
        #expect(issues.isEmpty)
        let w = try World()
        w.ledger.roster = roster
        // A player may not start or end a drill.
        #expect(throws: ExecutionError.self) {
            try DrillRunner.scheduleOrResume(ledger: w.ledger, scenario: w.scenario, sealed: w.sealed, window: nil, at: start, coordinator: "wang", now: at(-30))
        }
        let drill = try w.schedule()
        let runner = w.runner(drill: drill)
        try runner.tick(now: at(0))
        #expect(try w.ledger.escalate(now: at(3)).map(\.person) == ["duty"])
        #expect(try w.ledger.escalate(now: at(8)).map(\.person) == ["lead"])  // not acknowledged: the next step
        try w.ledger.execute([.paging(.acknowledge("INC-0001/unacked/1/lead"))], operatorName: "zhao", now: { at(10) })
        #expect(throws: ExecutionError.self) { try w.ledger.execute([.drill(.end(drill: drill, reason: "stop", aborted: true))], operatorName: "wang", now: { at(11) }) }
        try runner.tick(now: at(60))
        let s = w.ledger.state
        #expect(s.pages["INC-0001/unacked/0/duty"]?.cancelledAt == at(60))  // withdrawn: nobody needs to answer it now
        #expect(s.pages["INC-0001/unacked/1/lead"]?.cancelledAt == nil)
        let e = DrillEvaluation.evaluate(run: try #require(s.drills[drill]), events: try w.store.events(exercise: drill), teams: s.teams, at: at(60))
        #expect(e.pages.map(\.person) == ["duty", "lead"])
        #expect(e.pages.map(\.acknowledgedAfterSeconds) == [nil, 120])
        #expect(e.pages.first?.withdrawn == true)
        #expect(e.improvements.contains { $0.en == "page to duty about INC-0001 was never acknowledged" })
        #expect(e.markdown(.en).contains("| lead (on-call leader) | INC-0001 |"))
    }

    @Test func anInjectsAreaResponseAndWarningAreTheDrillsAndEndWithIt() throws {
        let w = try World()
        let yaml = """
            name: {en: Storm drill, zh: 暴雨演练}
            disclosure: marked
            end: +30m
            injects:
              - id: storm
                at: +0m
                do: warn rainstorm orange city by "Municipal Meteorological Service"
              - id: respond
                at: +1m
                do: respond flood III city heavy rain forecast
            """
        let scenario = try #require(DrillScenario.load(yaml, file: "storm.yaml").scenario)
        let (drill, _) = try DrillRunner.scheduleOrResume(ledger: w.ledger, scenario: scenario, sealed: Data("storm".utf8), window: nil, at: start, coordinator: "coord", now: at(-1), seed: 1)
        let runner = DrillRunner(ledger: w.ledger, scenario: scenario, drill: drill, coordinator: "coord")
        try w.player("respond waterlogging IV city real rain in the east", at: 0)  // real, by a player
        try runner.tick(now: at(1))
        let s = w.ledger.state
        #expect(s.warnings.values.map(\.exercise) == [drill])
        #expect(s.responses.values.sorted { $0.id < $1.id }.map(\.exercise) == [nil, drill])
        try runner.tick(now: at(30))
        let after = w.ledger.state
        #expect(after.warnings.values.allSatisfy { $0.lifted != nil })
        #expect(after.responses.values.filter(\.isActive).map(\.exercise) == [nil], "the real response stays")
        // Reopened from the store, the drill's response is still known as the drill's.
        let reopened = try Ledger(store: w.store)
        #expect(reopened.state.responses.values.sorted { $0.id < $1.id }.map(\.exercise) == [nil, drill])
    }

    @Test func drillPayloadsWrittenBeforeLaterFieldsStillRead() throws {
        // A schedule without objectives or inject ids, an expectation without plan items.
        let codec = EventCodec()
        let scheduled = try codec.event(
            from:
                #"{"drillScheduled":{"drill":{"digest":"d","disclosure":"blind","endsAt":"2026-03-01T10:00:00.000Z","id":"DRL-1","name":{"en":"Old","zh":"旧"},"operatorName":"x","seed":1,"sealed":"","startsAt":"2026-03-01T09:00:00.000Z"}}}"#
        )
        guard case let .drillScheduled(info) = scheduled else { Issue.record("not a schedule"); return }
        #expect(info.injects.isEmpty && info.objectives.isEmpty && info.name.zh == "旧")
        let fired = try codec.event(
            from: #"{"injectFired":{"contingency":false,"drill":"DRL-1","expect":{"acknowledgeWithinMinutes":5},"incident":"INC-0001","inject":"a","line":"ack INC-0001"}}"#)
        guard case let .injectFired(_, _, _, _, expect, _, _, _) = fired else { Issue.record("not an inject"); return }
        #expect(expect == DrillScenario.Expectation(acknowledgeWithinMinutes: 5))
    }

    @Test func aRunnerBackAfterTheEndStandsDownWithoutFiringWhatItMissed() throws {
        let w = try World()
        let drill = try w.schedule()
        try w.runner(drill: drill).tick(now: at(0))
        // Down from +1 to +70 min (the scenario ends at +60): on its return nothing late fires.
        try w.runner(drill: drill).tick(now: at(70))
        #expect(try w.fired(drill) == ["flood"])
        let run = try #require(w.ledger.state.drills[drill])
        #expect(!run.isRunning)
        let e = DrillEvaluation.evaluate(run: run, events: try w.store.events(exercise: drill), teams: w.ledger.state.teams, at: at(70))
        #expect(e.notReached == ["ring-back", "worse", "barn", "barn-ring"])
        #expect(e.injects.first?.checks.map(\.outcome) == [.missed, .missed])
    }
}
