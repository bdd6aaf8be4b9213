import CommandModel
import Foundation
import Testing

/// One drill-visibility policy, for the console (from the state) and the log (from the record):
/// both forms agree on every event of a blind and a marked drill, before and after their end.
@Suite("Drill visibility")
struct DrillVisibilityTests {
    func info(_ id: String, _ disclosure: DrillScenario.Disclosure) -> DrillInfo {
        var i = DrillInfo(
            name: Bilingual(id, id), disclosure: disclosure, startsAt: t0, endsAt: t0.addingTimeInterval(3600), seed: 1, digest: id, sealed: "", operatorName: "d", objectives: [], injects: [])
        i.id = id
        return i
    }

    func recorded(_ n: Int64, _ event: Event, exercise: String?, journal: Int64? = nil) -> RecordedEvent {
        RecordedEvent(sequence: n, id: "e\(n)", at: t0, by: "x", exercise: exercise, event: event, journal: journal)
    }

    @Test func aBlindDrillIsHiddenFromPlayersUntilItEndsAndAMarkedOneNever() {
        let control = [
            recorded(0, .drillScheduled(drill: info("DRL-1", .blind)), exercise: "DRL-1", journal: 1),
            recorded(0, .drillScheduled(drill: info("DRL-2", .marked)), exercise: "DRL-2", journal: 2),
        ]
        var state = CommandState()
        for c in control { state.apply(c) }
        let report = IncidentReport(id: IncidentID(1), type: .flood, title: "t", location: Location(cell: Cell(x: 1, y: 1)), reporter: "x")
        let blindEvent = recorded(1, .incidentReported(report: report), exercise: "DRL-1")
        let markedEvent = recorded(2, .noteAdded(incident: IncidentID(1), text: "n"), exercise: "DRL-2")

        for player in [DrillVisibility(controlEvents: control, reveal: false), DrillVisibility(state: state, reveal: false)] {
            #expect(player.shown(control[0]) == nil, "control events are never shown to players")
            #expect(player.shown(blindEvent)?.exercise == nil, "the drill id is stored once: without it the report reads as real")
            #expect(player.shown(markedEvent)?.exercise == "DRL-2")
        }
        #expect(!DrillVisibility.isMarked("DRL-1", in: state, reveal: false))
        #expect(DrillVisibility.isMarked("DRL-2", in: state, reveal: false))
        #expect(DrillVisibility.isMarked("DRL-1", in: state, reveal: true), "a coordinator sees every mark")
        #expect(DrillVisibility.announced(in: state, reveal: false).map(\.id) == ["DRL-2"])

        // Once the blind drill is over, it shows as what it was.
        let end = recorded(3, .drillEnded(drill: "DRL-1", reason: "over", aborted: false), exercise: "DRL-1")
        state.apply(end)
        var streaming = DrillVisibility(controlEvents: control, reveal: false)
        streaming.note(end)
        for player in [streaming, DrillVisibility(state: state, reveal: false)] {
            #expect(player.shown(blindEvent)?.exercise == "DRL-1")
        }
        #expect(DrillVisibility.isMarked("DRL-1", in: state, reveal: false))
    }
}
