import Foundation
import Testing

@testable import CommandModel

/// The joint plan's fast path (searches rooted on the smaller side, only the costs that can
/// matter, a sparse assignment) against the plan it replaced: one search per need, every cost in
/// a dense matrix, the dense Hungarian method. Same number of needs filled, same total minutes.
@Suite("Joint plan solver")
struct JointPlanSolverTests {
    static let caps: [Capability] = [.floodRescue, .medical, .urbanFire]

    /// A random small world: plain and hills, a river with a bridge or two, some roads.
    static func randomGrid(_ rng: inout SplitMix64) -> Grid {
        let w = 6 + Int(rng.next() % 10), h = 4 + Int(rng.next() % 8)
        var g = Grid(width: w, height: h, box: GeoBox(north: 40.1, south: 39.9, west: 116.2, east: 116.6))
        let river = Int(rng.next() % UInt64(w))
        for y in 0..<h {
            for x in 0..<w {
                let c = Cell(x: x, y: y)
                switch rng.next() % 10 {
                case 0: g.set(c, terrain: .hill)
                case 1: g.set(c, terrain: .mountain)
                case 2: g.set(c, terrain: .water)
                case 3: g.set(c, terrain: .urban)
                default: break
                }
                if x == river { g.set(c, terrain: .water) }
                if rng.next() % 6 == 0 { g.set(c, road: rng.next() % 3 == 0 ? .expressway : .road) }
            }
        }
        return g
    }

    static func randomProblem(_ rng: inout SplitMix64, _ g: Grid) -> DispatchProblem {
        func cell() -> Cell { Cell(x: Int(rng.next() % UInt64(g.width)), y: Int(rng.next() % UInt64(g.height))) }
        let teamCount = 1 + Int(rng.next() % 12)
        let free = (0..<teamCount).map { k in
            var c = [caps[Int(rng.next() % 3)]]
            if rng.next() % 4 == 0 { c.append(caps[Int(rng.next() % 3)]) }
            return DispatchProblem.Candidate(team: TeamID("T-\(k)"), base: cell(), capabilities: Array(Set(c)).sorted())
        }
        var tiers: [[DispatchProblem.Need]] = []
        var next = 1
        for _ in 0..<(1 + Int(rng.next() % 2)) {
            var tier: [DispatchProblem.Need] = []
            for _ in 0..<(1 + Int(rng.next() % 7)) {
                let at = cell()
                for _ in 0..<(1 + Int(rng.next() % 3)) { tier.append(.init(incident: IncidentID(next), cell: at, capability: caps[Int(rng.next() % 3)])) }
                next += 1
            }
            tiers.append(tier)
        }
        // A short limit now and then, so some needs stay unfilled.
        let limit = rng.next() % 3 == 0 ? 6.0 : 90.0
        return DispatchProblem(tiers: tiers, free: free, limitMinutes: limit)
    }

    @Test(arguments: 0..<300)
    func bothRootingsMatchTheDenseIncidentRootedPlan(seed: Int) throws {
        var rng = SplitMix64(seed: UInt64(seed) &* 7919)
        let g = Self.randomGrid(&rng)
        let p = Self.randomProblem(&rng, g)
        let oracle = referencePlan(p, grid: g)
        for rooting in [DispatchProblem.Rooting.teams, .incidents, nil] {
            let plan = try #require(p.solve(grid: g, rooting: rooting) { _ in true })
            #expect(plan.assignments.count == oracle.count, "seed \(seed) rooting \(String(describing: rooting))")
            #expect(abs(plan.totalMinutes - oracle.total) < 1e-9, "seed \(seed) rooting \(String(describing: rooting)): \(plan.totalMinutes) vs \(oracle.total)")
            // Every line is real: a free team with the capability, at the minutes the grid gives.
            #expect(Set(plan.assignments.map(\.team)).count == plan.assignments.count)
            for a in plan.assignments {
                let team = try #require(p.free.first { $0.team == a.team })
                #expect(team.capabilities.contains(a.capability))
                let need = try #require(p.tiers.joined().first { $0.incident == a.incident && $0.capability == a.capability })
                #expect(g.travelTimes(to: need.cell, limit: p.limitMinutes).minutes(from: team.base) == a.minutes)
            }
        }
    }

    @Test func theSameProblemGivesTheSamePlan() throws {
        var rng = SplitMix64(seed: 42)
        let g = Self.randomGrid(&rng)
        let p = Self.randomProblem(&rng, g)
        #expect(p.solve(grid: g) == p.solve(grid: g))
    }

