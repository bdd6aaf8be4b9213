import CommandModel
import Foundation
import Testing

/// Mutual aid (Jing-Jin-Ji): ask Hebei for two boat teams, record its offer, accept it, and the
/// visiting teams join the board and the recommendation, marked by their home; release them.
@Suite("Mutual aid")
struct MutualAidTests {
    func world() throws -> Scenario {
        var s = Scenario()
        s.plans.centre.aidLevels = [.i, .ii]
        s.plans.centre.neighbours = ["hebei": Bilingual("Hebei", "河北"), "tianjin": Bilingual("Tianjin", "天津")]
        s.run(try line("report flood at cell:4,4 deaths=12"), .incident(.acknowledge(IncidentID(1))))
        return s
    }

    @Test func hebeisBoatTeamsArriveInTheRecommendationAndGoHome() throws {
        var s = try world()
        let ask = try line("aid request INC-0001 hebei teams flood-rescue=2 items boats=4 at cell:3,3 by +6h")
        // The plan lets the centre ask only at level I or II.
        #expect(s.trying(ask).rejection == .aidNeedsLevel(IncidentID(1), level: .none, levels: [.i, .ii]))
        s.run(.incident(.setLevel(IncidentID(1), .ii, reason: "twelve dead")))
        #expect(s.trying(try line("aid request INC-0001 shanxi teams medical=1 at cell:3,3")).rejection == .unknownCentre("shanxi", known: ["hebei", "tianjin"]))
        s.run(ask)
        let id = "AID-1"
        #expect(s.state.aidRequests[id]?.raised.capabilities == [CapabilityCount(.floodRescue, 2)])
        #expect(s.state.aidRequests[id]?.stage == Bilingual("asked", "已请求"))
        s.run(try line("aid offer AID-1 from Hebei team HB-B1 flood-rescue \"Hebei boats 1\" team HB-B2 flood-rescue \"Hebei boats 2\" eta +3h"))
        #expect(s.state.teams[TeamID("HB-B1")] == nil, "not on the board until accepted")
        #expect(s.trying(try line("aid accept AID-1 offer 2")).rejection == .noSuchOffer(id, offers: 1))
        s.run(try line("aid accept AID-1"))
        let b1 = try #require(s.state.teams[TeamID("HB-B1")])
        #expect(b1.profile.home == "hebei" && b1.profile.base == Cell(x: 3, y: 3) && b1.status == .available)
        // In the recommendation for the flood, by travel time from the meeting point.
        let grid = try #require(s.grid)
        let recommended = try #require(s.state.recommend(for: IncidentID(1), plans: s.plans, grid: grid)).options.map(\.team)
        #expect(recommended.contains(TeamID("HB-B1")) && recommended.contains(TeamID("HB-B2")))
        // Sent home at the end: not while one is still working.
        s.run(.team(.assign(TeamID("HB-B1"), to: IncidentID(1))))
        guard case .teamAlreadyAssigned? = s.trying(try line("aid release AID-1 the water is down")).rejection else {
            Issue.record("visitors were sent home from the scene")
            return
        }
        s.run(.team(.release(TeamID("HB-B1"))), try line("aid release AID-1 the water is down"))
        #expect(s.state.teams[TeamID("HB-B1")] == nil && s.state.teams[TeamID("HB-B2")] == nil)
        #expect(s.state.aidRequests[id]?.stage == Bilingual("released", "已返回"))
    }

    @Test func aDrillsVisitorsLeaveWithIt() throws {
        var s = try world()
        s.run(
            .drill(.schedule(drillInfo(.marked, start: s.now))))
        s.exercise = "DRL-1"
        s.run(try line("report flood at cell:5,5"), .incident(.acknowledge(IncidentID(2))), .incident(.setLevel(IncidentID(2), .i, reason: "drill")))
        s.run(try line("aid request INC-0002 tianjin teams medical=1 at cell:5,5"), try line("aid offer AID-1 from tianjin team TJ-M1 medical \"Tianjin medics\""))
        s.run(try line("aid accept AID-1"))
        #expect(s.state.teams[TeamID("TJ-M1")] != nil)
        #expect(s.state.real.teams[TeamID("TJ-M1")] == nil)
        s.exercise = nil
        // A player cannot send the drill's visitors to a real incident (they exist only in it).
        #expect(s.trying(.team(.assign(TeamID("TJ-M1"), to: IncidentID(1)))).rejection == .mixesRecords("TJ-M1", "INC-0001"))
        s.run(.team(.setStatus(TeamID("TJ-M1"), .outOfService)))
        #expect(s.state.exercise(of: .teamStatusChanged(team: TeamID("TJ-M1"), from: .outOfService, to: .available), actingIn: nil) == "DRL-1")
        s.run(.drill(.end(drill: "DRL-1", reason: "over", aborted: false)))
        #expect(s.state.teams[TeamID("TJ-M1")] == nil)
    }

    /// A forged acceptance of an offer that does not exist folds without trapping its readers.
    @Test func anAcceptanceOfNoOfferDoesNotTrap() {
        var state = CommandState()
        let raised = AidRequestRaised(id: "AID-1", incident: IncidentID(1), to: "hebei", capabilities: [CapabilityCount(.floodRescue, 1)], items: [], meetAt: Cell(x: 1, y: 1), neededBy: nil)
        state.apply(.aidRequested(request: raised), at: t0, by: "x", exercise: nil)
        state.apply(.aidAccepted(request: "AID-1", offer: 5), at: t0, by: "x", exercise: nil)
        state.apply(.aidReleased(request: "AID-1", reason: "x"), at: t0, by: "x", exercise: nil)
        #expect(state.aidRequests["AID-1"]?.acceptedTeams == [])
        #expect(state.real.teams.isEmpty)
    }
}
