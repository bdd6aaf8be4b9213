import Foundation

/// What starts an escalation.
public enum EscalationTrigger: String, Sendable, Hashable, CaseIterable, Codable {
    /// A new incident still unacknowledged `afterMinutes` after its report. Stops when acknowledged.
    case unacknowledged
    /// Level II or I declared: page at once. Stops when a page is acknowledged.
    case levelDeclared = "level-declared"
    /// The figures suggest a level above the current one, III or higher (every accident starts
    /// with a IV suggestion; that alone pages nobody). Stops when the level reaches it.
    case suggestionAbove = "suggestion-above-level"
    /// A reporting deadline within `afterMinutes`. Stops when the report is filed.
    case deadline
    /// Not resolved (contained) `afterMinutes` after its report. Stops when contained or closed.
    case unresolved

    public var stopsWhen: Bilingual {
        switch self {
        case .unacknowledged: Bilingual("stops when the incident is acknowledged", "事件确认后停止")
        case .levelDeclared: Bilingual("stops when a page is acknowledged", "寻呼被确认后停止")
        case .suggestionAbove: Bilingual("stops when the level reaches the suggestion", "响应级别达到建议级别后停止")
        case .deadline: Bilingual("stops when the report is filed", "报送完成后停止")
        case .unresolved: Bilingual("stops when the incident is contained", "事件得到控制后停止")
        }
    }
}

/// Who a step pages: everyone holding a role now, or one person.
public enum PageTarget: Hashable, Sendable, Codable {
    case role(DutyRole)
    case person(String)
}

public struct EscalationStep: Hashable, Sendable {
    public var target: PageTarget
    /// Minutes to wait after this step before the next.
    public var waitMinutes: Int

    public init(target: PageTarget, waitMinutes: Int) {
        self.target = target
        self.waitMinutes = waitMinutes
    }
}

/// An escalation policy: a trigger, the incidents it covers, ordered steps, and repeats.
public struct EscalationPolicy: Hashable, Sendable {
    public var name: String
    public var trigger: EscalationTrigger
    /// Levels covered (empty: all).
    public var levels: Set<ResponseLevel>
    /// Categories covered (empty: all).
    public var categories: Set<IncidentCategory>
    public var afterMinutes: Int
    public var steps: [EscalationStep]
    /// How many times the whole list of steps runs.
    public var repeats: Int
    /// An acknowledged page with no progress after this long lets the escalation go on.
    public var ackTimeoutMinutes: Int?

    public init(
        name: String, trigger: EscalationTrigger, levels: Set<ResponseLevel>, categories: Set<IncidentCategory>, afterMinutes: Int, steps: [EscalationStep], repeats: Int, ackTimeoutMinutes: Int?
    ) {
        self.name = name
        self.trigger = trigger
        self.levels = levels
        self.categories = categories
        self.afterMinutes = afterMinutes
        self.steps = steps
        self.repeats = repeats
        self.ackTimeoutMinutes = ackTimeoutMinutes
    }

    public func covers(_ i: Incident) -> Bool {
        (levels.isEmpty || levels.contains(i.level)) && (categories.isEmpty || categories.contains(i.category))
    }
}

/// A page as it was sent: the `pageSent` event's payload, frozen (what happens to the page
/// later is in events of its own, folded into ``Page``).
public struct PageSent: Hashable, Sendable, Codable {
    public var id: String
    public var incident: IncidentID
    public var policy: String
    public var trigger: EscalationTrigger
    /// The position in the policy: step + round × steps.
    public var index: Int
    public var person: String
    public var role: DutyRole?
    public var sentAt: Date

    public init(id: String, incident: IncidentID, policy: String, trigger: EscalationTrigger, index: Int, person: String, role: DutyRole?, sentAt: Date) {
        self.id = id
        self.incident = incident
        self.policy = policy
        self.trigger = trigger
        self.index = index
        self.person = person
        self.role = role
        self.sentAt = sentAt
    }
}

/// A page as the state knows it: sent, then notified, acknowledged or withdrawn.
public struct Page: Hashable, Sendable {
    public var id: String
    public var incident: IncidentID
    public var policy: String
    public var trigger: EscalationTrigger
    /// The position in the policy: step + round × steps.
    public var index: Int
    public var person: String
    public var role: DutyRole?
    public var sentAt: Date
    public var acknowledgedAt: Date?
    public var acknowledgedBy: String?
    /// Attempts of the person's notify command, and how the last one went.
    public var notifyAttempts = 0
    public var notifyError: String?
    public var notifiedAt: Date?
    /// Withdrawn unacknowledged (a drill's stand-down).
    public var cancelledAt: Date?

    /// Waiting for its person: neither acknowledged nor withdrawn.
    public var isOpen: Bool { acknowledgedAt == nil && cancelledAt == nil }

    public init(id: String, incident: IncidentID, policy: String, trigger: EscalationTrigger, index: Int, person: String, role: DutyRole?, sentAt: Date) {
        self.id = id
        self.incident = incident
        self.policy = policy
        self.trigger = trigger
        self.index = index
        self.person = person
        self.role = role
        self.sentAt = sentAt
    }

    /// A page just sent.
    public init(_ sent: PageSent) {
        self.init(id: sent.id, incident: sent.incident, policy: sent.policy, trigger: sent.trigger, index: sent.index, person: sent.person, role: sent.role, sentAt: sent.sentAt)
    }
}

