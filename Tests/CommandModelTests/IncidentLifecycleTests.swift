import CommandModel
import Foundation
import Testing

@Suite("Incidents: commands, events and rejections")
struct IncidentLifecycleTests {
    let inc1 = IncidentID(1)

    func reported() -> Scenario {
        var s = Scenario()
        s.run(.incident(.report(NewIncident(type: .fire, title: "Warehouse fire", place: .cell(Cell(x: 3, y: 3))))))
        return s
    }

    @Test func reportGivesTheNextIdAndTheDistrict() throws {
        var s = reported()
        let events = try #require(s.when(.incident(.report(NewIncident(type: .flood, place: .district("east"))))).events)
        guard case let .incidentReported(r) = events.first else { Issue.record("expected a report, got \(events)"); return }
        #expect(r.id == IncidentID(2))
        #expect(r.district == "east")
        #expect(r.reporter == "li.na")
        #expect(s.state.incidents[inc1]?.district == "west")
        #expect(s.state.incidents[inc1]?.status == .reported)
        #expect(s.state.incidents[inc1]?.statuses.first == StatusStep(to: .reported, at: t0, by: "li.na"))
    }

    @Test func reportRejectsPlacesOffTheMap() {
        let s = Scenario()
        #expect(s.trying(.incident(.report(NewIncident(type: .fire, place: .cell(Cell(x: 99, y: 0)))))).rejection == .outsideMap("cell 99,0"))
        #expect(s.trying(.incident(.report(NewIncident(type: .fire, place: .district("atlantis"))))).rejection == .unknownDistrict("atlantis"))
        #expect(s.trying(.incident(.report(NewIncident(type: .fire, place: .point(GeoPoint(lat: 10, lon: 10)))))).rejection == .outsideMap("10.0000,10.0000"))
        #expect(s.trying(.incident(.report(NewIncident(type: .fire, place: .cell(Cell(x: 1, y: 1)), figures: Figures(deaths: -1))))).rejection == .negativeFigure(.deaths, -1))
    }

    @Test func acknowledgeOnceAndOnlyWhileOpen() {
        var s = reported()
        #expect(s.when(.incident(.acknowledge(inc1))).events == [.incidentAcknowledged(incident: inc1)])
        #expect(s.trying(.incident(.acknowledge(inc1))).rejection == .alreadyAcknowledged(inc1))
        #expect(s.trying(.incident(.acknowledge(IncidentID(9)))).rejection == .unknownIncident(IncidentID(9)))
    }

    @Test func closedIncidentsSayReopenFirst() {
        var s = reported()
        s.run(.incident(.acknowledge(inc1)), .incident(.setStatus(inc1, .responding)), .incident(.setStatus(inc1, .contained)), .incident(.close(inc1, summary: "out")))
        let r = s.trying(.incident(.updateFigures(inc1, FigureUpdate([.deaths: 1])))).rejection
        #expect(r == .incidentOver(inc1, .closed))
        #expect(r?.message.en == "INC-0001 is closed; reopen it first")
        #expect(s.trying(.incident(.reopen(inc1, reason: " "))).rejection == .reasonRequired)
        #expect(s.when(.incident(.reopen(inc1, reason: "flare-up"))).events == [.incidentReopened(incident: inc1, reason: "flare-up")])
        #expect(s.state.incidents[inc1]?.status == .acknowledged)
    }

    /// Every (from, to) pair of the lifecycle table, through a plain status change.
    @Test(arguments: IncidentStatus.allCases, IncidentStatus.allCases)
    func lifecycleTable(from: IncidentStatus, to: IncidentStatus) throws {
        var s = reported()
        let path: [IncidentStatus: [Command]] = [
            .reported: [],
            .acknowledged: [.incident(.acknowledge(inc1))],
            .responding: [.incident(.acknowledge(inc1)), .incident(.setStatus(inc1, .responding))],
            .onScene: [.incident(.acknowledge(inc1)), .incident(.setStatus(inc1, .responding)), .incident(.setStatus(inc1, .onScene))],
            .contained: [.incident(.acknowledge(inc1)), .incident(.setStatus(inc1, .responding)), .incident(.setStatus(inc1, .contained))],
            .recovered: [.incident(.acknowledge(inc1)), .incident(.setStatus(inc1, .responding)), .incident(.setStatus(inc1, .contained)), .incident(.setStatus(inc1, .recovered))],
            .closed: [.incident(.acknowledge(inc1)), .incident(.setStatus(inc1, .responding)), .incident(.setStatus(inc1, .contained)), .incident(.close(inc1, summary: "done"))],
            .cancelled: [.incident(.cancel(inc1, reason: "duplicate"))],
            .falseAlarm: [.incident(.markFalseAlarm(inc1, reason: "prank"))],
        ]
        for c in try #require(path[from]) { s.run(c) }
        #expect(s.state.incidents[inc1]?.status == from)
        let result = s.trying(.incident(.setStatus(inc1, to)))
        let legal: Bool
        switch (from, to) {
        case (.reported, .acknowledged), (.acknowledged, .responding), (.responding, .onScene), (.responding, .contained),
            (.onScene, .contained), (.contained, .recovered):
            legal = true
        default:
            legal = false
        }
        if legal {
            #expect(result.events != nil, "\(from) -> \(to) should be allowed")
        } else {
            #expect(result.rejection != nil, "\(from) -> \(to) should be refused")
            // The reason names what is allowed instead, or that a reason is needed.
            if !from.isActive {
                #expect(result.rejection == .incidentOver(inc1, from))
            } else if from.allowedNext.contains(to) {
                #expect(result.rejection == .reasonRequired)
            } else {
                #expect(result.rejection == .illegalTransition(inc1, from: from, to: to, allowed: from.allowedNext))
            }
        }
    }

