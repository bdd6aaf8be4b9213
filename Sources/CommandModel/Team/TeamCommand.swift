import Foundation

/// What can be asked of a team: registered once, then sent, moved and released.
public enum TeamCommand: Hashable, Sendable {
    case register(TeamProfile)
    /// Changes a registered team's name, capabilities, base or district.
    case update(TeamProfile)
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
        case .register, .update, .retire, .setStatus, .release: nil
        }
    }

    func boundViolation(now: Date) -> BoundViolation? {
        switch self {
        case let .register(profile), let .update(profile):
            .first(
                .name(profile.id.raw, Bilingual("team id", "队伍编号")), .text(profile.name.en, Bilingual("team name", "队伍名称")),
                .text(profile.name.zh, Bilingual("team name", "队伍名称")), .name(profile.district, Bilingual("district", "区")), .cell(profile.base))
        case let .retire(_, reason): .text(reason, .reason)
        case .assign, .setStatus, .release: nil
        }
    }

    func requirement(in state: CommandState) -> Requirement {
        switch self {
        case .register, .update, .retire, .assign, .setStatus, .release: .anyRole
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
