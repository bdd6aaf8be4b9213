import ArgumentParser
import CommandModel
import EventLog
import Foundation

/// Writes a joint-plan instance (the grid, the free teams, the needs per level) as text, for
/// `debug plan` and the scipy peer (`benchmarks/joint_plan_peer.py`) to solve the same problem.
///
/// Without `--store` it builds a situation on the Beijing map through the decider: `--teams`
/// teams with one capability each at random bases, `--incidents` incidents of random types at
/// random places, acknowledged at level IV (as `debug bench` leaves its year's open incidents).
struct ExportPlan: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export-plan", abstract: "Write a joint-plan instance for benchmarks.")
    @Option(help: "Take the waiting incidents and free teams of this store instead.") var store: String?
    @Option var incidents = 10_000
    @Option var teams = 1_000
    @Option var seed: UInt64 = 1
    @Option var limit = 90.0
    @Option var out: String

    func run() throws {
        guard let res = ResourceFiles.locate(), let text = try? String(contentsOf: res.url("maps/beijing.map"), encoding: .utf8),
            let map = OneMap.parse(text, file: "beijing.map").map
        else { throw ValidationError("Resources/maps/beijing.map not found (set DECISION_HUB_RESOURCES)") }
        let plans = res.plans().book
        let grid = map.grid()
        let state: CommandState
        if let store {
            state = try Ledger(store: SQLiteEventStore(path: store), plans: plans, grid: grid).state
        } else {
            state = situation(grid: grid, plans: plans)
        }
        let ids = state.activeIDs.sorted()
        let problem = state.dispatchProblem(for: ids, plans: plans, limitMinutes: limit)
        try PlanInstance(grid: grid, problem: problem).text.write(toFile: out, atomically: true, encoding: .utf8)
        print("wrote \(out): \(problem.tiers.map(\.count).reduce(0, +)) needs of \(ids.count) incidents in \(problem.tiers.count) levels, \(problem.free.count) free teams")
    }

    func situation(grid: Grid, plans: PlanBook) -> CommandState {
        var rng = SplitMix64(seed: seed)
        var state = CommandState()
        var now = Date(timeIntervalSince1970: 1_750_000_000)
        var seq: Int64 = 0
        func passableCell() -> Cell {
            while true {
                let c = Cell(x: Int(rng.next() % UInt64(grid.width)), y: Int(rng.next() % UInt64(grid.height)))
                let i = grid.index(c)
                if grid.road[i] != .none || grid.terrain[i].minutesPerKm != nil { return c }
            }
        }
        func exec(_ c: Command) {
            now += 1
            guard let events = try? decide(c, state, DecisionContext(now: now, operatorName: "bench", plans: plans, grid: grid)) else { return }
            for e in events {
                seq += 1
                state.apply(RecordedEvent(sequence: seq, id: "e\(seq)", at: now, by: "bench", exercise: nil, event: e))
            }
        }
        let caps = Capability.allCases
        for k in 0..<teams {
            exec(.team(.register(TeamProfile(id: TeamID("T-\(k)"), name: Bilingual("Team \(k)", "队伍 \(k)"), capabilities: [caps[k % caps.count]], base: passableCell()))))
        }
        let types = IncidentType.allCases
        for _ in 0..<incidents {
            let id = IncidentID(state.nextIncident)
            exec(.incident(.report(NewIncident(type: types[Int(rng.next() % UInt64(types.count))], title: "incident \(id.number)", place: .cell(passableCell())))))
            exec(.incident(.acknowledge(id)))
            exec(.incident(.setLevel(id, .iv, reason: "initial")))
        }
        return state
    }
}

/// Solves an instance written by `export-plan` and prints what it filled, the total minutes and
/// the time the solve took (the process's whole time is what benchmarks compare).
struct SolvePlan: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "plan", abstract: "Solve a joint-plan instance written by export-plan.")
    @Option var instance: String
    @Option(help: "Also time this many single travel-time searches.") var searches = 0

    func run() throws {
        let clock = ContinuousClock()
        let t0 = clock.now
        guard let text = try? String(contentsOfFile: instance, encoding: .utf8), let parsed = PlanInstance(parsing: text) else {
            throw ValidationError("\(instance) is not a plan instance written by `debug export-plan`")
        }
        let t1 = clock.now
        guard let plan = parsed.problem.solve(grid: parsed.grid) else { throw ExitCode(1) }
        let t2 = clock.now
        func ms(_ d: Duration) -> Double { (Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18) * 1000 }
        if searches > 0 {
            // One incident-rooted search, as a recommendation runs it (the whole grid to the limit).
            let grid = parsed.grid
            let t = clock.now
            for k in 0..<searches { _ = grid.travelTimes(to: grid.cell(at: (k * 7919) % (grid.width * grid.height)), limit: parsed.problem.limitMinutes) }
            print(String(format: "one travel-time search over the %dx%d grid: %.3f ms", grid.width, grid.height, ms(clock.now - t) / Double(searches)))
        }
        print(
            String(
                format: "filled %d of %d needs, total %.3f min; read %.0f ms, solve %.0f ms; resident %.0f MB (peak %.0f MB)", plan.assignments.count,
                plan.assignments.count + plan.unfilled.count, plan.totalMinutes, ms(t1 - t0), ms(t2 - t1), residentMB(), peakMB()))
    }
}

/// The text form of a joint-plan instance. Lines: `grid W H DX DY NORTH SOUTH WEST EAST`,
/// `limit MINUTES`, `terrain` and `road` (one digit per cell, row by row), `cost` (minutes per km
/// per cell, -1 where impassable: what a peer needs), `teams N` then `ID X Y CAP,CAP` lines,
/// and per level `tier N` then `INCIDENT X Y CAP` lines.
struct PlanInstance {
    var grid: Grid
    var problem: DispatchProblem

