import CommandModel
import DecisionHubTestSupport
import EventLog
import Foundation
import Testing

private let start = Date(timeIntervalSince1970: 1_772_355_600)  // 2026-03-01 09:00 UTC
private func at(_ seconds: Double) -> Date { start.addingTimeInterval(seconds) }

/// Drills through the ledger and the runner, as `decision-hub drill start` runs them.
@Suite("Drills never touch the real record, through the ledger")
struct DrillIsolationTests {
    struct World {
        let store = InMemoryEventStore()
        let ledger: Ledger

        init() throws { ledger = try Ledger(store: store) }

        func player(_ line: String, as who: String = "wang", at t: Double) throws {
            try ledger.execute(try Grammar.parse(line, now: at(t)), operatorName: who, now: { at(t) })
        }

        func run(_ yaml: String, until end: Double, every step: Double = 1, players: [Double: String] = [:]) throws -> (drill: String, scenario: DrillScenario) {
            let (scenario, issues) = DrillScenario.load(yaml, file: "drill.yaml")
            let s = try #require(scenario, "\(issues.map(\.message.en))")
            let drill = try DrillRunner.scheduleOrResume(ledger: ledger, scenario: s, sealed: Data(yaml.utf8), window: nil, at: start, coordinator: "coord", now: at(-10), seed: 1).drill
            let runner = DrillRunner(ledger: ledger, scenario: s, drill: drill, coordinator: "coord")
            var t = 0.0
            while t <= end {
                try runner.tick(now: at(t))
                for (when, line) in players where when == t { try player(line, at: t) }
                t += step
            }
            return (drill, s)
        }

        /// The real part of the state, and the state folded from the real events alone.
        func realParts() throws -> (now: CommandState, withoutDrills: CommandState) {
            let real = try store.events(after: 0, limit: 1_000_000).filter { $0.exercise == nil }
            return (ledger.state.real, CommandState.replay(real).real)
        }
    }

    /// The "23·7" collision: injects that name the real response, warning and incident are
    /// refused and skipped with the reason; the drill's own response is adjusted through
    /// `{placeholder}`; a player's Level I for the drill's flood, and a real team on it, are
    /// the drill's and gone at the stand-down. The real state is exactly as it was.
    @Test func aCollisionDrillLeavesTheRealStateExactlyAsItWas() throws {
        let w = try World()
        try w.ledger.execute(
            [.team(.register(TeamProfile(id: TeamID("FR-1"), name: Bilingual("FR-1", "FR-1"), capabilities: [.floodRescue], base: Cell(x: 1, y: 1))))], operatorName: "admin",
            now: { at(-100) })
        try w.player("report flood at cell:5,5 title \"Real flood\"", at: -90)  // INC-0001
        try w.player("respond flood III city real rain", as: "boss", at: -80)  // RSP-1
        try w.player("warn rainstorm blue city by BMO", at: -70)  // WRN-1
        let before = w.ledger.state.real
        let yaml = """
            name: {en: Collision, zh: 冲突}
            disclosure: blind
            operator: 12345-hotline
            end: +30m
            injects:
              - {id: flood, at: +0m, do: "report flood at cell:9,9 title \\"Drill flood\\""}
              - {id: rsp, at: +1m, do: "respond flood II city drill response"}
              - {id: raise-real, at: +2m, do: "respond RSP-1 I city raise the real one"}
              - {id: lift-real, at: +3m, do: "warn lift WRN-1 lift the real one"}
              - {id: touch-real, at: +4m, do: "note INC-0001 touch the real incident"}
              - {id: end-real, at: +5m, do: "respond end RSP-1 end the real one"}
              - {id: lower-own, at: +6m, do: "respond {rsp} III city easing"}
            """
        let (drill, scenario) = try w.run(
            yaml, until: 31 * 60, every: 60,
            players: [
                420: "ack INC-0002", 480: "assign INC-0002 FR-1", 540: "respond flood I city for INC-0002 the flood is catastrophic",
            ])
        // The dry run told the coordinator before the start.
        let warnings = scenario.dryRun(plans: .empty, grid: nil, file: "drill.yaml").warnings.map(\.message.en)
        #expect(warnings.filter { $0.hasPrefix("names ") }.count == 4)
        let run = try #require(w.ledger.state.drills[drill])
        #expect(run.ended != nil)
        #expect(Set(run.skipped.keys) == ["raise-real", "lift-real", "touch-real", "end-real"])
        #expect(Set(run.fired.keys) == ["flood", "rsp", "lower-own"])
        #expect(w.ledger.state.responses[ResponseID(2)]?.levels.values.contains(.iii) == true)  // {rsp} resolved
        // The player's Level I is the drill's, and ended with it.
        let playersResponse = try #require(w.ledger.state.responses[ResponseID(3)])
        #expect(playersResponse.exercise == drill && !playersResponse.isActive)
        // Exactly as it was: the team's `since` included.
        #expect(w.ledger.state.real == before)
        let parts = try w.realParts()
        #expect(parts.now == parts.withoutDrills)
        #expect(w.ledger.state.responses[ResponseID(1)]?.highest == .iii)
        #expect(w.ledger.state.warnings[WarningID(1)]?.lifted == nil)
    }

