import Foundation

/// What the record says of this centre's links with other centres: the messages waiting for
/// delivery (the outbox), what it holds of each other centre's messages (the inbox), the
/// requests other centres made of it, who it shares its board with, and which centres the relay
/// could not reach.
///
/// Guarantees: the outbox is exactly this centre's events addressed to another centre that have
/// no delivery receipt on the record, in chain order; the inbox holds, for each sender, every
/// message received and the last one (so the next must follow it).
public struct CentreLinks: Hashable, Sendable, Codable {
    /// The name other centres know this store by: the addressee of the first message received
    /// (nil until one arrives). A message to another name is refused.
    public internal(set) var name: String?
    /// By addressee: our messages without a delivery receipt, in chain order.
    public internal(set) var outbox: [String: [OutgoingAid]] = [:]
    /// By addressee: the sequence of the last message addressed there (delivered or not), which
    /// the next one names as its `previous`.
    public internal(set) var lastSent: [String: Int64] = [:]
    /// By addressee: the last delivery receipt recorded.
    public internal(set) var delivered: [String: DeliveredAid] = [:]
    /// By sender: the messages held.
    public internal(set) var inbox: [String: InboxPosition] = [:]
    /// Requests other centres made of us, by `AID-n@centre`.
    public internal(set) var incoming: [String: IncomingAid] = [:]
    /// The centres we share our board with.
    public internal(set) var boardSharedWith: Set<String> = []
    /// Centres the relay could not reach, and when it last did.
    public internal(set) var contacts: [String: CentreContact] = [:]

    public init() {}

    /// The centres now unreachable, by name.
    public var unreachable: [(centre: String, contact: CentreContact)] {
        contacts.filter { $0.value.unreachableSince != nil }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// How many of our messages wait for delivery, in all.
    public var queued: Int { outbox.values.reduce(0) { $0 + $1.count } }
}

/// A message of ours waiting for delivery: its place in our chain, the place of our message to
/// the same centre before it (0 for the first), and the step.
public struct OutgoingAid: Hashable, Sendable, Codable {
    public var seq: Int64
    public var previous: Int64
    public var step: AidStep
    public var at: Date
}

/// The last receipt recorded for a centre: our message and where it landed in its chain.
public struct DeliveredAid: Hashable, Sendable, Codable {
    public var seq: Int64
    public var receipt: AidReceipt
    public var at: Date
}

/// What we hold of one sender's messages: the last one's sequence in its chain, and where each
/// landed in ours (by the sender's sequence).
public struct InboxPosition: Hashable, Sendable, Codable {
    public var last: Int64 = 0
    public var held: [Int64: Int64] = [:]
    public var lastAt: Date?
}

/// A request another centre made of us, and how it went.
public struct IncomingAid: Hashable, Sendable, Codable {
    public var from: String
    public var raised: AidRequestRaised
    public var receivedAt: Date
    /// Our offers on it.
    public var offers: [AidOffer] = []
    /// The teams the asker accepted (of our offer, or of one it recorded on our word).
    public var accepted: [TeamProfile]?
    public var acceptedAt: Date?
    public var arrivedAt: Date?
    public var released: Date?
    public var releaseReason: String?

    /// The id our record names it by: `AID-3@beijing`.
    public var id: String { "\(raised.id)@\(from)" }

