import Foundation

/// A shelter at work: open or closed, and how many people are inside. The facility record
/// (`Facility`) says what it is; this says how it is tonight.
public struct ShelterUse: Hashable, Sendable, Codable {
    public var open: Bool
    /// When it last opened or closed, and why.
    public var since: Date
    public var reason: String
    /// People inside, as checked in and out on the real record.
    public var occupancy: Int
    /// People a drill checked in, by drill: kept apart from the real count, gone at its stand-down.
    public var exercise: [String: Int]
    /// People checked in from each incident they fled (real and drill alike; for the ★ view).
    public var fromIncidents: [IncidentID: Int] = [:]
    /// Drills that opened it for themselves (it is open for them until they close it or end).
    public var exerciseOpen: Set<String> = []
    /// Whether the real record ever opened it (a shelter only a drill opened is no part of the
    /// real picture).
    public var openedForReal = true

    /// Open for real, or for a drill still running.
    public var isOpen: Bool { open || !exerciseOpen.isEmpty }

    public init(open: Bool, since: Date, reason: String, occupancy: Int = 0, exercise: [String: Int] = [:]) {
        self.open = open
        self.since = since
        self.reason = reason
        self.occupancy = occupancy
        self.exercise = exercise
    }

    /// Everyone inside, drills' people included (they take real beds while the drill runs).
    public var inside: Int { occupancy + exercise.values.reduce(0, +) }
}

/// How a shelter reads on the map and in lists.
public enum ShelterStatus: String, Hashable, Sendable, CaseIterable {
    case closed, open, nearFull = "near-full", full

    public var name: Bilingual {
        switch self {
        case .closed: Bilingual("closed", "未开放")
        case .open: Bilingual("open", "开放")
        case .nearFull: Bilingual("near full", "将满")
        case .full: Bilingual("full", "已满")
        }
    }
}

extension Facility {
    /// The places a shelter has at `date`: the night capacity from 22:00 to 06:00 centre time
    /// when the record gives one, else the capacity.
    public func capacity(at date: Date, zone: TimeZone = CentreTime.zone) -> Int {
        guard let night = nightCapacity else { return capacity ?? 0 }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let hour = calendar.component(.hour, from: date)
        return hour >= 22 || hour < 6 ? night : capacity ?? night
    }
}

extension CommandState {
    /// A shelter's standing at `now`: closed, open, near full (90% or more), or full.
    public func shelterStatus(_ id: FacilityID, at now: Date) -> ShelterStatus {
        guard let f = facilities[id], f.kind == .shelter, let use = shelters[id], use.isOpen else { return .closed }
        let places = f.capacity(at: now)
        if use.inside >= places { return .full }
        return use.inside * 10 >= places * 9 ? .nearFull : .open
    }

    /// Free places in a shelter at `now` (0 when closed or full).
    public func freePlaces(_ id: FacilityID, at now: Date) -> Int {
        guard let f = facilities[id], f.kind == .shelter, let use = shelters[id], use.isOpen else { return 0 }
        return max(0, f.capacity(at: now) - use.inside)
    }

    /// Open shelters with room, nearest first from `cell` (straight-line cells; ties by id).
    public func sheltersWithRoom(near cell: Cell, at now: Date, excluding: FacilityID? = nil) -> [(facility: Facility, free: Int)] {
        facilities.values.filter { $0.kind == .shelter && $0.id != excluding }.compactMap { f -> (Facility, Int)? in
            let free = freePlaces(f.id, at: now)
            return free > 0 ? (f, free) : nil
        }.sorted {
            let a = ($0.0.cell.x - cell.x) * ($0.0.cell.x - cell.x) + ($0.0.cell.y - cell.y) * ($0.0.cell.y - cell.y)
            let b = ($1.0.cell.x - cell.x) * ($1.0.cell.x - cell.x) + ($1.0.cell.y - cell.y) * ($1.0.cell.y - cell.y)
            return (a, $0.0.id) < (b, $1.0.id)
        }
    }

    /// Folds the shelter events in (called from `apply`); a drill's check-ins and check-outs
    /// move only its own count.
    mutating func applyShelter(_ event: Event, at: Date, exercise: String?) {
        switch event {
        case let .shelterOpened(id, reason, _):
            var use = shelters[id] ?? ShelterUse(open: false, since: at, reason: reason)
            if let exercise {
                if shelters[id] == nil { use.openedForReal = false }
                use.exerciseOpen.insert(exercise)
            } else {
                use.openedForReal = true
                use.open = true
                use.since = at
                use.reason = reason
            }
            shelters[id] = use
        case let .shelterClosed(id, reason, _):
            if let exercise {
                shelters[id]?.exerciseOpen.remove(exercise)
            } else {
                shelters[id]?.open = false
                shelters[id]?.since = at
                shelters[id]?.reason = reason
            }
        case let .sheltered(id, count, incident):
            if let incident { shelters[id]?.fromIncidents[incident, default: 0] += count }
            if let exercise { shelters[id]?.exercise[exercise, default: 0] += count } else { shelters[id]?.occupancy += count }
        case let .shelterLeft(id, count, _):
            if let exercise {
                shelters[id]?.exercise[exercise, default: 0] -= count
                if shelters[id]?.exercise[exercise] == 0 { shelters[id]?.exercise[exercise] = nil }
            } else {
                shelters[id]?.occupancy -= count
            }
        case .incidentReported, .incidentAcknowledged, .incidentVerified, .figuresUpdated, .levelRaised, .levelLowered, .statusChanged, .incidentCancelled, .incidentMarkedFalseAlarm, .incidentClosed,
            .incidentReopened, .causeLinked, .checklistItemDone, .noteAdded, .reportFiled, .teamRegistered, .teamAssigned, .teamStatusChanged, .teamReleased, .responseDeclared, .responseAdjusted,
            .responseEnded, .incidentJoinedResponse, .warningIssued, .warningLifted, .actionRefused, .pageSent, .pageAcknowledged, .pageNotified, .pageNotifyFailed, .pageCancelled, .drillScheduled,
            .injectFired, .injectSkipped, .drillEnded, .rosterAdopted, .teamUpdated, .teamRetired, .facilityRegistered, .facilityUpdated, .facilityRetired, .stockReceived, .stockIssued,
            .stockMinimumSet, .supplyRequested, .supplyApproved, .supplyCommitted, .supplyDispatched, .supplyDelivered, .aidRequested, .aidOffered, .aidAccepted, .aidReleased, .sitrepDrafted,
            .sitrepApproved, .sitrepFiled, .handoverAccepted, .drillObserved, .drillObjectiveJudged, .correctiveActionRaised, .correctiveActionUpdated, .feedReceived, .feedAdvanced,
            .journalSealed, .drillExpectationScored, .capAlertReceived, .aidArrived, .aidMessageReceived, .aidMessageDelivered, .centreUnreachable, .centreReachable, .boardShared, .boardUnshared:
            assertionFailure("not a shelter event: \(event.kind)")
        }
    }

    /// A drill's people leave every shelter at its stand-down (called at `drillEnded`).
    mutating func releaseShelters(of drill: String) {
        for id in shelters.keys {
            shelters[id]?.exercise[drill] = nil
            shelters[id]?.exerciseOpen.remove(drill)
        }
    }
}
