import Foundation

/// One step of mutual aid as it travels from one centre's store to another's: what the
/// sender's event says, with the request named as the asking centre numbers it (`AID-3`).
///
/// A frozen payload (it is kept inside the receiver's `aidMessageReceived` event): cases and
/// fields are only ever added.
public enum AidStep: Hashable, Sendable, Codable {
    /// The asking centre's request (its `to` names the centre asked).
    case request(raised: AidRequestRaised)
    /// The asked centre's offer on the asker's request.
    case offer(request: String, offer: AidOffer)
    /// The asker accepted its offer number `offer` (in its own numbering), these teams.
    case accept(request: String, offer: Int, teams: [TeamProfile])
    /// The visiting teams reached the asker's meeting point.
    case arrived(request: String)
    /// The asker sent the visiting teams home.
    case release(request: String, reason: String)

    /// The request the step is about, as the asking centre numbers it.
    public var request: String {
        switch self {
        case let .request(r): r.id
        case let .offer(id, _), let .accept(id, _, _), let .arrived(id), let .release(id, _): id
        }
    }

    /// What the step is, in a word.
    public var name: Bilingual {
        switch self {
        case .request: Bilingual("request", "请求")
        case .offer: Bilingual("offer", "响应")
        case .accept: Bilingual("acceptance", "接受")
        case .arrived: Bilingual("arrival", "到达")
        case .release: Bilingual("release", "返回")
        }
    }

    /// The first carried value outside ``Limits``, if any.
    func boundViolation(now: Date) -> BoundViolation? {
        switch self {
        case let .request(r):
            if let t = r.neededBy, !Limits.isNear(t, to: now) { return .time(Bilingual("needed-by time", "需求时间"), t) }
            if r.capabilities.count + r.items.count > Limits.list { return .list(Bilingual("what is asked", "请求内容"), r.capabilities.count + r.items.count) }
            for c in r.capabilities where c.count > Limits.list || c.count < 0 { return .list(Bilingual("teams", "队伍"), c.count) }
            for l in r.items where l.quantity > Limits.figure || l.quantity < 0 { return .count(Bilingual("quantity of \(l.item)", "\(l.item) 数量"), l.quantity) }
            if let v = BoundViolation.names(r.items.map(\.item), Bilingual("item", "物资")) { return v }
            return .first(.name(r.id, Bilingual("aid request id", "支援请求编号")), .name(r.to, Bilingual("centre", "中心")), .cell(r.meetAt))
        case let .offer(id, o):
            return .first(.name(id, Bilingual("aid request id", "支援请求编号")), AidCommand.offer(id, o).boundViolation(now: now))
        case let .accept(id, k, teams):
            if k < 1 || k > Limits.figure { return .count(Bilingual("offer number", "响应序号"), k) }
            return .first(.name(id, Bilingual("aid request id", "支援请求编号")), AidCommand.offer(id, AidOffer(from: "", teams: teams, eta: nil)).boundViolation(now: now))
        case let .arrived(id): return .name(id, Bilingual("aid request id", "支援请求编号"))
        case let .release(id, reason): return .first(.name(id, Bilingual("aid request id", "支援请求编号")), .text(reason, .reason))
        }
    }
}

/// A mutual-aid step as another centre's store holds it: who sent it to whom, its place in the
/// sender's chain (`seq`, and the sequence of the sender's message to us before it, 0 for the
/// first) and the sender's chain hash there. Either centre can later prove what the other asked
/// and promised: the receiver holds the sender's hash, the sender holds the receiver's.
public struct AidMessage: Hashable, Sendable, Codable {
    public var from: String
    public var to: String
    public var seq: Int64
    public var previous: Int64
    public var hash: String
    public var step: AidStep

    public init(from: String, to: String, seq: Int64, previous: Int64, hash: String, step: AidStep) {
        self.from = from
        self.to = to
        self.seq = seq
        self.previous = previous
        self.hash = hash
        self.step = step
    }
}

/// Where a message landed in the receiver's chain: its sequence number and chain hash.
public struct AidReceipt: Hashable, Sendable, Codable {
    public var seq: Int64
    public var hash: String

    public init(seq: Int64, hash: String) {
        self.seq = seq
        self.hash = hash
    }
}