    /// `speed: 60`: an hour of scenario in a wall minute; the injects, the incident's reporting
    /// deadline and the evaluation all run on scenario time. Injects from several sources, an
    /// expectation serving two objectives.
    @Test func aSpeed60DrillRunsOnScenarioTime() throws {
        let w = try World()
        let yaml = """
            name: {en: Fast, zh: 快速}
            disclosure: marked
            operator: 12345-hotline
            sources: [110-police, rain-gauges]
            speed: 60
            end: +120m
            objectives:
              - {id: ack, text: {en: Acknowledge, zh: 确认}}
              - {id: all, text: {en: Everything, zh: 全部}}
            injects:
              - id: flood
                at: +0m
                from: rain-gauges
                do: report flood at cell:9,9 title "Gauge alarm"
                expect: {acknowledge-within: 5m, objectives: [ack, all]}
              - {id: later, at: +60m, from: 110-police, do: "note {flood} police on the bridge"}
            """
        let (drill, _) = try w.run(yaml, until: 130, every: 1, players: [3: "ack INC-0001"])
        let run = try #require(w.ledger.state.drills[drill])
        // +60m of scenario fired at one wall minute; the stand-down at +120m, two wall minutes.
        #expect(run.fired["later"]?.at == at(60))
        #expect(run.ended == at(120))
        let flood = try #require(w.ledger.state.incidents[IncidentID(1)])
        #expect(flood.reporter == "rain-gauges" && flood.pace == 60)
        let events = try w.store.events(exercise: drill)
        #expect(events.contains { $0.by == "110-police" })
        // The reporting stage due within 30 minutes of scenario falls 30 wall seconds on.
        let plans = try #require(PlanBook.load(files: [("reporting.yaml", Self.reporting)]).book as PlanBook?)
        let due = flood.deadlines(at: at(0), plans: plans).first?.due
        #expect(due == at(30))
        // Acknowledged 3 wall seconds after: 3 scenario minutes, within the 5 expected.
        let e = DrillEvaluation.evaluate(run: run, events: events, teams: [:], at: run.ended ?? at(130))
        #expect(e.speed == 60)
        #expect(e.injects.first?.acknowledgeSeconds == 180)
        #expect(e.injects.first?.checks.first?.outcome == .met)
        #expect(e.objectives.map(\.id) == ["ack", "all"])
        #expect(e.objectives.allSatisfy { $0.checks == 1 && $0.met == 1 })
        #expect(e.players.keys.sorted() == ["wang"])  // the sources are not players
        #expect(e.markdown(.en).contains("×60"))
    }

    static let reporting = """
        version: 1
        reporting:
          - categories: [natural-disaster]
            source: test
            stages:
              - {id: city-phone, name: {en: phone, zh: 电话}, within-minutes: 30}
        """
}

