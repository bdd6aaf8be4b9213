import CommandModel
import Foundation
import Testing

@Suite("Teams: assignment, status and release")
struct TeamTests {
    let inc1 = IncidentID(1), inc2 = IncidentID(2)
    let fr = TeamID("FR-01"), md = TeamID("MD-01")

    func twoIncidents() -> Scenario {
        var s = Scenario()
        s.run(
            .team(.register(team("FR-01", [.floodRescue], at: Cell(x: 2, y: 2)))),
            .team(.register(team("MD-01", [.medical], at: Cell(x: 15, y: 2)))),
            .incident(.report(NewIncident(type: .flood, place: .cell(Cell(x: 3, y: 3))))),
            .incident(.report(NewIncident(type: .flood, place: .cell(Cell(x: 16, y: 3))))),
            .incident(.acknowledge(inc1)), .incident(.acknowledge(inc2)))
        return s
    }

    @Test func assigningStartsTheResponse() {
        var s = twoIncidents()
        #expect(s.when(.team(.assign(fr, to: inc1))).events == [.teamAssigned(team: fr, incident: inc1), .statusChanged(incident: inc1, from: .acknowledged, to: .responding)])
        #expect(s.state.teams[fr]?.status == .dispatched)
        #expect(s.state.incidents[inc1]?.teams == [fr])
    }

    @Test func aBusyTeamIsRefusedWithWhereItIs() {
        var s = twoIncidents()
        s.run(.team(.assign(fr, to: inc1)))
        let r = s.trying(.team(.assign(fr, to: inc2))).rejection
        #expect(r == .teamAlreadyAssigned(fr, to: inc1, status: .dispatched))
        #expect(r?.message.en.contains("already on INC-0001") == true)
    }

    @Test func unacknowledgedIncidentsGetNoTeams() {
        var s = twoIncidents()
        s.run(.incident(.report(NewIncident(type: .fire, place: .cell(Cell(x: 1, y: 1))))))
        #expect(s.trying(.team(.assign(fr, to: IncidentID(3)))).rejection == .notAcknowledged(IncidentID(3)))
    }

    @Test func teamsMoveAlongAndTheFirstOnSceneMovesTheIncident() {
        var s = twoIncidents()
        s.run(.team(.assign(fr, to: inc1)), .team(.setStatus(fr, .enRoute)))
        #expect(s.when(.team(.setStatus(fr, .onScene))).events == [.teamStatusChanged(team: fr, from: .enRoute, to: .onScene), .statusChanged(incident: inc1, from: .responding, to: .onScene)])
        #expect(s.trying(.team(.setStatus(fr, .available))).rejection == .illegalTeamTransition(fr, from: .onScene, to: .available, allowed: [.returning]))
        s.run(.team(.setStatus(fr, .returning)))
        #expect(s.state.incidents[inc1]?.teams == [])
        #expect(s.state.teams[fr]?.incident == nil)
        s.run(.team(.setStatus(fr, .available)), .team(.assign(fr, to: inc2)))
        #expect(s.state.teams[fr]?.incident == inc2)
    }

    @Test func closingReleasesTeams() {
        var s = twoIncidents()
        s.run(.team(.assign(fr, to: inc1)), .team(.assign(md, to: inc1)), .incident(.setStatus(inc1, .contained)))
        // (The summary also records the run-card items and reports left open: LeftOpenTests.)
        let note = s.state.incidents[inc1].map { " " + $0.leftOpen(plans: s.plans).summaryNote } ?? ""
        #expect(
            s.when(.incident(.close(inc1, summary: "water receded"))).events == [
                .teamReleased(team: fr, incident: inc1), .teamReleased(team: md, incident: inc1), .incidentClosed(incident: inc1, summary: "water receded" + note),
            ])
        #expect(s.state.teams[fr]?.status == .returning)
        #expect(s.state.teams[md]?.incident == nil)
    }

    @Test func releaseNeedsAnIncident() {
        let s = twoIncidents()
        #expect(s.trying(.team(.release(fr))).rejection == .teamNotOnIncident(fr))
        #expect(s.trying(.team(.register(team("FR-01", [.medical], at: Cell(x: 0, y: 0))))).rejection == .teamAlreadyRegistered(fr))
        #expect(s.trying(.team(.assign(TeamID("XX-1"), to: inc1))).rejection == .unknownTeam(TeamID("XX-1")))
    }
}

@Suite("Area responses and warnings: two separate ladders")
struct ResponseAndWarningTests {
    @Test func aResponseHasALevelPerDistrictAndAHistory() {
        var s = Scenario()
        #expect(
            s.when(.area(.declareResponse(hazard: .flood, level: .i, districts: [], reason: "record rainfall"))).events == [
                .responseDeclared(response: ResponseID(1), hazard: .flood, level: .i, districts: [], reason: "record rainfall")
            ])
        s.run(.area(.adjustResponse(ResponseID(1), level: .ii, districts: ["East"], reason: "rain eased in the east")))
        let r = s.state.responses[ResponseID(1)]
        #expect(r?.level(in: "east") == .ii)
        #expect(r?.level(in: "west") == .i)
        #expect(r?.history.count == 2)
        #expect(s.trying(.area(.adjustResponse(ResponseID(1), level: .iii, districts: ["north"], reason: "x"))).rejection == .unknownDistrict("north"))
        s.run(.area(.endResponse(ResponseID(1), reason: "over")))
        #expect(s.trying(.area(.endResponse(ResponseID(1), reason: "again"))).rejection == .responseAlreadyEnded(ResponseID(1)))
    }

    @Test func warningsExpireAndLift() {
        var s = Scenario()
        s.run(.area(.issueWarning(hazard: .rainstorm, color: .red, districts: ["west"], authority: "Beijing Meteorological Observatory", expires: t0.addingTimeInterval(3600))))
        let w = s.state.warnings[WarningID(1)]
        #expect(w?.isActive(at: t0) == true)
        #expect(w?.isActive(at: t0.addingTimeInterval(3600)) == false)
        #expect(w?.covers("west") == true && w?.covers("east") == false)
        #expect(s.trying(.area(.issueWarning(hazard: .rainstorm, color: .blue, districts: [], authority: "x", expires: t0))).rejection == .expiryBeforeNow)
        s.run(.area(.liftWarning(WarningID(1), reason: "rain stopped")))
        #expect(s.trying(.area(.liftWarning(WarningID(1), reason: "again"))).rejection == .warningAlreadyLifted(WarningID(1)))
    }

    @Test(arguments: [
        ("I", ResponseLevel.i), ("ii", .ii), ("三级", .iii), ("四级", .iv), ("红色", .i), ("orange", .ii), ("Ⅲ级", .iii), ("4", .iv), ("none", .none),
    ])
    func levelVocabularies(text: String, level: ResponseLevel) {
        #expect(ResponseLevel(parsing: text) == level)
    }

    @Test func warningColoursAreNotLevels() {
        #expect(WarningColor(parsing: "红色预警") == .red)
        #expect(WarningColor(parsing: "II") == nil)
        #expect(ResponseLevel.i.colourName.zh == "红色")
    }
}