    init(grid: Grid, problem: DispatchProblem) {
        self.grid = grid
        self.problem = problem
    }

    var text: String {
        var lines: [String] = []
        let (dx, dy) = grid.cellSizeKm
        lines.append("grid \(grid.width) \(grid.height) \(dx) \(dy) \(grid.box.north) \(grid.box.south) \(grid.box.west) \(grid.box.east)")
        lines.append("limit \(problem.limitMinutes)")
        lines.append("terrain " + grid.terrain.map { String($0.rawValue) }.joined())
        lines.append("road " + grid.road.map { String($0.rawValue) }.joined())
        let cost = grid.terrain.indices.map { i in grid.road[i].minutesPerKm ?? grid.terrain[i].minutesPerKm ?? -1 }
        lines.append("cost " + cost.map { String($0) }.joined(separator: " "))
        lines.append("teams \(problem.free.count)")
        for t in problem.free { lines.append("\(t.team.raw) \(t.base.x) \(t.base.y) \(t.capabilities.map(\.rawValue).joined(separator: ","))") }
        for tier in problem.tiers {
            lines.append("tier \(tier.count)")
            for n in tier { lines.append("\(n.incident) \(n.cell.x) \(n.cell.y) \(n.capability.rawValue)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    init?(parsing text: String) {
        var lines = text.split(separator: "\n").makeIterator()
        func fields() -> [Substring]? { lines.next()?.split(separator: " ") }
        guard let g = fields(), g.count == 9, g[0] == "grid", let w = Int(g[1]), let h = Int(g[2]), w > 0, h > 0, let n = Double(g[5]), let s = Double(g[6]),
            let west = Double(g[7]), let east = Double(g[8]), n > s, east > west,
            let l = fields(), l.count == 2, let limit = Double(l[1]),
            let tl = fields(), tl.count == 2, tl[0] == "terrain", tl[1].count == w * h,
            let rl = fields(), rl.count == 2, rl[0] == "road", rl[1].count == w * h,
            fields()?.first == "cost",
            let th = fields(), th.count == 2, th[0] == "teams", let teamCount = Int(th[1])
        else { return nil }
        var grid = Grid(width: w, height: h, box: GeoBox(north: n, south: s, west: west, east: east))
        for (i, (tc, rc)) in zip(tl[1], rl[1]).enumerated() {
            guard let tv = tc.wholeNumberValue, let t = Terrain(rawValue: UInt8(tv)), let rv = rc.wholeNumberValue, let r = RoadClass(rawValue: UInt8(rv)) else { return nil }
            grid.set(grid.cell(at: i), terrain: t)
            grid.set(grid.cell(at: i), road: r)
        }
        var free: [DispatchProblem.Candidate] = []
        for _ in 0..<teamCount {
            guard let f = fields(), f.count == 4, let x = Int(f[1]), let y = Int(f[2]) else { return nil }
            let caps = f[3].split(separator: ",").compactMap { Capability(rawValue: String($0)) }
            free.append(.init(team: TeamID(String(f[0])), base: Cell(x: x, y: y), capabilities: caps))
        }
        var tiers: [[DispatchProblem.Need]] = []
        while let f = fields() {
            guard f.count == 2, f[0] == "tier", let count = Int(f[1]) else { return nil }
            var tier: [DispatchProblem.Need] = []
            for _ in 0..<count {
                guard let e = fields(), e.count == 4, let id = IncidentID(parsing: String(e[0])), let x = Int(e[1]), let y = Int(e[2]), let cap = Capability(rawValue: String(e[3])) else { return nil }
                tier.append(.init(incident: id, cell: Cell(x: x, y: y), capability: cap))
            }
            tiers.append(tier)
        }
        self.grid = grid
        self.problem = DispatchProblem(tiers: tiers, free: free, limitMinutes: limit)
    }
}

/// The assignment step alone on a random sparse matrix (as the joint plan builds: each row a
/// few dozen columns it can take), written to a file for `benchmarks/assignment_peer.py`, then
/// solved here several times; prints the total and the median in-process time.
struct AssignBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "assign", abstract: "Time the sparse assignment step on a random matrix.")
    @Option var rows = 1000
    @Option var cols = 1000
    @Option(help: "Columns each row can take.") var perRow = 77
    @Option var seed: UInt64 = 1
    @Option var runs = 5
    @Option var out: String

    func run() throws {
        var rng = SplitMix64(seed: seed)
        var edges: [(row: Int, col: Int, cost: Int64)] = []
        var lines = ["\(rows) \(cols)"]
        for r in 0..<rows {
            var taken = Set<Int>()
            while taken.count < min(perRow, cols) { taken.insert(Int(rng.next() % UInt64(cols))) }
            for c in taken.sorted() {
                let cost = Int64(1 + rng.next() % 368_640)  // up to 90 minutes in 1/4096 minute
                edges.append((r, c, cost))
                lines.append("\(r) \(c) \(cost)")
            }
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: out, atomically: true, encoding: .utf8)
        let clock = ContinuousClock()
        var times: [Double] = []
        var result: [Int?] = []
        for _ in 0..<runs {
            let t = clock.now
            result = DispatchProblem.assign(rows: rows, cols: cols, edges: edges)
            let d = clock.now - t
            times.append((Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18) * 1000)
        }
        var cost: [Int: Int64] = [:]
        for e in edges { cost[e.row << 32 | e.col] = e.cost }
        let assigned = result.enumerated().compactMap { r, c in c.flatMap { cost[r << 32 | $0] } }
        print(String(format: "assigned %d of %d rows, total %lld; sparse assignment median %.2f ms of %d runs", assigned.count, rows, assigned.reduce(0, +), times.sorted()[runs / 2], runs))
    }
}
