import Foundation

/// What can be asked of a team: registered once, then sent, moved and released.
public enum TeamCommand: Hashable, Sendable {
    case register(TeamProfile)
    /// Changes a registered team's name, capabilities, base or district.
    case update(TeamProfile)
    /// Registers a team whose base is given as a place (`team add`): the decider places it.
    case add(NewTeam)
    /// Changes only what is given (`team update`); the rest of the profile stays.
    case change(TeamID, TeamChange)
    /// Takes a team off the board for good (disbanded, merged); it must not be on an incident.
    case retire(TeamID, reason: String)
    case assign(TeamID, to: IncidentID)
    case setStatus(TeamID, TeamStatus)
    case release(TeamID)
}

extension TeamCommand: DomainCommand {
    public var incident: IncidentID? {
        switch self {
        case let .assign(_, i): i
        case .register, .update, .retire, .setStatus, .release, .add, .change: nil
        }
    }

    func boundViolation(now: Date) -> BoundViolation? {
        switch self {
        case let .register(profile), let .update(profile):
            .first(
                .name(profile.id.raw, Bilingual("team id", "队伍编号")), .text(profile.name.en, Bilingual("team name", "队伍名称")),
                .text(profile.name.zh, Bilingual("team name", "队伍名称")), .name(profile.district, Bilingual("district", "区")), .cell(profile.base))
        case let .retire(_, reason): .text(reason, .reason)
        case let .add(t):
            .first(
                .name(t.id.raw, Bilingual("team id", "队伍编号")), .text(t.name.en, Bilingual("team name", "队伍名称")), .text(t.name.zh, Bilingual("team name", "队伍名称")),
                t.place.boundViolation)
        case let .change(id, c):
            .first(
                .name(id.raw, Bilingual("team id", "队伍编号")), .text(c.name?.en, Bilingual("team name", "队伍名称")), .text(c.name?.zh, Bilingual("team name", "队伍名称")),
                c.place?.boundViolation)
        case .assign, .setStatus, .release: nil
        }
    }

    func requirement(in state: CommandState) -> Requirement {
        switch self {
        case .register, .update, .retire, .assign, .setStatus, .release, .add, .change: .anyRole
        }
    }
}

extension Decision {
    mutating func decide(_ command: TeamCommand) throws(Rejection) -> [Event] {
        switch command {
        case let .register(profile):
            if state.teams[profile.id] != nil { throw .teamAlreadyRegistered(profile.id) }
            return [.teamRegistered(profile: profile)]

        case let .update(profile):
            let t = try team(profile.id)
            if t.profile == profile { throw .teamUnchanged(profile.id) }
            return [.teamUpdated(profile: profile)]

        case let .add(new):
            if state.teams[new.id] != nil { throw .teamAlreadyRegistered(new.id) }
            let (cell, _, district) = try locate(new.place)
            let name = Bilingual(try required(new.name.en, what: Bilingual("name", "名称")), new.name.zh.isEmpty ? new.name.en : new.name.zh)
            return [.teamRegistered(profile: TeamProfile(id: new.id, name: name, capabilities: new.capabilities, base: cell, district: district))]

        case let .change(teamID, change):
            var p = try team(teamID).profile
            if let name = change.name { p.name = name.merged(over: p.name) }
            if let caps = change.capabilities { p.capabilities = caps }
            if let place = change.place { (p.base, _, p.district) = try locate(place) }
            if p == state.teams[teamID]?.profile { throw .teamUnchanged(teamID) }
            return [.teamUpdated(profile: p)]

        case let .retire(teamID, reason):
            let t = try team(teamID)
            if let on = t.incident { throw .teamAlreadyAssigned(teamID, to: on, status: t.status) }
            return [.teamRetired(team: teamID, reason: try required(reason))]

        case let .assign(teamID, id):
            let i = try activeIncident(id)
            let t = try team(teamID)
            if i.status == .reported { throw .notAcknowledged(id) }
            if let on = t.incident { throw .teamAlreadyAssigned(teamID, to: on, status: t.status) }
            guard t.status == .available else { throw .teamNotAvailable(teamID, status: t.status) }
            // A drill's visitors exist only in the drill: they serve its incidents alone.
            if let drill = state.visitingFor(teamID), i.exercise != drill { try sameRecord(teamID.description, drill, id.description, i.exercise) }
            var events: [Event] = [.teamAssigned(team: teamID, incident: id)]
            if i.status == .acknowledged { events.append(.statusChanged(incident: id, from: .acknowledged, to: .responding)) }
            return events

        case let .setStatus(teamID, to):
            let t = try team(teamID)
            guard t.status.allowedNext.contains(to) else { throw .illegalTeamTransition(teamID, from: t.status, to: to, allowed: t.status.allowedNext) }
            var events: [Event] = [.teamStatusChanged(team: teamID, from: t.status, to: to)]
            // The first team on scene puts a responding incident on scene.
            if to == .onScene, let id = t.incident, let i = state.incidents[id], i.status == .responding {
                events.append(.statusChanged(incident: id, from: .responding, to: .onScene))
            }
            return events

        case let .release(teamID):
            let t = try team(teamID)
            guard let id = t.incident else { throw .teamNotOnIncident(teamID) }
            return [.teamReleased(team: teamID, incident: id)]
        }
    }

    func team(_ id: TeamID) throws(Rejection) -> Team {
        guard let t = state.teams[id] else { throw .unknownTeam(id) }
        return t
    }
}

/// A team as `team add` gives it: its base still a place to resolve on the map.
public struct NewTeam: Hashable, Sendable {
    public var id: TeamID
    public var name: Bilingual
    public var capabilities: [Capability]
    public var place: PlaceInput

    public init(id: TeamID, name: Bilingual, capabilities: [Capability], place: PlaceInput) {
        self.id = id
        self.name = name
        self.capabilities = capabilities
        self.place = place
    }
}

/// What `team update` changes; nil leaves a field as it is.
public struct TeamChange: Hashable, Sendable {
    public var name: Bilingual?
    public var capabilities: [Capability]?
    public var place: PlaceInput?

    public init(name: Bilingual? = nil, capabilities: [Capability]? = nil, place: PlaceInput? = nil) {
        self.name = name
        self.capabilities = capabilities
        self.place = place
    }
}

extension PlaceInput {
    /// A carried value outside ``Limits``, if any.
    var boundViolation: BoundViolation? {
        switch self {
        case let .cell(c): .cell(c)
        case let .district(d): .name(d, Bilingual("district", "区"))
        case .point: nil
        }
    }
}
