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

    /// Total travel minutes of the plan.
    public var totalMinutes: Double { assignments.reduce(0) { $0 + $1.minutes } }

    struct Slot: Hashable, Sendable {
        var incident: IncidentID
        var capability: Capability
    }
}

extension CommandState {
    /// An optimal joint dispatch: higher levels first; within a level, the assignment of free
    /// teams to outstanding needs that fills the most needs and, among those, minimises total
    /// travel time. See `DispatchProblem.solve` for how.
    public func jointPlan(for ids: [IncidentID], plans: PlanBook, grid: Grid, limitMinutes: Double = 90) -> JointPlan {
        dispatchProblem(for: ids, plans: plans, limitMinutes: limitMinutes).solve(grid: grid) { _ in true } ?? JointPlan(assignments: [], unfilledNeeds: [])
    }

    /// The same, reporting progress: `proceed` is called now and then with the fraction done
    /// (0…1); when it returns false the work stops and the result is nil.
    public func jointPlan(for ids: [IncidentID], plans: PlanBook, grid: Grid, limitMinutes: Double = 90, proceed: (Double) -> Bool) -> JointPlan? {
        dispatchProblem(for: ids, plans: plans, limitMinutes: limitMinutes).solve(grid: grid, proceed: proceed)
    }

    /// What a joint plan must fill and with whom: the waiting incidents' outstanding needs, level
    /// by level (highest first; within a level by incident, then capability), and the free teams
    /// by id.
    public func dispatchProblem(for ids: [IncidentID], plans: PlanBook, limitMinutes: Double = 90) -> DispatchProblem {
        let waiting = ids.compactMap { incidents[$0] }.filter { $0.isActive && $0.status != .reported }
        var tiers: [[DispatchProblem.Need]] = []
        // What the plans ask for, looked up once per type and level (each look-up reads every
        // run card).
        var planned: [IncidentType: [ResponseLevel: [Capability: Int]]] = [:]
        for level in ResponseLevel.allCases.reversed() {
            var tier: [DispatchProblem.Need] = []
            for i in waiting.filter({ $0.level == level }).sorted(by: { $0.id < $1.id }) {
                let asked = planned[i.type]?[level] ?? plans.requirements(for: i.type, at: max(level, .iv)).needs
                planned[i.type, default: [:]][level] = asked
                for (cap, n) in outstandingNeeds(of: i, planned: asked).sorted(by: { $0.key < $1.key }) {
                    tier += Array(repeating: DispatchProblem.Need(incident: i.id, cell: i.location.cell, capability: cap), count: n)
                }
            }
            if !tier.isEmpty { tiers.append(tier) }
        }
        let free = teams.values.filter { $0.status == .available }.sorted { $0.id < $1.id }.map {
            DispatchProblem.Candidate(team: $0.id, base: $0.profile.base, capabilities: $0.profile.capabilities)
        }
        return DispatchProblem(tiers: tiers, free: free, limitMinutes: limitMinutes)
    }
}
