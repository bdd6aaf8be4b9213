import Foundation

/// The roles of the command centre.
public enum DutyRole: String, Sendable, Codable, CaseIterable, Hashable, Comparable {
    case dutyOfficer = "duty-officer"
    case onCallLeader = "oncall-leader"
    case commander
    case drillCoordinator = "drill-coordinator"
    case viewer
    /// Observes drills and judges their ratings; changes nothing else.
    case evaluator

    public static func < (a: DutyRole, b: DutyRole) -> Bool { (allCases.firstIndex(of: a) ?? 0) < (allCases.firstIndex(of: b) ?? 0) }

    public var name: Bilingual {
        switch self {
        case .dutyOfficer: Bilingual("duty officer", "值班员")
        case .onCallLeader: Bilingual("on-call leader", "值班领导")
        case .commander: Bilingual("commander", "指挥长")
        case .drillCoordinator: Bilingual("drill coordinator", "演练导调")
        case .viewer: Bilingual("viewer", "观察员")
        case .evaluator: Bilingual("evaluator", "评估员")
        }
    }

    /// Roles that must always be held: a gap in one is a warning the centre must see early.
    public static let alwaysStaffed: [DutyRole] = [.dutyOfficer, .onCallLeader, .commander]
}

/// A person on the roster.
public struct Person: Hashable, Sendable {
    public var id: String
    public var name: Bilingual
    public var logins: [String]
    public var contact: String?
    /// Roles the person may act in at any time (a commander stays a commander off call).
    public var roles: [DutyRole]
    /// A program that gets each page to this person as JSON on standard input (an SMS
    /// gateway, a phone bridge); words separated by spaces, no shell.
    public var notify: [String] = []
    /// Whether this person's account may act under another person's name (`--operator`):
    /// `act-for-others: true`, for a shared console account. The record names both.
    public var actsForOthers = false
}

/// Who is on call for a role, handing off daily or weekly at a set local time.
public struct Rotation: Hashable, Sendable {
    public enum Period: Hashable, Sendable {
        case daily
        case weekly
        var days: Int { self == .daily ? 1 : 7 }
    }

    public var role: DutyRole
    public var period: Period
    /// The first hand-off, in the centre's time zone.
    public var start: Date
    public var members: [String]
}

/// A replacement (a swap) or a leave without replacement (`person` nil) over a time range.
public struct Override: Hashable, Sendable {
    public var role: DutyRole
    public var person: String?
    public var from: Date
    public var to: Date
    public var reason: String

    public init(role: DutyRole, person: String?, from: Date, to: Date, reason: String) {
        self.role = role
        self.person = person
        self.from = from
        self.to = to
        self.reason = reason
    }
}

/// The roster the centre edits by hand: people, rotations and overrides, in its time zone.
public struct Roster: Sendable {
    public var timeZone: TimeZone
    public var people: [Person]
    public var rotations: [Rotation]
    public var overrides: [Override]
    /// Who may set and close which levels (the `authority:` section; the standard one if absent).
    public var authority: AuthorityMatrix
    /// Escalation policies (the `escalation:` section).
    public var escalation: [EscalationPolicy] = []
    /// Whether every account may act under another name with `--operator` (`allow-operator:
    /// true`, read for compatibility); off by default. Prefer a person's `act-for-others`.
    public var allowsOperatorFlag = false
    /// The SHA-256 of the file this roster was read from (set by whoever read it, from the same
    /// bytes), compared with the roster a store is pinned to.
    public var digest: String?
    /// Notify programs per role, for people paged in that role who have none of their own.
    public var roleNotify: [DutyRole: [String]] = [:]

    /// The notify program for a page: the person's own, else their role's.
    public func notifyCommand(person: Person, role: DutyRole?) -> [String] {
        if !person.notify.isEmpty { return person.notify }
        return role.flatMap { roleNotify[$0] } ?? []
    }

    public init(timeZone: TimeZone, people: [Person], rotations: [Rotation], overrides: [Override], authority: AuthorityMatrix = .standard) {
        self.timeZone = timeZone
        self.people = people
        self.rotations = rotations
        self.overrides = overrides
        self.authority = authority
    }

    var calendar: Calendar {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = timeZone
        return c
    }

    public func person(_ id: String) -> Person? { people.first { $0.id == id } }

    /// Whether an operating-system account may act under another person's name: its person has
    /// `act-for-others: true`, or the roster-wide `allow-operator: true` is set.
    public func allowsActingForOthers(account: String) -> Bool {
        allowsOperatorFlag || person(login: account)?.actsForOthers == true
    }

    /// The person a login name (or `--operator` name) belongs to.
    public func person(login: String) -> Person? {
        let l = login.lowercased()
        return people.first { $0.id == l || $0.logins.contains { $0.lowercased() == l } }
    }

    /// Who holds a role at `t`: an override in force wins (the latest listed); else every
    /// rotation of the role contributes its member for the shift.
    public func holders(of role: DutyRole, at t: Date) -> [Person] {
        if let o = overrides.last(where: { $0.role == role && $0.from <= t && t < $0.to }) {
            return o.person.flatMap { person($0) }.map { [$0] } ?? []
        }
        var out: [Person] = []
        for r in rotations where r.role == role && !r.members.isEmpty && t >= r.start {
            let days = calendar.dateComponents([.day], from: r.start, to: t).day ?? 0
            // The calendar counts whole days from the first hand-off, so a hand-off keeps its
            // local time across daylight-saving changes where a zone has them.
            let shift = days / r.period.days
            if let p = person(r.members[shift % r.members.count]), !out.contains(p) { out.append(p) }
        }
        return out
    }

    /// Every instant in `[from, to)` at which some holder may change.
    public func boundaries(from: Date, to: Date) -> [Date] {
        var out: Set<Date> = [from]
        for r in rotations {
            var k = max(0, (calendar.dateComponents([.day], from: r.start, to: from).day ?? 0) / r.period.days)
            while let b = calendar.date(byAdding: .day, value: k * r.period.days, to: r.start), b < to {
                if b > from { out.insert(b) }
                k += 1
            }
        }
        for o in overrides {
            for b in [o.from, o.to] where b > from && b < to { out.insert(b) }
        }
        return out.sorted()
    }

    /// One stretch of time with the same holders of a role.
    public struct Shift: Hashable, Sendable {
        public var role: DutyRole
        public var from: Date
        public var to: Date
        public var people: [Person]
    }

    /// The schedule of a role over `[from, to)`, adjacent equal stretches merged.
    public func schedule(of role: DutyRole, from: Date, to: Date) -> [Shift] {
        let marks = boundaries(from: from, to: to) + [to]
        var out: [Shift] = []
        for (a, b) in zip(marks, marks.dropFirst()) where a < b {
            let who = holders(of: role, at: a)
            if let last = out.last, last.people == who, last.to == a {
                out[out.count - 1].to = b
            } else {
                out.append(Shift(role: role, from: a, to: b, people: who))
            }
        }
        return out
    }

    /// Stretches in `[from, to)` when a role that must always be held has nobody.
    public func gaps(from: Date, to: Date, roles: [DutyRole] = DutyRole.alwaysStaffed) -> [Shift] {
        roles.flatMap { schedule(of: $0, from: from, to: to).filter(\.people.isEmpty) }
    }
}
