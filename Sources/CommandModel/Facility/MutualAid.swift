import Foundation

/// Mutual aid between centres (Jing-Jin-Ji): a request for teams or supplies to another
/// centre, its offers back, the acceptance that puts the visiting teams on the board, and their
/// release at the end.
public enum AidCommand: Hashable, Sendable {
    case request(incident: IncidentID, to: String, capabilities: [CapabilityCount], items: [ItemQuantity], meet: PlaceInput, neededBy: Date?)
    /// Another centre's offer on our request (recorded by its liaison, or by the duty officer on
    /// its word); or, on another centre's request (`AID-3@beijing`), our offer to it, which the
    /// relay carries there.
    case offer(String, AidOffer)
    /// Accepts an offer: its teams join the board at the meeting point, marked by their home.
    case accept(String, offer: Int)
    /// The accepted offer's teams reached the meeting point.
    case arrived(String)
    /// Sends the visiting teams home (none may still be on an incident).
    case release(String, reason: String)
}

/// A request for help as raised (the event's payload; the id is the decider's).
public struct AidRequestRaised: Hashable, Sendable, Codable {
    public var id: String
    public var incident: IncidentID
    /// The centre asked (`hebei`, `tianjin`).
    public var to: String
    public var capabilities: [CapabilityCount]
    public var items: [ItemQuantity]
    /// Where the help meets the centre's people.
    public var meetAt: Cell
    public var neededBy: Date?

    public init(id: String = "", incident: IncidentID, to: String, capabilities: [CapabilityCount], items: [ItemQuantity], meetAt: Cell, neededBy: Date?) {
        self.id = id
        self.incident = incident
        self.to = to
        self.capabilities = capabilities
        self.items = items
        self.meetAt = meetAt
        self.neededBy = neededBy
    }
}

/// So many teams of a capability.
public struct CapabilityCount: Hashable, Sendable, Codable {
    public var capability: Capability
    public var count: Int

    public init(_ capability: Capability, _ count: Int) {
        self.capability = capability
        self.count = count
    }
}

/// What another centre offers: teams (with their own ids and names), and when they arrive.
public struct AidOffer: Hashable, Sendable, Codable {
    public var from: String
    public var teams: [TeamProfile]
    public var eta: Date?

    public init(from: String, teams: [TeamProfile], eta: Date?) {
        self.from = from
        self.teams = teams
        self.eta = eta
    }
}

/// A mutual-aid request in the state.
public struct AidRequest: Hashable, Sendable, Codable {
    /// The accepted offer's teams (none before acceptance, or for an index no offer has: a
    /// forged record must not trap its readers).
    public var acceptedTeams: [TeamProfile] {
        guard let k = accepted, offers.indices.contains(k - 1) else { return [] }
        return offers[k - 1].teams
    }

    public var raised: AidRequestRaised
    public var at: Date
    public var by: String
    public var offers: [AidOffer] = []
    public var accepted: Int?
    public var acceptedAt: Date?
    /// When the visiting teams reached the meeting point.
    public var arrived: Date?
    public var released: Date?
    public var exercise: String?

    public var id: String { raised.id }

    public var stage: Bilingual {
        if released != nil { return Bilingual("released", "已返回") }
        if arrived != nil { return Bilingual("arrived", "已到达") }
        if accepted != nil { return Bilingual("accepted", "已接受") }
        return offers.isEmpty ? Bilingual("asked", "已请求") : Bilingual("offered", "已响应")
    }
}

extension AidCommand: DomainCommand {
    public var incident: IncidentID? {
        switch self {
        case let .request(i, _, _, _, _, _): i
        case .offer, .accept, .arrived, .release: nil
        }
    }

    func boundViolation(now: Date) -> BoundViolation? {
        switch self {
        case let .request(_, to, capabilities, items, meet, neededBy):
            if let t = neededBy, !Limits.isNear(t, to: now) { return .time(Bilingual("needed-by time", "需求时间"), t) }
            if capabilities.count + items.count > Limits.list { return .list(Bilingual("what is asked", "请求内容"), capabilities.count + items.count) }
            for c in capabilities where c.count > Limits.list { return .list(Bilingual("teams", "队伍"), c.count) }
            for l in items where l.quantity > Limits.figure { return .count(Bilingual("quantity of \(l.item)", "\(l.item) 数量"), l.quantity) }
            return .first(.name(to, Bilingual("centre", "中心")), meet.boundViolation)
        case let .offer(id, o):
            if let t = o.eta, !Limits.isNear(t, to: now) { return .time(Bilingual("arrival time", "到达时间"), t) }
            if o.teams.count > Limits.list { return .list(Bilingual("teams", "队伍"), o.teams.count) }
            for t in o.teams {
                if let v = BoundViolation.first(.name(t.id.raw, Bilingual("team id", "队伍编号")), .text(t.name.en, Bilingual("team name", "队伍名称")), .text(t.name.zh, Bilingual("team name", "队伍名称"))) {
                    return v
                }
            }
            return .first(.name(id, Bilingual("aid request id", "支援请求编号")), .name(o.from, Bilingual("centre", "中心")))
        case let .accept(id, _), let .arrived(id): return .name(id, Bilingual("aid request id", "支援请求编号"))
        case let .release(id, reason): return .first(.name(id, Bilingual("aid request id", "支援请求编号")), .text(reason, .reason))
        }
    }