    public var stage: Bilingual {
        if released != nil { return Bilingual("released", "已返回") }
        if arrivedAt != nil { return Bilingual("arrived", "已到达") }
        if accepted != nil { return Bilingual("accepted", "已接受") }
        return offers.isEmpty ? Bilingual("asked of us", "待响应") : Bilingual("offered", "已响应")
    }
}

/// What the record says of reaching another centre: since when it is unreachable (nil when it
/// is not), and the last contact before that.
public struct CentreContact: Hashable, Sendable, Codable {
    public var unreachableSince: Date?
    public var lastContact: Date?
    public var reason: String?
}

extension CommandState {
    /// Folds the events between centres in (called from `apply`).
    mutating func applyCentre(_ event: Event, at: Date) {
        switch event {
        case let .aidMessageReceived(m):
            if centres.name == nil { centres.name = m.to }
            var position = centres.inbox[m.from] ?? InboxPosition()
            position.last = max(position.last, m.seq)
            position.lastAt = at
            centres.inbox[m.from] = position
            receiveAid(m, at: at)
        case let .aidMessageDelivered(to, seq, receipt):
            centres.outbox[to]?.removeAll { $0.seq == seq }
            if centres.outbox[to]?.isEmpty == true { centres.outbox[to] = nil }
            centres.delivered[to] = DeliveredAid(seq: seq, receipt: receipt, at: at)
        case let .centreUnreachable(centre, lastContact, reason):
            var c = centres.contacts[centre] ?? CentreContact()
            c.unreachableSince = at
            c.lastContact = lastContact ?? c.lastContact
            c.reason = reason
            centres.contacts[centre] = c
        case let .centreReachable(centre):
            centres.contacts[centre] = CentreContact(unreachableSince: nil, lastContact: at, reason: nil)
        case let .boardShared(with):
            centres.boardSharedWith.insert(with)
        case let .boardUnshared(with):
            centres.boardSharedWith.remove(with)
        case .incidentReported, .incidentAcknowledged, .incidentVerified, .figuresUpdated, .levelRaised, .levelLowered, .statusChanged, .incidentCancelled, .incidentMarkedFalseAlarm,
            .incidentClosed, .incidentReopened, .causeLinked, .checklistItemDone, .noteAdded, .reportFiled, .teamRegistered, .teamUpdated, .teamRetired, .teamAssigned, .teamStatusChanged,
            .teamReleased, .responseDeclared, .responseAdjusted, .responseEnded, .incidentJoinedResponse, .warningIssued, .warningLifted, .actionRefused, .pageSent, .pageAcknowledged,
            .pageNotified, .pageNotifyFailed, .pageCancelled, .drillScheduled, .injectFired, .injectSkipped, .drillEnded, .rosterAdopted, .facilityRegistered, .facilityUpdated,
            .facilityRetired, .shelterOpened, .shelterClosed, .sheltered, .shelterLeft, .stockReceived, .stockIssued, .stockMinimumSet, .supplyRequested, .supplyApproved, .supplyCommitted,
            .supplyDispatched, .supplyDelivered, .aidRequested, .aidOffered, .aidAccepted, .aidArrived, .aidReleased, .sitrepDrafted, .sitrepApproved, .sitrepFiled, .handoverAccepted,
            .drillObserved, .drillObjectiveJudged, .correctiveActionRaised, .correctiveActionUpdated, .feedReceived, .feedAdvanced, .journalSealed, .drillExpectationScored,
            .capAlertReceived:
            assertionFailure("not an event between centres: \(event.kind)")
        }
    }

    /// A received step applied to what it is about. A step that no longer fits (an offer on a
    /// request we released) stays on the record and changes nothing here: a message in order is
    /// never refused for what it says, or the sender's queue would stop behind it.
    private mutating func receiveAid(_ m: AidMessage, at: Date) {
        switch m.step {
        case let .request(r):
            let incoming = IncomingAid(from: m.from, raised: r, receivedAt: at)
            centres.incoming[incoming.id] = incoming
        case let .offer(id, offer):
            guard let a = aidRequests[id], a.exercise == nil, a.raised.to == m.from, a.accepted == nil, a.released == nil else { return }
            var o = offer
            o.from = m.from
            // Visiting teams are based at the meeting point and marked by their home centre.
            o.teams = offer.teams.map {
                var t = $0; t.base = a.raised.meetAt; t.home = m.from; return t
            }
            aidRequests[id]?.offers.append(o)
        case let .accept(id, _, teams):
            centres.incoming["\(id)@\(m.from)"]?.accepted = teams
            centres.incoming["\(id)@\(m.from)"]?.acceptedAt = at
        case let .arrived(id):
            centres.incoming["\(id)@\(m.from)"]?.arrivedAt = at
        case let .release(id, reason):
            centres.incoming["\(id)@\(m.from)"]?.released = at
            centres.incoming["\(id)@\(m.from)"]?.releaseReason = reason
        }
    }

    /// Notes a recorded event's place in the chain where a centre link needs it (called from
    /// `apply(_:)` once the event is folded): our messages join the outbox, and a received
    /// message is held under the sender's sequence.
    mutating func noteCentreLink(_ recorded: RecordedEvent) {
        if case let .aidMessageReceived(m) = recorded.event {
            centres.inbox[m.from]?.held[m.seq] = recorded.sequence
            return
        }
        guard recorded.journal == nil, let (to, step) = outgoingAid(recorded.event, exercise: recorded.exercise) else { return }
        let previous = centres.lastSent[to] ?? 0
        centres.lastSent[to] = recorded.sequence
        centres.outbox[to, default: []].append(OutgoingAid(seq: recorded.sequence, previous: previous, step: step, at: recorded.at))
    }

    /// An offer of ours on another centre's request (`AID-3@beijing`), folded in.
    mutating func applyIncomingOffer(_ id: String, _ offer: AidOffer) {
        centres.incoming[id]?.offers.append(offer)
    }

    /// Restores the links from a snapshot.
    public mutating func restoreCentres(_ links: CentreLinks) { centres = links }
}
