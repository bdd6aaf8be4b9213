import Foundation

/// A dispatch plan for many waiting incidents at once: which team goes where.
public struct JointPlan: Hashable, Sendable {
    public struct Assignment: Hashable, Sendable {
        public var team: TeamID
        public var incident: IncidentID
        public var capability: Capability
        public var minutes: Double
    }

    public var assignments: [Assignment]
    /// Needs no team could fill within the limit.
    public var unfilled: [(incident: IncidentID, capability: Capability)] {
        unfilledNeeds.map { ($0.incident, $0.capability) }
    }
    var unfilledNeeds: [Slot]

    public static func == (a: JointPlan, b: JointPlan) -> Bool { a.assignments == b.assignments && a.unfilledNeeds == b.unfilledNeeds }
    public func hash(into h: inout Hasher) { h.combine(assignments) }

    /// The commands that carry the plan out (accepting it whole).
    public var commands: [Command] { assignments.map { .team(.assign($0.team, to: $0.incident)) } }

    struct Slot: Hashable, Sendable {
        var incident: IncidentID
        var capability: Capability
    }
}

extension CommandState {
    /// An optimal joint dispatch: higher levels first; within a level, the assignment of free
    /// teams to outstanding needs that minimises total travel time (Hungarian method).
    public func jointPlan(for ids: [IncidentID], plans: PlanBook, grid: Grid, limitMinutes: Double = 90) -> JointPlan {
        let waiting = ids.compactMap { incidents[$0] }.filter { $0.isActive && $0.status != .reported }
        var free = teams.values.filter { $0.status == .available }.sorted { $0.id < $1.id }
        var result = JointPlan(assignments: [], unfilledNeeds: [])
        for level in ResponseLevel.allCases.reversed() {
            let tier = waiting.filter { $0.level == level }.sorted { $0.id < $1.id }
            guard !tier.isEmpty else { continue }
            var slots: [JointPlan.Slot] = []
            var times: [IncidentID: TravelTimes] = [:]
            for i in tier {
                let needs = outstandingNeeds(of: i, plans: plans)
                guard !needs.isEmpty else { continue }
                times[i.id] = grid.travelTimes(to: i.location.cell, limit: limitMinutes)
                for (cap, n) in needs.sorted(by: { $0.key < $1.key }) {
                    slots += Array(repeating: JointPlan.Slot(incident: i.id, capability: cap), count: n)
                }
            }
            guard !slots.isEmpty else { continue }
            // Only teams that could serve some slot take part; keeps the matrix small.
            let caps = Set(slots.map(\.capability))
            let pool = free.filter { !caps.isDisjoint(with: $0.profile.capabilities) }
            let forbidden = 1e9
            var cost = [[Double]](repeating: [Double](repeating: forbidden, count: pool.count), count: slots.count)
            for (r, slot) in slots.enumerated() {
                guard let tt = times[slot.incident] else { continue }
                for (c, team) in pool.enumerated() where team.profile.capabilities.contains(slot.capability) {
                    if let m = tt.minutes(from: team.profile.base), m <= limitMinutes { cost[r][c] = m }
                }
            }
            let match = hungarian(cost)
            var used = Set<TeamID>()
            for (r, slot) in slots.enumerated() {
                if let c = match[r], cost[r][c] < forbidden {
                    result.assignments.append(.init(team: pool[c].id, incident: slot.incident, capability: slot.capability, minutes: cost[r][c]))
                    used.insert(pool[c].id)
                } else {
                    result.unfilledNeeds.append(slot)
                }
            }
            free.removeAll { used.contains($0.id) }
        }
        return result
    }
}

/// Minimum-cost assignment of rows to columns (rows may exceed columns or the reverse).
/// Returns for each row the column it gets, or nil. O(n² m) with potentials (Jonker-Volgenant
/// style shortest augmenting paths).
func hungarian(_ cost: [[Double]]) -> [Int?] {
    let rows = cost.count
    guard rows > 0 else { return [] }
    let cols = cost[0].count
    guard cols > 0 else { return Array(repeating: nil, count: rows) }
    // The algorithm wants rows <= columns; transpose otherwise.
    if rows > cols {
        let t = (0..<cols).map { c in (0..<rows).map { r in cost[r][c] } }
        let colForRow = hungarian(t)
        var out = [Int?](repeating: nil, count: rows)
        for (c, r) in colForRow.enumerated() { if let r { out[r] = c } }
        return out
    }
    let n = rows, m = cols
    var u = [Double](repeating: 0, count: n + 1)
    var v = [Double](repeating: 0, count: m + 1)
    var p = [Int](repeating: 0, count: m + 1)  // p[j]: row matched to column j (1-based), 0 none
    var way = [Int](repeating: 0, count: m + 1)
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
