import Foundation

/// The needs a joint plan must fill, level by level, and the teams free to fill them; `solve`
/// turns it into the plan.
///
/// Guarantees of `solve`: within each level, the most needs a team can reach within the limit
/// are filled, and among such assignments the total travel time is the least possible; a team
/// goes to one need at most, and higher levels choose first. The result is deterministic.
public struct DispatchProblem: Sendable {
    /// One team wanted: an incident, where it is, and the capability it needs.
    public struct Need: Hashable, Sendable {
        public var incident: IncidentID
        public var cell: Cell
        public var capability: Capability
        public init(incident: IncidentID, cell: Cell, capability: Capability) {
            self.incident = incident
            self.cell = cell
            self.capability = capability
        }
    }

    /// A free team: where it starts and what it can do.
    public struct Candidate: Hashable, Sendable {
        public var team: TeamID
        public var base: Cell
        public var capabilities: [Capability]
        public init(team: TeamID, base: Cell, capabilities: [Capability]) {
            self.team = team
            self.base = base
            self.capabilities = capabilities
        }
    }

    /// Needs per level, the highest level first.
    public var tiers: [[Need]]
    /// Free teams, by id.
    public var free: [Candidate]
    public var limitMinutes: Double

    public init(tiers: [[Need]], free: [Candidate], limitMinutes: Double) {
        self.tiers = tiers
        self.free = free
        self.limitMinutes = limitMinutes
    }

    /// Solves level by level.
    ///
    /// How: travel times come from shortest-path searches over the grid rooted on the smaller
    /// side (the free teams when there are fewer of them than incident cells, else the incident
    /// cells; step weights are symmetric fixed-point numbers, so both give the same minutes).
    /// A search keeps only the nearest candidates that could matter: a team rooted search stops
    /// after as many needs as there are teams competing for them (a team matched further away
    /// could always move to one of those nearer needs left free), a cell rooted one after as
    /// many teams per need as there are needs. The sparse costs then go to a shortest
    /// augmenting path assignment (Jonker-Volgenant style, with a heap), from the smaller side,
    /// each row with a private "unfilled" column priced above any total of real minutes.
    ///
    /// - Parameter proceed: called with the fraction done; returning false stops (result nil).
    public func solve(grid: Grid, proceed: (Double) -> Bool = { _ in true }) -> JointPlan? {
        solve(grid: grid, rooting: nil, proceed: proceed)
    }

    /// Where the searches start; nil chooses the smaller side (tests force each).
    enum Rooting { case teams, incidents }

    func solve(grid: Grid, rooting: Rooting?, proceed: (Double) -> Bool) -> JointPlan? {
        let table = StepTable(grid)
        var search = GridSearch(table)
        let limit = StepTable.units(limitMinutes)
        var free = self.free
        var result = JointPlan(assignments: [], unfilledNeeds: [])
        let totalNeeds = max(1, tiers.reduce(0) { $0 + $1.count })
        var doneNeeds = 0
        for tier in tiers {
            let base = Double(doneNeeds) / Double(totalNeeds), share = Double(tier.count) / Double(totalNeeds)
            guard let match = Self.solveTier(tier, free: free, grid: grid, search: &search, limit: limit, rooting: rooting, proceed: { proceed(base + share * $0) }) else { return nil }
            var used = Set<TeamID>()
            for (k, need) in tier.enumerated() {
                if let (c, units) = match[k] {
                    result.assignments.append(.init(team: free[c].team, incident: need.incident, capability: need.capability, minutes: StepTable.minutes(units)))
                    used.insert(free[c].team)
                } else {
                    result.unfilledNeeds.append(JointPlan.Slot(incident: need.incident, capability: need.capability))
                }
            }
            free.removeAll { used.contains($0.team) }
            doneNeeds += tier.count
        }
        return proceed(1) ? result : nil
    }