    @Test func cancellingStopsTheWork() {
        var rng = SplitMix64(seed: 7)
        let g = Self.randomGrid(&rng)
        let p = Self.randomProblem(&rng, g)
        var calls = 0
        #expect(
            p.solve(grid: g) { _ in
                calls += 1; return false
            } == nil)
        #expect(calls == 1)
    }

    @Test func theSparseAssignmentFillsTheMostRowsFirst() throws {
        // Row 0 could take column 0 cheaply, but then row 1 (only column 0) goes unfilled.
        var a = SparseAssignment(rows: 2, cols: 2)
        a.add(row: 0, col: 0, cost: 1)
        a.add(row: 0, col: 1, cost: 100)
        a.add(row: 1, col: 0, cost: 50)
        #expect(try #require(a.solve()) == [1, 0])
    }

    /// The sparse assignment against the dense Hungarian method on random matrices (some rows
    /// with no edge at all, many ties): same number assigned, same total.
    @Test(arguments: 0..<300)
    func theSparseAssignmentMatchesTheDenseMethod(seed: Int) throws {
        var rng = SplitMix64(seed: UInt64(seed) &+ 5000)
        let rows = 1 + Int(rng.next() % 14), cols = 1 + Int(rng.next() % 14)
        let density = 1 + rng.next() % 6
        var a = SparseAssignment(rows: rows, cols: cols)
        let forbidden = 1e9
        var dense = [[Double]](repeating: [Double](repeating: forbidden, count: cols), count: rows)
        for r in 0..<rows {
            for c in 0..<cols where rng.next() % 6 < density {
                let cost = Int64(rng.next() % (seed % 3 == 0 ? 4 : 1000))  // small ranges: many ties
                a.add(row: r, col: c, cost: cost)
                dense[r][c] = Double(cost)
            }
        }
        let got = try #require(a.solve())
        #expect(Set(got.compactMap { $0 }).count == got.compactMap { $0 }.count, "a column twice")
        let reference = denseHungarian(dense)
        let refPairs = reference.enumerated().compactMap { r, c in c.flatMap { dense[r][$0] < forbidden ? dense[r][$0] : nil } }
        let gotPairs = got.enumerated().compactMap { r, c in c.map { dense[r][$0] } }
        #expect(gotPairs.allSatisfy { $0 < forbidden }, "an assignment without an edge")
        #expect(gotPairs.count == refPairs.count, "seed \(seed)")
        #expect(gotPairs.reduce(0, +) == refPairs.reduce(0, +), "seed \(seed)")
    }

    /// Travel times are the same from either end, to the unit.
    @Test(arguments: 0..<40)
    func travelTimesAreSymmetric(seed: Int) {
        var rng = SplitMix64(seed: UInt64(seed) &+ 1000)
        let g = Self.randomGrid(&rng)
        let a = Cell(x: Int(rng.next() % UInt64(g.width)), y: Int(rng.next() % UInt64(g.height)))
        let b = Cell(x: Int(rng.next() % UInt64(g.width)), y: Int(rng.next() % UInt64(g.height)))
        let ab = g.travelTimes(to: a).minutes(from: b), ba = g.travelTimes(to: b).minutes(from: a)
        let passable = { (c: Cell) in g.road[g.index(c)] != .none || g.terrain[g.index(c)] != .water }
        // Water without a road can be an incident's cell but never a team's base.
        if passable(a) && passable(b) { #expect(ab == ba, "\(a) \(b)") }
    }
}

/// The old plan, kept as the oracle: per level, one search per need, a dense matrix of minutes
/// (1e9 where no team fits) and the dense Hungarian method. Returns needs filled and total minutes.
func referencePlan(_ p: DispatchProblem, grid: Grid) -> (count: Int, total: Double) {
    var free = p.free
    var count = 0, total = 0.0
    for tier in p.tiers {
        let caps = Set(tier.map(\.capability))
        let pool = free.filter { !caps.isDisjoint(with: $0.capabilities) }
        guard !pool.isEmpty else { continue }
        let forbidden = 1e9
        var cost = [[Double]](repeating: [Double](repeating: forbidden, count: pool.count), count: tier.count)
        for (r, need) in tier.enumerated() {
            let tt = grid.travelTimes(to: need.cell, limit: p.limitMinutes)
            for (c, team) in pool.enumerated() where team.capabilities.contains(need.capability) {
                if let m = tt.minutes(from: team.base), m <= p.limitMinutes { cost[r][c] = m }
            }
        }
        let match = denseHungarian(cost)
        var used = Set<TeamID>()
        for r in tier.indices {
            if let c = match[r], cost[r][c] < forbidden {
                count += 1
                total += cost[r][c]
                used.insert(pool[c].team)
            }
        }
        free.removeAll { used.contains($0.team) }
    }
    return (count, total)
}

/// The dense Hungarian method the joint plan used before (shortest augmenting paths, O(n² m)).
func denseHungarian(_ cost: [[Double]]) -> [Int?] {
    let rows = cost.count
    guard rows > 0 else { return [] }
    let cols = cost[0].count
    guard cols > 0 else { return Array(repeating: nil, count: rows) }
    if rows > cols {
        let t = (0..<cols).map { c in (0..<rows).map { r in cost[r][c] } }
        var out = [Int?](repeating: nil, count: rows)
        for (c, r) in denseHungarian(t).enumerated() { if let r { out[r] = c } }
        return out
    }
    let n = rows, m = cols
    var u = [Double](repeating: 0, count: n + 1), v = [Double](repeating: 0, count: m + 1)
    var p = [Int](repeating: 0, count: m + 1), way = [Int](repeating: 0, count: m + 1)
    for i in 1...n {
        p[0] = i
        var j0 = 0
        var minv = [Double](repeating: .infinity, count: m + 1)
        var used = [Bool](repeating: false, count: m + 1)
        repeat {
            used[j0] = true
            let i0 = p[j0]
            var delta = Double.infinity
            var j1 = 0
            for j in 1...m where !used[j] {
                let cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                if cur < minv[j] { minv[j] = cur; way[j] = j0 }
                if minv[j] < delta { delta = minv[j]; j1 = j }
            }
            for j in 0...m {
                if used[j] { u[p[j]] += delta; v[j] -= delta } else { minv[j] -= delta }
            }
            j0 = j1
        } while p[j0] != 0
        repeat {
            let j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
        } while j0 != 0
    }
    var out = [Int?](repeating: nil, count: n)
    for j in 1...m where p[j] != 0 { out[p[j] - 1] = j - 1 }
    return out
}
