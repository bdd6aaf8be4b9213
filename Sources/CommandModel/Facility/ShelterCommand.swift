import Foundation

/// A shelter at work: opened and closed with a reason, people checked in and out.
public enum ShelterCommand: Hashable, Sendable {
    /// `for`: the incident it is opened for (a drill's incident: open for the drill alone).
    case open(FacilityID, reason: String, for: IncidentID? = nil)
    /// Closes an empty shelter (people inside must be checked out, or moved, first).
    case close(FacilityID, reason: String, for: IncidentID? = nil)
    /// People arrived; `for`: the incident they fled, so its evacuation is tied to the shelter.
    case checkIn(FacilityID, count: Int, for: IncidentID?)
    /// People left; `for`: the incident they had fled (a drill's: from the drill's count).
    case checkOut(FacilityID, count: Int, for: IncidentID? = nil)
}

/// An open shelter with room, offered when another is full.
public struct ShelterRoom: Hashable, Sendable {
    public var id: FacilityID
    public var name: Bilingual
    public var free: Int

    public init(id: FacilityID, name: Bilingual, free: Int) {
        self.id = id
        self.name = name
        self.free = free
    }
}

extension ShelterCommand: DomainCommand {
    public var incident: IncidentID? {
        switch self {
        case let .checkIn(_, _, i), let .open(_, _, i), let .close(_, _, i), let .checkOut(_, _, i): i
        }
    }

    func boundViolation(now: Date) -> BoundViolation? {
        switch self {
        case let .open(id, reason, _), let .close(id, reason, _):
            return .first(.name(id.raw, Bilingual("facility id", "设施编号")), .text(reason, .reason))
        case let .checkIn(id, count, _), let .checkOut(id, count, _):
            if count > Limits.figure { return .count(Bilingual("people", "人数"), count) }
            return .name(id.raw, Bilingual("facility id", "设施编号"))
        }
    }

    func requirement(in state: CommandState) -> Requirement {
        switch self {
        case .open, .close, .checkIn, .checkOut: .anyRole
        }
    }
}

extension Decision {
    mutating func decide(_ command: ShelterCommand) throws(Rejection) -> [Event] {
        switch command {
        case let .open(id, reason, incident):
            _ = try shelter(id)
            let drill = try drillOf(incident)
            let use = state.shelters[id]
            if let drill {
                if use?.open == true || use?.exerciseOpen.contains(drill) == true { throw .shelterAlreadyOpen(id) }
            } else if use?.open == true {
                throw .shelterAlreadyOpen(id)
            }
            return [.shelterOpened(shelter: id, reason: try required(reason), incident: incident)]

        case let .close(id, reason, incident):
            _ = try shelter(id)
            let drill = try drillOf(incident)
            guard let use = state.shelters[id] else { throw .shelterNotOpen(id) }
            if let drill {
                // A drill closes only what it opened, and only once its own people have left.
                guard use.exerciseOpen.contains(drill) else { throw .shelterNotOpen(id) }
                if let inside = use.exercise[drill], inside > 0 { throw .shelterNotEmpty(id, inside: inside) }
            } else {
                guard use.open else { throw .shelterNotOpen(id) }
                if use.inside > 0 { throw .shelterNotEmpty(id, inside: use.inside) }
            }
            return [.shelterClosed(shelter: id, reason: try required(reason), incident: incident)]

        case let .checkIn(id, count, incident):
            let f = try shelter(id)
            guard count > 0 else { throw .notAPositiveCount(Bilingual("the number of people", "人数"), count) }
            guard state.shelters[id]?.isOpen == true else { throw .shelterNotOpen(id) }
            if let incident { _ = try self.incident(incident) }
            let free = state.freePlaces(id, at: context.now)
            if count > free {
                // Where else they can go: the nearest open shelters with room.
                let others = state.sheltersWithRoom(near: f.cell, at: context.now, excluding: id).prefix(3).map { ShelterRoom(id: $0.facility.id, name: $0.facility.name, free: $0.free) }
                throw .shelterFull(id, free: free, wanted: count, elsewhere: Array(others))
            }
            return [.sheltered(shelter: id, count: count, incident: incident)]

        case let .checkOut(id, count, incident):
            _ = try shelter(id)
            guard count > 0 else { throw .notAPositiveCount(Bilingual("the number of people", "人数"), count) }
            guard let use = state.shelters[id] else { throw .shelterNotOpen(id) }
            // A drill's people leave from its own count (an inject, or `out N for` a drill's
            // incident); real people from the real one.
            let inside = try drillOf(incident).map { use.exercise[$0] ?? 0 } ?? use.occupancy
            if count > inside { throw .fewerInside(id, inside: inside, wanted: count) }
            return [.shelterLeft(shelter: id, count: count, incident: incident)]
        }
    }

    /// The drill an action is for: the acting drill's, else that of the incident it names.
    func drillOf(_ incident: IncidentID?) throws(Rejection) -> String? {
        if let ex = context.exercise { return ex }
        guard let incident else { return nil }
        return try self.incident(incident).exercise
    }

    func shelter(_ id: FacilityID) throws(Rejection) -> Facility {
        guard let f = state.facilities[id] else { throw .unknownFacility(id) }
        guard f.kind == .shelter else { throw .notAShelter(id, kind: f.kind) }
        return f
    }
}
