import Foundation

/// One team the officer could send, with why it ranks where it does.
public struct TeamOption: Hashable, Sendable {
    public var team: TeamID
    public var capability: Capability
    public var minutes: Double
    public var reason: Bilingual
}

/// A requirement that cannot be met now, and why.
public struct UnmetNeed: Hashable, Sendable {
    public var capability: Capability
    public var missing: Int
    public var cause: Bilingual
}

/// What to send to one incident: ranked options per needed capability, and what is short.
public struct Recommendation: Hashable, Sendable {
    public var incident: IncidentID
    /// Capabilities still needed (plan requirements minus teams already serving), with counts.
    public var needs: [Capability: Int]
    /// Options in rank order: by capability (sorted), then by travel time.
    public var options: [TeamOption]
    public var unmet: [UnmetNeed]
}

extension CommandState {
    /// What an incident still needs by its plan at its level (at least IV), after the teams
    /// already serving it.
    public func outstandingNeeds(of incident: Incident, plans: PlanBook) -> [Capability: Int] {
        outstandingNeeds(of: incident, planned: plans.requirements(for: incident.type, at: max(incident.level, .iv)).needs)
    }

    /// The same, given what the plan asks for at the incident's level (callers that look at many
    /// incidents look each type and level up once).
    func outstandingNeeds(of incident: Incident, planned: [Capability: Int]) -> [Capability: Int] {
        // An incident that is over needs nothing more.
        guard incident.isActive else { return [:] }
        var needs = planned
        for tid in incident.teams {
            guard let team = teams[tid] else { continue }
            // A team counts once, for the first outstanding capability it covers.
            if let cap = team.profile.capabilities.sorted().first(where: { (needs[$0] ?? 0) > 0 }) {
                needs[cap, default: 0] -= 1
                if needs[cap] == 0 { needs[cap] = nil }
            }
        }
        return needs
    }

    /// Ranks available teams for one incident by travel time over the grid, from a single
    /// shortest-path search rooted at the incident.
    ///
    /// - Parameter limitMinutes: teams further than this are not offered; a need none can meet
    ///   within it is reported as unmet with its cause.
    public func recommend(for id: IncidentID, plans: PlanBook, grid: Grid, limitMinutes: Double = 90, perCapability: Int = 5) -> Recommendation? {
        guard let incident = incidents[id] else { return nil }
        let needs = outstandingNeeds(of: incident, plans: plans)
        // Past the limit nobody is offered, so the search need not go further.
        let times = grid.travelTimes(to: incident.location.cell, limit: limitMinutes)
        var options: [TeamOption] = []
        var unmet: [UnmetNeed] = []
        for (cap, count) in needs.sorted(by: { $0.key < $1.key }) {
            var candidates: [(Team, Double)] = []
            var busy: [Team] = []
            var tooFar = 0
            var unreachable = 0
            for team in teams.values where team.profile.capabilities.contains(cap) {
                guard team.status == .available else {
                    busy.append(team)
                    continue
                }
                guard let m = times.minutes(from: team.profile.base) else {
                    unreachable += 1
                    continue
                }
                if m > limitMinutes { tooFar += 1; continue }
                candidates.append((team, m))
            }
            candidates.sort { ($0.1, $0.0.id) < ($1.1, $1.0.id) }
            for (rank, (team, m)) in candidates.prefix(max(count, perCapability)).enumerated() {
                let near = rank == 0 ? Bilingual("nearest available \(cap.name.en)", "最近的可用\(cap.name.zh)队伍") : Bilingual("available", "可用")
                options.append(
                    TeamOption(
                        team: team.id, capability: cap, minutes: m,
                        reason: Bilingual("\(near.en), \(Int(m.rounded())) min over the grid", "\(near.zh)，路程约 \(Int(m.rounded())) 分钟")))
            }
            if candidates.count < count {
                let missing = count - candidates.count
                var en: [String] = []
                var zh: [String] = []
                if busy.isEmpty && tooFar == 0 && unreachable == 0 && candidates.isEmpty {
                    en.append("no \(cap.name.en) team exists")
                    zh.append("没有\(cap.name.zh)队伍")
                } else {
                    en.append("no \(cap.name.en) team free within \(Int(limitMinutes)) min")
                    zh.append("\(Int(limitMinutes)) 分钟内没有空闲的\(cap.name.zh)队伍")
                    if !busy.isEmpty {
                        let list = busy.sorted { $0.id < $1.id }.prefix(3).map { t in t.incident.map { "\(t.id) on \($0)" } ?? "\(t.id) \(t.status.name.en)" }
                        let listZh = busy.sorted { $0.id < $1.id }.prefix(3).map { t in t.incident.map { "\(t.id) 在 \($0)" } ?? "\(t.id) \(t.status.name.zh)" }
                        en.append("busy: " + list.joined(separator: ", "))
                        zh.append("忙：" + listZh.joined(separator: "、"))
                    }
                    let away = tooFar + unreachable
                    if away > 0 { en.append("\(away) further away or cut off"); zh.append("\(away) 支距离更远或无法到达") }
                }
                unmet.append(UnmetNeed(capability: cap, missing: missing, cause: Bilingual(en.joined(separator: "; "), zh.joined(separator: "；"))))
            }
        }
        return Recommendation(incident: id, needs: needs, options: options, unmet: unmet)
    }
}
