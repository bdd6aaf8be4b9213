import Foundation

/// Who may do what: which roles may set each response level and close incidents at each level.
/// Configurable in the roster's `authority:` section; the default follows the centre's rules.
public struct AuthorityMatrix: Hashable, Sendable {
    /// Roles that may set an incident's level to (or take it away from) each level.
    public var levels: [ResponseLevel: Set<DutyRole>]
    /// Roles that may close (or cancel) an incident at each level.
    public var close: [ResponseLevel: Set<DutyRole>]

    public init(levels: [ResponseLevel: Set<DutyRole>], close: [ResponseLevel: Set<DutyRole>]) {
        self.levels = levels
        self.close = close
    }

    /// A duty officer may declare IV; an on-call leader III and IV; a commander any level.
    /// Closing a Level I or II incident needs a commander.
    public static let standard = AuthorityMatrix(
        levels: [.iv: [.dutyOfficer, .onCallLeader, .commander], .iii: [.onCallLeader, .commander], .ii: [.commander], .i: [.commander]],
        close: [
            .none: [.dutyOfficer, .onCallLeader, .commander], .iv: [.dutyOfficer, .onCallLeader, .commander], .iii: [.dutyOfficer, .onCallLeader, .commander], .ii: [.commander], .i: [.commander],
        ])
}

/// Who is acting, as the roster knows them. `nil` in a context means no roster is configured:
/// everyone may do everything.
public struct Actor: Hashable, Sendable {
    public var login: String
    public var person: Person?
    /// The roles the person may act in (standing roles and roles they are on call for now).
    public var roles: Set<DutyRole>
    /// Who holds each role now, for telling a refused operator whom to ask.
    public var onCallNow: [DutyRole: [Bilingual]]

    public init(login: String, person: Person?, roles: Set<DutyRole>, onCallNow: [DutyRole: [Bilingual]]) {
        self.login = login
        self.person = person
        self.roles = roles
        self.onCallNow = onCallNow
    }

    /// The actor for a login at `t`: standing roles plus the roles they are on call for.
    public static func from(roster: Roster, login: String, at t: Date) -> Actor {
        let person = roster.person(login: login)
        var roles = Set(person?.roles ?? [])
        var onCall: [DutyRole: [Bilingual]] = [:]
        for role in DutyRole.allCases {
            let holders = roster.holders(of: role, at: t)
            onCall[role] = holders.map(\.name)
            if let p = person, holders.contains(p) { roles.insert(role) }
        }
        return Actor(login: login, person: person, roles: roles, onCallNow: onCall)
    }
}

/// What a command needs of whoever gives it: one row of the authority table. Each domain says,
/// for each of its commands, which row applies (an exhaustive switch in its folder), so a new
/// command cannot slip past the authority check.
public enum Requirement: Hashable, Sendable {
    /// Recorded by the system on everyone's behalf (escalation pages, notify outcomes).
    case system
    /// Anyone acting in a role (not a viewer, not someone off the roster).
    case anyRole
    /// The roles the matrix lets set, leave, or act on this level (an incident's level, or an
    /// area response's).
    case level(ResponseLevel, action: Bilingual, incident: IncidentID?)
    /// The roles the matrix lets close (or reopen) an incident at this level.
    case close(ResponseLevel, action: Bilingual, incident: IncidentID)
    /// Drill coordinators only.
    case drillCoordinator(action: Bilingual)
    /// Commanders only (the centre's own settings, such as the roster in force).
    case commander(action: Bilingual)
    /// Drill evaluators (and coordinators): observations and judgements of a drill.
    case evaluator(action: Bilingual)

    /// The roles that satisfy it under a matrix; nil when anyone acting in a role will do.
    public func roles(_ matrix: AuthorityMatrix) -> Set<DutyRole>? {
        switch self {
        case .system, .anyRole: nil
        // Nothing to govern (a level left at none): a refusal, if any, is the decider's.
        case let .level(level, _, _): level == .none ? nil : matrix.levels[level] ?? [.commander]
        case let .close(level, _, _): matrix.close[level] ?? [.commander]
        case .drillCoordinator: [.drillCoordinator]
        case .commander: [.commander]
        case .evaluator: [.evaluator, .drillCoordinator]
        }
    }
}

extension Decision {
    /// Refuses a command beyond the actor's authority, saying who can do it.
    func authorize(_ command: Command) throws(Rejection) {
        guard let actor = context.actor else { return }
        let requirement = command.requirement(in: state)
        if requirement == .system { return }
        // Not on the roster, or a viewer: view only. An evaluator acts only as one.
        let evaluating: Bool
        switch requirement {
        case .evaluator: evaluating = true
        case .system, .anyRole, .level, .close, .drillCoordinator, .commander: evaluating = false
        }
        let acting = actor.roles.subtracting(evaluating ? [.viewer] : [.viewer, .evaluator])
        if acting.isEmpty {
            throw .notAuthorized(action: Bilingual("change anything", "进行任何更改"), needs: [.dutyOfficer], onCallNow: actor.onCallNow[.dutyOfficer] ?? [], incident: command.incident)
        }
        guard let roles = requirement.roles(context.authority), acting.isDisjoint(with: roles) else { return }
        let needed = roles.sorted()
        let names = needed.flatMap { actor.onCallNow[$0] ?? [] }
        let action: Bilingual
        let incident: IncidentID?
        switch requirement {
        case .system, .anyRole: return
        case let .level(_, a, i): (action, incident) = (a, i)
        case let .close(_, a, i): (action, incident) = (a, i)
        case let .drillCoordinator(a): (action, incident) = (a, nil)
        case let .commander(a): (action, incident) = (a, nil)
        case let .evaluator(a): (action, incident) = (a, nil)
        }
        throw .notAuthorized(action: action, needs: needed, onCallNow: names, incident: incident)
    }
}