extension CommandState {
    /// Whether an escalation's condition still holds for an incident at `now`, since when, and
    /// what it is about when a policy runs one escalation per thing (a reporting stage): each
    /// stage's deadline escalates afresh, whatever happened for the one before.
    func escalationActive(_ p: EscalationPolicy, _ i: Incident, plans: PlanBook, now: Date) -> (active: Bool, since: Date, scope: String?) {
        let (active, since) = condition(p, i, plans: plans, now: now)
        guard active, p.trigger == .deadline else { return (active, since, nil) }
        return (active, since, nextDeadline(i, plans: plans, now: now)?.stage.id)
    }

    private func nextDeadline(_ i: Incident, plans: PlanBook, now: Date) -> Deadline? {
        i.deadlines(at: now, plans: plans).filter {
            switch $0.standing {
            case .filed, .leftUnfiled: false
            case .pending, .dueSoon, .overdue: true
            }
        }.min { $0.due < $1.due }
    }

    private func condition(_ p: EscalationPolicy, _ i: Incident, plans: PlanBook, now: Date) -> (active: Bool, since: Date) {
        guard i.isActive, p.covers(i) else { return (false, now) }
        switch p.trigger {
        case .unacknowledged:
            return (i.status == .reported, i.reportedAt.addingTimeInterval(i.wallSeconds(minutes: p.afterMinutes)))
        case .levelDeclared:
            guard i.level >= .ii, let step = i.levels.last(where: { $0.to >= .ii && $0.to > $0.from }) else { return (false, now) }
            let acked = pages(of: i.id, policy: p.name).contains { $0.acknowledgedAt != nil && $0.sentAt >= step.at }
            return (!acked, step.at.addingTimeInterval(i.wallSeconds(minutes: p.afterMinutes)))
        case .suggestionAbove:
            let s = plans.suggestion(for: i.type, figures: i.figures).level
            return (s > i.level && s >= .iii, i.reportedAt.addingTimeInterval(i.wallSeconds(minutes: p.afterMinutes)))
        case .unresolved:
            let open: Set<IncidentStatus> = [.reported, .acknowledged, .responding, .onScene]
            return (open.contains(i.status), i.reportedAt.addingTimeInterval(i.wallSeconds(minutes: p.afterMinutes)))
        case .deadline:
            guard let d = nextDeadline(i, plans: plans, now: now) else { return (false, now) }
            return (true, d.due.addingTimeInterval(-i.wallSeconds(minutes: p.afterMinutes)))
        }
    }

    /// The pages of one escalation, oldest first.
    public func pages(of incident: IncidentID, policy: String) -> [Page] {
        pages.values.filter { $0.incident == incident && $0.policy == policy }.sorted { $0.index < $1.index }
    }

    /// The pages due at `now` under the policies: one command per person to page. Pure: the
    /// same state, roster and time always give the same pages, so consoles racing to send them
    /// cannot page twice (the second is refused as already sent).
    public func duePages(policies: [EscalationPolicy], roster: Roster, plans: PlanBook, now: Date) -> [Command] {
        var out: [Command] = []
        // The pages of each escalation, found in one pass.
        var byEscalation: [String: [Page]] = [:]
        for page in pages.values { byEscalation["\(page.incident)/\(page.policy)", default: []].append(page) }
        for id in activeIDs.sorted() {
            guard let i = incidents[id] else { continue }
            for p in policies where !p.steps.isEmpty {
                let (active, since, scope) = escalationActive(p, i, plans: plans, now: now)
                guard active, now >= since else { continue }
                // One escalation per scope: `deadline@city` pages afresh after `deadline@district`.
                let name = scope.map { "\(p.name)@\($0)" } ?? p.name
                let sent = (byEscalation["\(id)/\(name)"] ?? []).sorted { $0.index < $1.index }
                let next = (sent.map(\.index).max() ?? -1) + 1
                guard next < p.steps.count * max(1, p.repeats) else { continue }
                if let last = sent.last {
                    let waited = p.steps[last.index % p.steps.count].waitMinutes
                    var dueAt = last.sentAt.addingTimeInterval(i.wallSeconds(minutes: waited))
                    // An acknowledged page holds the escalation until its timeout runs out.
                    if let acked = last.acknowledgedAt {
                        guard let timeout = p.ackTimeoutMinutes else { continue }
                        dueAt = max(dueAt, acked.addingTimeInterval(i.wallSeconds(minutes: timeout)))
                    }
                    guard now >= dueAt else { continue }
                }
                let step = p.steps[next % p.steps.count]
                let people: [(String, DutyRole?)]
                switch step.target {
                case let .role(role): people = roster.holders(of: role, at: now).map { ($0.id, role) }
                case let .person(pid): people = [(pid, nil)]
                }
                // Nobody on call for the role: the escalation moves on to the next step.
                if people.isEmpty {
                    out.append(.paging(.send(incident: id, policy: name, trigger: p.trigger, index: next, person: "", role: nil)))
                }
                for (person, role) in people {
                    out.append(.paging(.send(incident: id, policy: name, trigger: p.trigger, index: next, person: person, role: role)))
                }
            }
        }
        return out
    }
}
