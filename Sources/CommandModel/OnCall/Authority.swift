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

extension Decision {
    /// Refuses a command beyond the actor's authority, saying who can do it.
    func authorize(_ command: Command) throws(Rejection) {
        guard let actor = context.actor else { return }
        // Escalation pages are sent by the system on everyone's behalf.
        if case .sendPage = command { return }
        if case .recordNotify = command { return }
        let matrix = context.authority
        // Not on the roster, or a viewer: view only.
        let acting = actor.roles.subtracting([.viewer])
        if acting.isEmpty {
            throw .notAuthorized(action: Bilingual("change anything", "进行任何更改"), needs: [.dutyOfficer], onCallNow: actor.onCallNow[.dutyOfficer] ?? [], incident: command.incident)
        }
        func require(_ roles: Set<DutyRole>, _ what: Bilingual, _ incident: IncidentID?) throws(Rejection) {
            guard acting.isDisjoint(with: roles) else { return }
            let needed = roles.sorted()
            let names = needed.flatMap { actor.onCallNow[$0] ?? [] }
            throw .notAuthorized(action: what, needs: needed, onCallNow: names, incident: incident)
        }
        switch command {
        case let .setLevel(id, level, _):
            guard let i = state.incidents[id] else { return }
            // Raising needs the authority of the new level; lowering that of the level left.
            let governing = max(level, i.level)
            let verb =
                level > i.level
                ? Bilingual("raise \(id) to level \(level.roman)", "将 \(id) 提升至 \(level.roman) 级") : Bilingual("lower \(id) from level \(i.level.roman)", "将 \(id) 从 \(i.level.roman) 级降低")
            try require(matrix.levels[governing] ?? [.commander], verb, id)
        case let .close(id, _), let .cancel(id, _), let .markFalseAlarm(id, _):
            guard let i = state.incidents[id] else { return }
            try require(matrix.close[i.level] ?? [.commander], Bilingual("close level \(i.level.roman) incident \(id)", "结案 \(i.level.roman) 级事件 \(id)"), id)
        case .scheduleDrill:
            try require([.drillCoordinator], Bilingual("start a drill", "启动演练"), nil)
        case .fireInject, .skipInject:
            try require([.drillCoordinator], Bilingual("run a drill's injects", "执行演练注入"), nil)
        case let .endDrill(_, _, aborted):
            try require([.drillCoordinator], aborted ? Bilingual("abort a drill", "中止演练") : Bilingual("end a drill", "结束演练"), nil)
        case let .declareResponse(_, level, _, _), let .adjustResponse(_, level, _, _):
            try require(matrix.levels[level] ?? [.commander], Bilingual("declare an area response at level \(level.roman)", "启动 \(level.roman) 级区域响应"), nil)
        default:
            return
        }
    }
}

extension Command {
    /// The drill a drill command acts in: its events belong to that drill.
    public var drill: String? {
        switch self {
        case let .fireInject(d, _, _, _, _, _), let .skipInject(d, _, _), let .endDrill(d, _, _): d
        default: nil
        }
    }

    /// The incident a command is about, if any.
    public var incident: IncidentID? {
        switch self {
        case let .acknowledge(i), let .verify(i): i
        case let .updateFigures(i, _), let .setLevel(i, _, _), let .setStatus(i, _): i
        case let .cancel(i, _), let .markFalseAlarm(i, _), let .close(i, _), let .reopen(i, _): i
        case let .linkCause(i, _), let .completeChecklistItem(i, _), let .addNote(i, _), let .fileReport(i, _): i
        case let .assignTeam(_, i), let .joinResponse(i, _): i
        default: nil
        }
    }
}
