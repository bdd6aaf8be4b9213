import CommandModel
import Foundation
import Testing

/// The shift handover: the brief from the record at 08:00, every open item in it, drills shown as
/// their reader may see them, and the incoming officer's acknowledgement on the record.
@Suite("Shift handover")
struct HandoverTests {
    /// A night: INC-0001 a flood at level II (acknowledged, a team out, a supply request short, the
    /// first report drafted not approved), INC-0002 a fire reported and not acknowledged, INC-0003
    /// closed; a rainstorm warning in force; a blind drill running with its own incident.
    func night() throws -> (Scenario, [RecordedEvent]) {
        var s = Scenario()
        var log: [RecordedEvent] = []
        func record(_ commands: Command...) throws {
            for c in commands {
                let events = try #require(s.when(c).events, "\(c)")
                for e in events { log.append(RecordedEvent(sequence: Int64(log.count + 1), id: "e\(log.count + 1)", at: s.now, by: s.operatorName, exercise: s.exercise, event: e)) }
            }
        }
        try record(.team(.register(team("FR-1", [.floodRescue], at: Cell(x: 1, y: 1)))))
        s.now = t0 + 3600
        try record(try line("report flood at cell:4,4 deaths=1 missing=3 title \"Flash flood, Yanchi\""), .incident(.acknowledge(IncidentID(1))))
        try record(try line("level INC-0001 II seven dead or missing"), .team(.assign(TeamID("FR-1"), to: IncidentID(1))))
        try record(try line("supply request INC-0001 sandbags=2000 priority urgent"))
        try record(try line("warn rainstorm red west by BMO"))
        try record(try line("sitrep draft INC-0001"))
        try record(try line("report fire at cell:2,2 title \"Warehouse fire\""))
        try record(try line("report waterlogging at cell:3,3 title \"Underpass\""), .incident(.acknowledge(IncidentID(3))))
        try record(.incident(.cancel(IncidentID(3), reason: "duplicate of INC-0001")))
        try record(.drill(.schedule(drillInfo(.blind, start: t0))))
        s.exercise = "DRL-1"
        try record(try line("report landslide at cell:5,5 title \"G108 slope\""))
        s.exercise = nil
        s.now = t0 + 4 * 3600
        return (s, log)
    }

    @Test func theBriefListsEveryOpenItemWithWhatIsPending() throws {
        let (s, log) = try night()
        let brief = HandoverBrief.build(state: s.state, events: log, plans: s.plans, roster: nil, since: t0, now: s.now, coordinator: false)
        let en = brief.markdown(.en)
        // Highest level first; the blind drill's incident looks real to a player
        #expect(brief.openIncidents == 3)
        let order = ["INC-0001 level II", "INC-0002 no level", "INC-0004 no level"].map { en.range(of: $0)?.lowerBound }
        #expect(order.allSatisfy { $0 != nil } && order == order.sorted { ($0 ?? en.endIndex) < ($1 ?? en.endIndex) }, "\(en)")
        #expect(en.contains("  - situation report v1 awaiting a leader's approval"))
        #expect(en.contains("  - REQ-1 short: sandbags 2000 (not approved)"))
        #expect(en.contains("  - Municipal duty office (phone) OVERDUE by 150 min"), "\(en)")
        #expect(en.contains("  - not acknowledged"))
        #expect(en.contains("- FR-1 FR-1: dispatched · INC-0001"))
        #expect(en.contains("WRN-1 rainstorm red warning · west"), "\(en)")
        #expect(en.contains("INC-0003 cancelled: duplicate of INC-0001"))
        #expect(!en.contains("EXERCISE") && !en.contains("DRL-1") && !en.contains("Drills running"), "a player sees no drill")
        #expect(en.contains("No roster configured"))
        let zh = brief.markdown(.zh)
        #expect(zh.hasPrefix("# 交接班 · ") && zh.contains("## 未结事件（3）") && zh.contains("  - 信息报告第 1 版待领导审核"), "\(zh)")
    }

    @Test func aCoordinatorSeesTheDrillAndItsMarks() throws {
        let (s, log) = try night()
        let en = HandoverBrief.build(state: s.state, events: log, plans: s.plans, roster: nil, since: t0, now: s.now, coordinator: true).markdown(.en)
        #expect(en.contains("[EXERCISE DRL-1] INC-0004 no level"), "\(en)")
        #expect(en.contains("## Drills running\n\n- DRL-1 Flood drill (blind)"), "\(en)")
    }

    @Test func theIncomingOfficerAcceptsItOnTheRecord() throws {
        var (s, log) = try night()
        let brief = HandoverBrief.build(state: s.state, events: log, plans: s.plans, roster: nil, since: s.state.shiftStart(now: s.now), now: s.now, coordinator: false)
        let hash = SHA256Hex.of(brief.markdown(.zh))
        s.operatorName = "wang.fang"
        let events = try #require(s.when(.handover(.accept(from: "li.na", since: nil, sha256: hash))).events)
        #expect(events == [.handoverAccepted(handover: HandoverAccepted(from: "li.na", since: s.now - 12 * 3600, sha256: hash, openIncidents: 3))])
        #expect(s.state.lastHandover?.by == "wang.fang" && s.state.shiftStart(now: s.now + 60) == s.now)
        // The next brief starts where this one ended
        log = []
        let next = HandoverBrief.build(state: s.state, events: log, plans: s.plans, roster: nil, since: s.state.shiftStart(now: s.now + 60), now: s.now + 60, coordinator: false)
        #expect(next.markdown(.en).contains("- 0 events on the record this shift"))
        // Refused: a bad hash, a shift starting later, inside a drill
        #expect(s.trying(.handover(.accept(from: nil, since: nil, sha256: "xyz"))).rejection == .badBriefHash("xyz"))
        guard case .shiftStartsLater? = s.trying(.handover(.accept(from: nil, since: s.now + 600, sha256: nil))).rejection else {
            Issue.record("a shift starting later was accepted")
            return
        }
        s.exercise = "DRL-1"
        guard case .notInDrill? = s.trying(try line("handover accept")).rejection else {
            Issue.record("a drill accepted a handover")
            return
        }
    }

    @Test func theGrammarTakesTheAcceptance() throws {
        #expect(try line("handover accept") == .handover(.accept(from: nil, since: nil, sha256: nil)))
        #expect(try line("交接班 接班 交班人 li.na") == .handover(.accept(from: "li.na", since: nil, sha256: nil)))
        #expect(throws: GrammarError.self) { try Grammar.parse("handover give", now: t0) }
    }
}
