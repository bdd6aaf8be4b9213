import CommandModel
import Foundation
import Testing

/// The centre's teams on the record: registered, updated and retired as events, and a city file
/// imported idempotently.
@Suite("Teams on the record")
struct TeamRecordTests {
    let fr7 = team("FR-07", [.floodRescue], at: Cell(x: 2, y: 2))

    @Test func aTeamIsUpdatedOnlyWhenItChangesAndRetiredOnlyWhenFree() {
        var s = Scenario()
        s.run(.team(.register(fr7)))
        #expect(s.trying(.team(.update(fr7))).rejection == .teamUnchanged(TeamID("FR-07")))
        var moved = fr7
        moved.base = Cell(x: 5, y: 5)
        #expect(s.when(.team(.update(moved))).events == [.teamUpdated(profile: moved)])
        #expect(s.state.teams[TeamID("FR-07")]?.profile.base == Cell(x: 5, y: 5))
        s.run(.incident(.report(NewIncident(type: .flood, place: .cell(Cell(x: 3, y: 3))))), .incident(.acknowledge(IncidentID(1))), .team(.assign(TeamID("FR-07"), to: IncidentID(1))))
        guard case .teamAlreadyAssigned? = s.trying(.team(.retire(TeamID("FR-07"), reason: "disbanded"))).rejection else {
            Issue.record("a team on an incident was retired")
            return
        }
        s.run(.team(.release(TeamID("FR-07"))), .team(.retire(TeamID("FR-07"), reason: "disbanded")))
        #expect(s.state.teams[TeamID("FR-07")] == nil)
        #expect(s.trying(.team(.assign(TeamID("FR-07"), to: IncidentID(1)))).rejection == .unknownTeam(TeamID("FR-07")))
    }

    @Test func importingACityFileTwiceChangesNothingTheSecondTime() {
        var s = Scenario()
        let fr8 = team("FR-08", [.floodRescue, .medical], at: Cell(x: 4, y: 1))
        let city = CityData(isSample: false, teams: [fr7, fr8], facilities: [])
        let first = city.teamCommands(toMatch: s.state)
        #expect(first.registered == 2 && first.updated == 0 && first.unchanged == 0)
        for c in first.commands { s.run(c) }
        let again = city.teamCommands(toMatch: s.state)
        #expect(again.commands.isEmpty && again.unchanged == 2)
        var changed = city
        changed.teams[1].capabilities = [.floodRescue]
        let update = changed.teamCommands(toMatch: s.state)
        #expect(update.commands == [.team(.update(changed.teams[1]))] && update.updated == 1)
    }
}

/// A closed incident shows nothing as pending: no report "due in 28 min", no needs.
@Suite("Closing is honest")
struct ClosingTests {
    @Test func aClosedIncidentHasNoPendingDeadlineOrNeed() {
        var s = Scenario()
        s.run(
            .incident(.report(NewIncident(type: .flood, place: .cell(Cell(x: 2, y: 2)), figures: Figures(deaths: 2)))), .incident(.acknowledge(IncidentID(1))),
            .incident(.setStatus(IncidentID(1), .responding)), .incident(.setStatus(IncidentID(1), .contained)))
        let open = s.state.incidents[IncidentID(1)]
        #expect(open?.deadlines(at: s.now, plans: s.plans).contains { if case .pending = $0.standing { true } else { false } } == true)
        s.run(.incident(.close(IncidentID(1), summary: "done")))
        let closed = s.state.incidents[IncidentID(1)]
        let standings = closed?.deadlines(at: s.now, plans: s.plans).map(\.standing) ?? []
        #expect(!standings.isEmpty && standings.allSatisfy { $0 == .leftUnfiled })
        #expect(closed.map { s.state.outstandingNeeds(of: $0, plans: s.plans) }?.isEmpty == true)
    }
}