    /// For each need of one level, the index in `free` of the team it gets and the travel time in
    /// units, or nil. Nil overall when cancelled.
    ///
    /// The level splits into groups that cannot affect each other: capabilities joined by a team
    /// that has both belong together. Each group is solved alone, rooted on its own smaller side
    /// (ten fire engines and two floods: the searches start at the two floods).
    static func solveTier(
        _ needs: [Need], free: [Candidate], grid: Grid, search: inout GridSearch, limit: UInt32, rooting: Rooting?, proceed: (Double) -> Bool
    ) -> [(Int, UInt32)?]? {
        let capIndex = Dictionary(uniqueKeysWithValues: Capability.allCases.enumerated().map { ($0.element, $0.offset) })
        var parent = Array(0..<Capability.allCases.count)
        func find(_ k: Int) -> Int {
            var k = k
            while parent[k] != k { k = parent[k] }
            return k
        }
        let wanted = Set(needs.map(\.capability))
        var teamsIn: [Int: [Int]] = [:]
        for (t, team) in free.enumerated() {
            let relevant = team.capabilities.filter { wanted.contains($0) }.compactMap { capIndex[$0] }
            guard let first = relevant.first else { continue }
            for k in relevant.dropFirst() {
                let a = find(first), b = find(k)
                if a != b { parent[max(a, b)] = min(a, b) }
            }
            teamsIn[first, default: []].append(t)
        }
        var groupTeams: [Int: [Int]] = [:]
        for (k, ts) in teamsIn { groupTeams[find(k), default: []] += ts }
        var groupNeeds: [Int: [Int]] = [:]
        for (n, need) in needs.enumerated() { groupNeeds[find(capIndex[need.capability] ?? 0), default: []].append(n) }
        var out = [(Int, UInt32)?](repeating: nil, count: needs.count)
        let groups = groupNeeds.keys.sorted()
        for (g, key) in groups.enumerated() {
            guard let ns = groupNeeds[key], let ts = groupTeams[key]?.sorted() else { continue }
            let sub = solveGroup(
                ns.map { needs[$0] }, free: ts.map { free[$0] }, grid: grid, search: &search, limit: limit, rooting: rooting,
                proceed: { proceed((Double(g) + $0) / Double(groups.count)) })
            guard let sub else { return nil }
            for (q, match) in sub.enumerated() {
                if let (t, units) = match { out[ns[q]] = (ts[t], units) }
            }
        }
        return out
    }