/// Issue #16's drill, through the ledger and the runner: a flood drill opens a shelter and fills
/// it to refusal, raises a supply request approved and delivered in part from two depots, asks
/// Hebei for two boat teams and sees them in the recommendation; the after-action report shows
/// each with its time; the real record is as it was.
@Suite("A resources drill")
struct ResourcesDrillTests {
    @Test func sheltersSuppliesAndMutualAidInABlindDrill() throws {
        let w = try DrillIsolationTests.World()
        var plans = PlanBook.load(files: [("supplies.yaml", "supplies:\n  - {id: sandbags, name: {en: sandbags, zh: 沙袋}, unit: {en: bags, zh: 条}}\n")]).book
        plans.centre.aidLevels = [.i, .ii]
        plans.centre.neighbours = ["hebei": Bilingual("Hebei", "河北")]
        let grid = Resources.shared.grid
        let ledger = try Ledger(store: w.store, plans: plans, grid: grid)
        func real(_ line: String, at t: Double) throws { try ledger.execute(try Grammar.parse(line, now: start.addingTimeInterval(t)), operatorName: "li.na", now: { start.addingTimeInterval(t) }) }
        for line in [
            "facility add SH-1 shelter at dongcheng name \"School\" capacity 100", "facility add DP-1 depot at xicheng name \"West depot\"",
            "facility add DP-2 depot at chaoyang name \"East depot\"", "stock DP-1 in sandbags 600", "stock DP-2 in sandbags 600",
        ] { try real(line, at: -300) }
        let before = ledger.state.real
        let yaml = """
            name: {en: Resources, zh: 资源}
            disclosure: blind
            operator: 12345-hotline
            end: +60m
            injects:
              - {id: flood, at: +0m, do: "report flood at dongcheng title \\"Drill flood\\" deaths=12 evacuated=300"}
              - {id: open, at: +1m, do: "shelter SH-1 open for {flood} drill evacuation"}
            """
        let (scenario, issues) = DrillScenario.load(yaml, file: "drill.yaml")
        let s = try #require(scenario, "\(issues.map(\.message.en))")
        let drill = try DrillRunner.scheduleOrResume(ledger: ledger, scenario: s, sealed: Data(yaml.utf8), window: nil, at: start, coordinator: "coord", now: start.addingTimeInterval(-10), seed: 1)
            .drill
        let runner = DrillRunner(ledger: ledger, scenario: s, drill: drill, coordinator: "coord")
        try runner.tick(now: start)
        try runner.tick(now: start.addingTimeInterval(60))
        let flood = IncidentID(1)
        #expect(ledger.state.incidents[flood]?.exercise == drill)
        // The players (who do not know it is a drill).
        try real("ack INC-0001", at: 120)
        try real("level INC-0001 II twelve dead", at: 130)
        try real("shelter SH-1 in 90 for INC-0001", at: 180)
        #expect(throws: ExecutionError.self) { try real("shelter SH-1 in 20 for INC-0001", at: 190) }  // full: 10 places left
        try real("supply request INC-0001 sandbags=1000 priority urgent", at: 240)
        try real("supply approve REQ-1", at: 250)
        try real("supply commit REQ-1 DP-1 sandbags=500", at: 260)
        try real("supply commit REQ-1 DP-2 sandbags=300", at: 270)
        try real("supply send REQ-1 DP-1", at: 280)
        try real("supply deliver REQ-1 DP-1", at: 400)
        try real("aid request INC-0001 hebei teams flood-rescue=2 at dongcheng", at: 300)
        try real("aid offer AID-1 from hebei team HB-B1 flood-rescue \"Hebei boats 1\" team HB-B2 flood-rescue \"Hebei boats 2\" eta +2h", at: 310)
        try real("aid accept AID-1", at: 320)
        let options = ledger.state.recommend(for: flood, plans: Resources.shared.plans, grid: grid)?.options.map(\.team) ?? []
        #expect(options.contains(TeamID("HB-B1")) && options.contains(TeamID("HB-B2")))
        #expect(ledger.state.supplyRequests["REQ-1"]?.stage == Bilingual("partly delivered", "部分送达"))
        // Every one of those was the drill's.
        let events = try w.store.events(exercise: drill)
        for kind: Event.Kind in [.shelterOpened, .sheltered, .supplyRequested, .supplyCommitted, .supplyDelivered, .aidRequested, .aidAccepted] {
            #expect(events.contains { $0.event.kind == kind }, "\(kind) is not the drill's")
        }
        try runner.tick(now: start.addingTimeInterval(3600))
        let run = try #require(ledger.state.drills[drill])
        #expect(run.ended != nil)
        // The report shows each with its time (minutes after the start).
        let report = DrillEvaluation.evaluate(run: run, events: try w.store.events(exercise: drill), teams: ledger.state.teams, at: run.ended ?? start).markdown(.en)
        for text in [
            "shelter SH-1 opened for INC-0001", "90 checked in at shelter SH-1 from INC-0001", "supply request REQ-1", "DP-1's part of REQ-1 delivered", "AID-1: help asked of hebei",
            "offer 1 for AID-1 accepted",
        ] {
            #expect(report.contains(text), "the report lacks '\(text)'")
        }
        // The real record as it was: the shelter closed, the shelves full, no visitors.
        #expect(ledger.state.real == before)
        #expect(ledger.state.shelterStatus(FacilityID("SH-1"), at: start.addingTimeInterval(3600)) == .closed)
        #expect(ledger.state.stock[FacilityID("DP-1")]?["sandbags"] == StockLine(quantity: 600))
        #expect(ledger.state.teams[TeamID("HB-B1")] == nil)
    }
}
