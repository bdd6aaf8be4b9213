import CommandModel
import Foundation
import Testing

@Suite("Recommendation and joint dispatch")
struct DispatchTests {
    /// Flood at (3,3) on the west bank. FR-A near, FR-B east of the river (must use the bridge),
    /// FR-C far west; MD-A medical.
    func world() -> Scenario {
        var s = Scenario()
        s.run(
            .team(.register(team("FR-A", [.floodRescue], at: Cell(x: 1, y: 3)))),
            .team(.register(team("FR-B", [.floodRescue], at: Cell(x: 12, y: 3)))),
            .team(.register(team("FR-C", [.floodRescue], at: Cell(x: 0, y: 9)))),
            .team(.register(team("MD-A", [.medical], at: Cell(x: 5, y: 5)))),
            .incident(.report(NewIncident(type: .flood, place: .cell(Cell(x: 3, y: 3))))),
            .incident(.acknowledge(IncidentID(1))), .incident(.setLevel(IncidentID(1), .iii, reason: "flash flood")))
        return s
    }

    @Test func travelTimesRouteOverTheBridge() {
        let g = smallGrid()
        let t = g.travelTimes(to: Cell(x: 3, y: 3))
        let across = t.minutes(from: Cell(x: 12, y: 3)) ?? 0
        let sameSide = t.minutes(from: Cell(x: 9, y: 3)) ?? 0
        #expect(across > sameSide)
        #expect(t.minutes(from: Cell(x: 10, y: 3)) == nil, "the river is impassable off the bridge")
        #expect(t.minutes(from: Cell(x: 10, y: 5)) != nil, "the bridge is passable")
    }

    @Test func recommendationRanksByTravelTimeWithReasons() throws {
        let s = world()
        let grid = try #require(s.grid)
        let r = try #require(s.state.recommend(for: IncidentID(1), plans: s.plans, grid: grid))
        #expect(r.needs == [.floodRescue: 1, .medical: 1])
        #expect(r.options.filter { $0.capability == .floodRescue }.map(\.team) == [TeamID("FR-A"), TeamID("FR-C"), TeamID("FR-B")])
        #expect(r.options.first?.reason.en.hasPrefix("nearest available flood rescue") == true)
        #expect(r.unmet.isEmpty)
    }

    @Test func unmetNeedsSayWhy() throws {
        var s = world()
        s.run(.incident(.setLevel(IncidentID(1), .ii, reason: "worse")), .team(.assign(TeamID("MD-A"), to: IncidentID(1))))
        s.run(.incident(.report(NewIncident(type: .fire, place: .cell(Cell(x: 6, y: 6))))), .incident(.acknowledge(IncidentID(2))))
        let grid = try #require(s.grid)
        let r = try #require(s.state.recommend(for: IncidentID(1), plans: s.plans, grid: grid))
        // II adds flood-rescue and search-rescue; nobody does search and rescue.
        #expect(r.needs[.searchAndRescue] == 1)
        #expect(r.unmet.first { $0.capability == .searchAndRescue }?.cause.en == "no search and rescue team exists")
        let f = try #require(s.state.recommend(for: IncidentID(2), plans: s.plans, grid: grid))
        #expect(f.unmet.first { $0.capability == .urbanFire }?.cause.en == "no urban fire team exists")
        // Medical is busy on INC-1: the cause names where.
        s.run(.incident(.setLevel(IncidentID(2), .iii, reason: "spreading")))
        let g = try #require(s.state.recommend(for: IncidentID(2), plans: s.plans, grid: grid))
        #expect(g.unmet.first { $0.capability == .medical }?.cause.en == "no medical team free within 90 min; busy: MD-A on INC-0001")
    }

    @Test func theJointPlanIsOptimalAndServesHigherLevelsFirst() throws {
        var s = world()
        // A second flood at level II further east: it gets first pick.
        s.run(.incident(.report(NewIncident(type: .flood, place: .cell(Cell(x: 2, y: 4))))), .incident(.acknowledge(IncidentID(2))), .incident(.setLevel(IncidentID(2), .ii, reason: "worse")))
        let grid = try #require(s.grid)
        let plan = s.state.jointPlan(for: [IncidentID(1), IncidentID(2)], plans: s.plans, grid: grid)
        let to2 = plan.assignments.filter { $0.incident == IncidentID(2) }.map(\.team)
        #expect(to2.contains(TeamID("FR-A")), "the level II incident takes the nearest flood team")
        #expect(Set(plan.assignments.map(\.team)).count == plan.assignments.count, "no team twice")
        // Accepting the plan whole works through the decider.
        for c in plan.commands { s.run(c) }
        #expect(s.state.teams[TeamID("FR-A")]?.incident == IncidentID(2))
    }

    /// Brute force over every assignment on small random instances: the Hungarian method's total
    /// equals the true minimum.
    @Test(arguments: 0..<30)
    func jointPlanMatchesBruteForce(seed: Int) throws {
        var rng = SplitMix64(seed: UInt64(seed))
        var s = Scenario()
        s.grid = smallGrid()
        for k in 0..<4 {
            s.run(.team(.register(team("T-\(k)", [.floodRescue], at: Cell(x: Int(rng.next() % 10), y: Int(rng.next() % 10))))))
        }
        for k in 1...3 {
            s.run(.incident(.report(NewIncident(type: .flood, place: .cell(Cell(x: Int(rng.next() % 10), y: Int(rng.next() % 10)))))), .incident(.acknowledge(IncidentID(k))))
        }
        let grid = try #require(s.grid)
        let plan = s.state.jointPlan(for: [IncidentID(1), IncidentID(2), IncidentID(3)], plans: s.plans, grid: grid)
        let total = plan.assignments.map(\.minutes).reduce(0, +)
        let times = (1...3).map { grid.travelTimes(to: s.state.incidents[IncidentID($0)]!.location.cell) }
        let bases = (0..<4).map { s.state.teams[TeamID("T-\($0)")]!.profile.base }
        var best = Double.infinity
        for a in 0..<4 {
            for b in 0..<4 where b != a {
                for c in 0..<4 where c != a && c != b {
                    let sum = [a, b, c].enumerated().map { times[$0.offset].minutes(from: bases[$0.element]) ?? 1e9 }.reduce(0, +)
                    best = min(best, sum)
                }
            }
        }
        #expect(plan.assignments.count == 3)
        #expect(abs(total - best) < 1e-3, "plan \(total) vs best \(best)")
    }
}