    /// One group of a level: the same answer as `solveTier`, for needs and teams that only
    /// compete among themselves.
    static func solveGroup(
        _ needs: [Need], free: [Candidate], grid: Grid, search: inout GridSearch, limit: UInt32, rooting: Rooting?, proceed: (Double) -> Bool
    ) -> [(Int, UInt32)?]? {
        var out = [(Int, UInt32)?](repeating: nil, count: needs.count)
        let capIndex = Dictionary(uniqueKeysWithValues: Capability.allCases.enumerated().map { ($0.element, $0.offset) })
        func mask(_ caps: [Capability]) -> UInt64 { caps.reduce(0) { $0 | (1 << UInt64(capIndex[$1] ?? 0)) } }
        let needCap = needs.map { 1 << UInt64(capIndex[$0.capability] ?? 0) } as [UInt64]
        let tierCaps = needCap.reduce(0, |)
        // Only teams that could serve some need take part.
        let pool = free.indices.filter { mask(free[$0].capabilities) & tierCaps != 0 }
        guard !pool.isEmpty else { return out }
        let poolMask = pool.map { mask(free[$0].capabilities) & tierCaps }
        let table = search.table
        let cellIndex = needs.map { grid.contains($0.cell) ? grid.index($0.cell) : -1 }
        let teamCell = pool.map { grid.contains(free[$0].base) ? grid.index(free[$0].base) : -1 }

        // Edges (need, pool index, units), each at most once.
        var edgeNeed: [Int32] = [], edgeTeam: [Int32] = [], edgeCost: [UInt32] = []
        // The needs at each cell: `needsAt[c]` indexes `needLists` (flat arrays: no hashing
        // per settled cell).
        var distinctCells: [Int] = []
        var needLists: [[Int32]] = []
        var needsAt = [Int32](repeating: -1, count: grid.width * grid.height)
        for (k, c) in cellIndex.enumerated() where c >= 0 {
            if needsAt[c] < 0 {
                needsAt[c] = Int32(needLists.count)
                needLists.append([])
                distinctCells.append(c)
            }
            needLists[Int(needsAt[c])].append(Int32(k))
        }
        if (rooting ?? (pool.count <= distinctCells.count ? .teams : .incidents)) == .teams {
            // Rooted at the teams. A team need look no further than the number of teams that
            // compete with it for the needs it could fill, or all those needs.
            var needsFor: [UInt64: Int] = [:]
            for m in Set(poolMask) { needsFor[m] = needCap.reduce(0) { $0 + ($1 & m != 0 ? 1 : 0) } }
            for c in distinctCells where !table.passable[c] { search.enterable[c] = true }
            defer { for c in distinctCells { search.enterable[c] = false } }
            for (t, root) in teamCell.enumerated() {
                guard proceed(0.9 * Double(t) / Double(pool.count)) else { return nil }
                guard root >= 0 else { continue }
                let m = poolMask[t]
                let enough = min(poolMask.reduce(0) { $0 + ($1 & m != 0 ? 1 : 0) }, needsFor[m] ?? 0)
                var found = 0
                search.run(from: root, expandImpassableRoot: false, limit: limit) { cell, d in
                    let list = needsAt[cell]
                    guard list >= 0 else { return true }
                    for k in needLists[Int(list)] where needCap[Int(k)] & m != 0 {
                        edgeNeed.append(k)
                        edgeTeam.append(Int32(t))
                        edgeCost.append(d)
                        found += 1
                    }
                    return found < enough
                }
            }
        } else {
            // Rooted at the incident cells: each need keeps its nearest teams, as many as there
            // are needs (or every team that could fill it).
            var teamLists: [[Int32]] = []
            var teamsAt = [Int32](repeating: -1, count: grid.width * grid.height)
            for (t, c) in teamCell.enumerated() where c >= 0 {
                if teamsAt[c] < 0 {
                    teamsAt[c] = Int32(teamLists.count)
                    teamLists.append([])
                }
                teamLists[Int(teamsAt[c])].append(Int32(t))
            }
            var withCap: [UInt64: Int] = [:]
            for m in Set(needCap) { withCap[m] = poolMask.reduce(0) { $0 + ($1 & m != 0 ? 1 : 0) } }
            for (n, root) in distinctCells.enumerated() {
                guard proceed(0.9 * Double(n) / Double(distinctCells.count)) else { return nil }
                let here = needLists[Int(needsAt[root])]
                var wanted = here.map { min(needs.count, withCap[needCap[Int($0)]] ?? 0) }
                var open = wanted.reduce(0, +)
                if open == 0 { continue }
                search.run(from: root, expandImpassableRoot: true, limit: limit) { cell, d in
                    let list = teamsAt[cell]
                    guard list >= 0 else { return true }
                    for t in teamLists[Int(list)] {
                        for (q, k) in here.enumerated() where wanted[q] > 0 && needCap[Int(k)] & poolMask[Int(t)] != 0 {
                            edgeNeed.append(k)
                            edgeTeam.append(t)
                            edgeCost.append(d)
                            wanted[q] -= 1
                            open -= 1
                        }
                    }
                    return open > 0
                }
            }
        }

        // Assign from the smaller side.
        let needsAreRows = needs.count <= pool.count
        let rows = needsAreRows ? needs.count : pool.count
        let cols = needsAreRows ? pool.count : needs.count
        var assignment = SparseAssignment(rows: rows, cols: cols)
        for e in edgeNeed.indices {
            let (r, c) = needsAreRows ? (edgeNeed[e], edgeTeam[e]) : (edgeTeam[e], edgeNeed[e])
            assignment.add(row: Int(r), col: Int(c), cost: Int64(edgeCost[e]))
        }
        guard let colForRow = assignment.solve(proceed: { proceed(0.9 + 0.1 * $0) }) else { return nil }
        var cost: [Int: UInt32] = [:]
        for e in edgeNeed.indices { cost[Int(edgeNeed[e]) << 32 | Int(edgeTeam[e])] = edgeCost[e] }
        for (r, c) in colForRow.enumerated() {
            guard let c else { continue }
            let (k, t) = needsAreRows ? (r, c) : (c, r)
            guard let units = cost[k << 32 | t] else { preconditionFailure("assigned need \(k) to team \(t) without an edge between them") }
            out[k] = (pool[t], units)
        }
        return out
    }
}