    func requirement(in state: CommandState) -> Requirement {
        switch self {
        case let .request(incident, to, _, _, _, _):
            // Asking another centre needs the authority of the incident's level.
            let level = max(state.incidents[incident]?.level ?? .iv, .iv)
            return .level(level, action: Bilingual("ask \(to) for help", "请求\(to)支援"), incident: incident)
        case let .accept(id, _):
            guard let a = state.aidRequests[id], let i = state.incidents[a.raised.incident] else { return .anyRole }
            return .level(max(i.level, .iv), action: Bilingual("accept help for \(id)", "接受 \(id) 的支援"), incident: i.id)
        case .offer, .arrived, .release: return .anyRole
        }
    }
}

extension Decision {
    mutating func decide(_ command: AidCommand) throws(Rejection) -> [Event] {
        switch command {
        case let .request(incident, to, capabilities, items, meet, neededBy):
            let i = try activeIncident(incident)
            let rules = context.plans.centre
            let centre = to.lowercased()
            if !rules.neighbours.isEmpty, rules.neighbours[centre] == nil { throw .unknownCentre(to, known: rules.neighbours.keys.sorted()) }
            if !rules.aidLevels.isEmpty, !rules.aidLevels.contains(i.level) { throw .aidNeedsLevel(i.id, level: i.level, levels: rules.aidLevels.sorted(by: >)) }
            if capabilities.isEmpty && items.isEmpty { throw .noItems }
            if let bad = capabilities.first(where: { $0.count <= 0 }) {
                throw .notAPositiveCount(Bilingual("the number of \(bad.capability.name.en) teams", "\(bad.capability.name.zh)队伍数"), bad.count)
            }
            if let bad = items.first(where: { $0.quantity <= 0 }) { throw .notAPositiveCount(Bilingual("the quantity of \(bad.item)", "\(bad.item) 数量"), bad.quantity) }
            for line in items { try knownItem(line.item) }
            if let neededBy, neededBy <= context.now { throw .expiryBeforeNow }
            let (cell, _, _) = try locate(meet)
            let r = AidRequestRaised(
                id: "AID-\(state.nextAidRequest)", incident: incident, to: centre, capabilities: capabilities, items: merged(items), meetAt: cell, neededBy: neededBy)
            return [.aidRequested(request: r)]

        case let .offer(id, offer) where CentreName.remote(id) != nil:
            // Our offer on another centre's request: its teams stay on that centre's word; the
            // relay carries the offer there.
            if context.exercise != nil { throw .notInDrill(Bilingual("offer help to another centre", "向其他中心提供支援")) }
            guard let incoming = state.centres.incoming[id] else { throw .unknownAidRequest(id) }
            if incoming.accepted != nil || incoming.released != nil { throw .aidClosed(id) }
            if offer.teams.isEmpty { throw .noItems }
            var o = offer
            o.from = incoming.raised.to
            return [.aidOffered(request: id, offer: o)]

        case let .offer(id, offer):
            let a = try aidRequest(id)
            if a.accepted != nil || a.released != nil { throw .aidClosed(id) }
            if offer.teams.isEmpty { throw .noItems }
            for t in offer.teams where state.teams[t.id] != nil { throw .teamAlreadyRegistered(t.id) }
            var o = offer
            o.from = offer.from.lowercased()
            // Visiting teams are based at the meeting point and marked by their home centre.
            o.teams = offer.teams.map {
                var t = $0; t.base = a.raised.meetAt; t.home = o.from; return t
            }
            return [.aidOffered(request: id, offer: o)]

        case let .accept(id, index):
            try ownRequest(id)
            let a = try aidRequest(id)
            if a.accepted != nil || a.released != nil { throw .aidClosed(id) }
            guard a.offers.indices.contains(index - 1) else { throw .noSuchOffer(id, offers: a.offers.count) }
            for t in a.offers[index - 1].teams where state.teams[t.id] != nil { throw .teamAlreadyRegistered(t.id) }
            return [.aidAccepted(request: id, offer: index)]

        case let .arrived(id):
            try ownRequest(id)
            let a = try aidRequest(id)
            if a.released != nil || a.arrived != nil { throw .aidClosed(id) }
            guard a.accepted != nil else { throw .aidNotAccepted(id) }
            return [.aidArrived(request: id)]

        case let .release(id, reason):
            try ownRequest(id)
            let a = try aidRequest(id)
            guard a.accepted != nil, a.released == nil else { throw .aidClosed(id) }
            for t in a.acceptedTeams {
                if let on = state.teams[t.id]?.incident { throw .teamAlreadyAssigned(t.id, to: on, status: state.teams[t.id]?.status ?? .dispatched) }
            }
            return [.aidReleased(request: id, reason: try required(reason))]
        }
    }