    @Test func cancelAndFalseAlarmOnlyBeforeResponse() {
        var s = reported()
        s.run(.incident(.acknowledge(inc1)), .incident(.setStatus(inc1, .responding)))
        #expect(s.trying(.incident(.cancel(inc1, reason: "x"))).rejection == .illegalTransition(inc1, from: .responding, to: .cancelled, allowed: [.onScene, .contained]))
        var t = reported()
        #expect(t.when(.incident(.markFalseAlarm(inc1, reason: "prank call"))).events == [.incidentMarkedFalseAlarm(incident: inc1, reason: "prank call")])
        #expect(t.state.incidents[inc1]?.isActive == false)
    }

    @Test func levelsNeedAReasonAndKeepTheirHistory() {
        var s = reported()
        #expect(s.trying(.incident(.setLevel(inc1, .iii, reason: ""))).rejection == .reasonRequired)
        #expect(s.when(.incident(.setLevel(inc1, .iii, reason: "3 dead"))).events == [.levelRaised(incident: inc1, from: .none, to: .iii, reason: "3 dead")])
        #expect(s.trying(.incident(.setLevel(inc1, .iii, reason: "again"))).rejection == .levelUnchanged(inc1, .iii))
        s.now = t0.addingTimeInterval(600)
        #expect(s.when(.incident(.setLevel(inc1, .iv, reason: "figures corrected"))).events == [.levelLowered(incident: inc1, from: .iii, to: .iv, reason: "figures corrected")])
        #expect(s.state.incidents[inc1]?.levels.map(\.to) == [.iii, .iv])
        #expect(s.state.incidents[inc1]?.levels.last?.at == t0.addingTimeInterval(600))
    }

    @Test func figuresChangeOnlyNamedFields() {
        var s = reported()
        s.run(.incident(.updateFigures(inc1, FigureUpdate([.deaths: 2, .injured: 5]))))
        s.run(.incident(.updateFigures(inc1, FigureUpdate([.deaths: 3]))))
        #expect(s.state.incidents[inc1]?.figures == Figures(deaths: 3, injured: 5))
        #expect(s.trying(.incident(.updateFigures(inc1, FigureUpdate([.deaths: 3])))).rejection == .noFigureChange(inc1))
    }

    @Test func disasterChainsCannotLoop() {
        var s = reported()
        s.run(.incident(.report(NewIncident(type: .flood, place: .cell(Cell(x: 1, y: 1)), causedBy: inc1))))
        s.run(.incident(.report(NewIncident(type: .powerOutage, place: .cell(Cell(x: 1, y: 2))))))
        s.run(.incident(.linkCause(IncidentID(3), cause: IncidentID(2))))
        #expect(s.state.incidents[IncidentID(3)]?.causedBy == IncidentID(2))
        #expect(s.trying(.incident(.linkCause(inc1, cause: IncidentID(3)))).rejection == .causeCycle(inc1, cause: IncidentID(3)))
        #expect(s.trying(.incident(.linkCause(inc1, cause: inc1))).rejection == .causeIsSelf(inc1))
    }

    @Test func checklistItemsComeFromThePlanAtTheLevel() {
        var s = Scenario()
        s.run(.incident(.report(NewIncident(type: .flood, place: .cell(Cell(x: 1, y: 1))))))
        #expect(s.trying(.incident(.completeChecklistItem(inc1, item: "activate-hq"))).rejection == .unknownChecklistItem(inc1, item: "activate-hq", known: ["notify-district"]))
        s.run(.incident(.setLevel(inc1, .ii, reason: "flash flood")), .incident(.completeChecklistItem(inc1, item: "activate-hq")))
        #expect(s.state.incidents[inc1]?.checklistDone["activate-hq"] == t0)
        #expect(s.trying(.incident(.completeChecklistItem(inc1, item: "activate-hq"))).rejection == .checklistItemAlreadyDone(inc1, item: "activate-hq"))
    }

    @Test func aDrillCannotTouchRealIncidents() {
        var s = reported()
        s.exercise = "DRILL-1"
        #expect(s.trying(.incident(.acknowledge(inc1))).rejection == .exerciseMismatch(inc1, exercise: nil))
        s.run(.incident(.report(NewIncident(type: .fire, place: .cell(Cell(x: 2, y: 2))))))
        #expect(s.state.incidents[IncidentID(2)]?.exercise == "DRILL-1")
        // A player (no exercise context) works the exercise incident; the event is the drill's.
        s.exercise = nil
        let events = s.trying(.incident(.acknowledge(IncidentID(2)))).events ?? []
        #expect(events.map { s.state.exercise(of: $0, actingIn: nil) } == ["DRILL-1"])
    }
}