/// Centre names: lower-case letters, digits and `_`, starting with a letter, at most 40 (the
/// same rule as a PostgreSQL store's `centre=`, so a name can also name a schema).
public enum CentreName {
    public static func isValid(_ name: String) -> Bool {
        guard name.count <= 40, let first = name.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// A chain hash: 64 lower-case hexadecimal digits.
    public static func isHash(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }
    }

    /// `AID-3@beijing`: beijing's request AID-3 as another centre's record names it; nil for a
    /// request of this centre's own.
    public static func remote(_ id: String) -> (request: String, centre: String)? {
        guard let at = id.firstIndex(of: "@") else { return nil }
        return (String(id[..<at]), String(id[id.index(after: at)...]))
    }
}

extension CommandState {
    /// The message an event of ours makes, and the centre it is addressed to; nil for events
    /// addressed to nobody. Read after the event is folded (an acceptance names the offer's
    /// teams). A drill's events are never messages: a drill stays inside its centre.
    public func outgoingAid(_ event: Event, exercise: String?) -> (to: String, step: AidStep)? {
        guard exercise == nil else { return nil }
        switch event {
        case let .aidRequested(r):
            return (r.to, .request(raised: r))
        case let .aidOffered(id, offer):
            // Our offer on another centre's request; an offer recorded on our own request (on the
            // other centre's word) is addressed to nobody.
            guard let (request, centre) = CentreName.remote(id) else { return nil }
            return (centre, .offer(request: request, offer: offer))
        case let .aidAccepted(id, k):
            guard let a = aidRequests[id], a.exercise == nil else { return nil }
            return (a.raised.to, .accept(request: id, offer: k, teams: a.acceptedTeams))
        case let .aidArrived(id):
            guard let a = aidRequests[id], a.exercise == nil else { return nil }
            return (a.raised.to, .arrived(request: id))
        case let .aidReleased(id, reason):
            guard let a = aidRequests[id], a.exercise == nil else { return nil }
            return (a.raised.to, .release(request: id, reason: reason))
        case .incidentReported, .incidentAcknowledged, .incidentVerified, .figuresUpdated, .levelRaised, .levelLowered, .statusChanged, .incidentCancelled, .incidentMarkedFalseAlarm,
            .incidentClosed, .incidentReopened, .causeLinked, .checklistItemDone, .noteAdded, .reportFiled, .teamRegistered, .teamUpdated, .teamRetired, .teamAssigned, .teamStatusChanged,
            .teamReleased, .responseDeclared, .responseAdjusted, .responseEnded, .incidentJoinedResponse, .warningIssued, .warningLifted, .actionRefused, .pageSent, .pageAcknowledged,
            .pageNotified, .pageNotifyFailed, .pageCancelled, .drillScheduled, .injectFired, .injectSkipped, .drillEnded, .rosterAdopted, .facilityRegistered, .facilityUpdated,
            .facilityRetired, .shelterOpened, .shelterClosed, .sheltered, .shelterLeft, .stockReceived, .stockIssued, .stockMinimumSet, .supplyRequested, .supplyApproved, .supplyCommitted,
            .supplyDispatched, .supplyDelivered, .sitrepDrafted, .sitrepApproved, .sitrepFiled, .handoverAccepted, .drillObserved, .drillObjectiveJudged, .correctiveActionRaised,
            .correctiveActionUpdated, .feedReceived, .feedAdvanced, .journalSealed, .drillExpectationScored, .capAlertReceived, .aidMessageReceived, .aidMessageDelivered, .centreUnreachable,
            .centreReachable, .boardShared, .boardUnshared:
            return nil
        }
    }
}

extension AidStep {
    /// Whether an event in the sender's chain is this step, addressed to `to`: what `verify`
    /// checks of a received message against the sender's record. An acceptance is matched by
    /// its request and offer number (its teams are the sender's state, not its event).
    public func isCarried(by event: Event, to: String) -> Bool {
        switch self {
        case let .request(r):
            if case let .aidRequested(e) = event { return r == e && e.to == to }
        case let .offer(id, o):
            if case let .aidOffered(eid, eo) = event { return eid == "\(id)@\(to)" && o == eo }
        case let .accept(id, k, _):
            if case let .aidAccepted(eid, ek) = event { return id == eid && k == ek }
        case let .arrived(id):
            if case let .aidArrived(eid) = event { return id == eid }
        case let .release(id, reason):
            if case let .aidReleased(eid, ereason) = event { return id == eid && reason == ereason }
        }
        return false
    }
}