    /// Refuses another centre's request where only the asking centre may act.
    func ownRequest(_ id: String) throws(Rejection) {
        if let (_, centre) = CentreName.remote(id) { throw .aidOfAnotherCentre(id, centre: centre) }
    }

    func aidRequest(_ id: String) throws(Rejection) -> AidRequest {
        guard let a = state.aidRequests[id] else { throw .unknownAidRequest(id) }
        if let ex = context.exercise, a.exercise != ex { throw .notTheDrills(id, exercise: a.exercise) }
        return a
    }
}

extension CommandState {
    /// Folds the mutual-aid events in (called from `apply`): an accepted offer's teams join the
    /// board, available at the meeting point; the release takes them off it.
    mutating func applyAid(_ event: Event, at: Date, by: String, exercise: String?) {
        switch event {
        case let .aidRequested(r):
            aidRequests[r.id] = AidRequest(raised: r, at: at, by: by, exercise: exercise)
            nextAidRequest = max(nextAidRequest, successor(Int(r.id.dropFirst(4)) ?? 0))
        case let .aidOffered(id, offer):
            if CentreName.remote(id) != nil {
                applyIncomingOffer(id, offer)
            } else {
                aidRequests[id]?.offers.append(offer)
            }
        case let .aidArrived(id):
            aidRequests[id]?.arrived = at
        case let .aidAccepted(id, index):
            aidRequests[id]?.accepted = index
            aidRequests[id]?.acceptedAt = at
            for t in aidRequests[id]?.acceptedTeams ?? [] { teams[t.id] = Team(profile: t, status: .available, incident: nil, since: at) }
        case let .aidReleased(id, _):
            aidRequests[id]?.released = at
            for t in aidRequests[id]?.acceptedTeams ?? [] { teams[t.id] = nil }
        case .incidentReported, .incidentAcknowledged, .incidentVerified, .figuresUpdated, .levelRaised, .levelLowered, .statusChanged, .incidentCancelled, .incidentMarkedFalseAlarm, .incidentClosed,
            .incidentReopened, .causeLinked, .checklistItemDone, .noteAdded, .reportFiled, .teamRegistered, .teamAssigned, .teamStatusChanged, .teamReleased, .responseDeclared, .responseAdjusted,
            .responseEnded, .incidentJoinedResponse, .warningIssued, .warningLifted, .actionRefused, .pageSent, .pageAcknowledged, .pageNotified, .pageNotifyFailed, .pageCancelled, .drillScheduled,
            .injectFired, .injectSkipped, .drillEnded, .rosterAdopted, .teamUpdated, .teamRetired, .facilityRegistered, .facilityUpdated, .facilityRetired, .shelterOpened, .shelterClosed, .sheltered,
            .shelterLeft, .stockReceived, .stockIssued, .stockMinimumSet, .supplyRequested, .supplyApproved, .supplyCommitted, .supplyDispatched, .supplyDelivered, .sitrepDrafted, .sitrepApproved,
            .sitrepFiled, .handoverAccepted, .drillObserved, .drillObjectiveJudged, .correctiveActionRaised, .correctiveActionUpdated, .feedReceived, .feedAdvanced, .journalSealed,
            .drillExpectationScored, .capAlertReceived, .aidMessageReceived, .aidMessageDelivered, .centreUnreachable, .centreReachable, .boardShared, .boardUnshared:
            assertionFailure("not a mutual-aid event: \(event.kind)")
        }
    }
}
