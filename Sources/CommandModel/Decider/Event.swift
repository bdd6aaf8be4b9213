import Foundation

/// Something that happened, in the past tense. The state is the fold of these.
///
/// Encoded as JSON `{"kind": {...fields}}` in the log: readable with `sqlite3`, stable across
/// versions (cases and field names are never renamed, only added).
public enum Event: Hashable, Sendable, Codable {
    case incidentReported(report: IncidentReport)
    case incidentAcknowledged(incident: IncidentID)
    case incidentVerified(incident: IncidentID)
    case figuresUpdated(incident: IncidentID, figures: Figures)
    case levelRaised(incident: IncidentID, from: ResponseLevel, to: ResponseLevel, reason: String)
    case levelLowered(incident: IncidentID, from: ResponseLevel, to: ResponseLevel, reason: String)
    case statusChanged(incident: IncidentID, from: IncidentStatus, to: IncidentStatus)
    case incidentCancelled(incident: IncidentID, reason: String)
    case incidentMarkedFalseAlarm(incident: IncidentID, reason: String)
    case incidentClosed(incident: IncidentID, summary: String)
    case incidentReopened(incident: IncidentID, reason: String)
    case causeLinked(incident: IncidentID, cause: IncidentID)
    case checklistItemDone(incident: IncidentID, item: String)
    case noteAdded(incident: IncidentID, text: String)
    case reportFiled(incident: IncidentID, stage: String)
    case teamRegistered(profile: TeamProfile)
    /// A registered team's profile changed (a `city import` of a changed file, or by hand).
    case teamUpdated(profile: TeamProfile)
    /// A team left the board for good.
    case teamRetired(team: TeamID, reason: String)
    case teamAssigned(team: TeamID, incident: IncidentID)
    case teamStatusChanged(team: TeamID, from: TeamStatus, to: TeamStatus)
    case teamReleased(team: TeamID, incident: IncidentID)
    case responseDeclared(response: ResponseID, hazard: IncidentType, level: ResponseLevel, districts: [String], reason: String)
    case responseAdjusted(response: ResponseID, level: ResponseLevel, districts: [String], reason: String)
    case responseEnded(response: ResponseID, reason: String)
    case incidentJoinedResponse(incident: IncidentID, response: ResponseID)
    case warningIssued(warning: WarningIssued)
    case warningLifted(warning: WarningID, reason: String)
    /// An attempt beyond the actor's authority: refused, and on the record.
    case actionRefused(incident: IncidentID?, action: String, reason: String)
    case pageSent(page: PageSent)
    case pageAcknowledged(page: String, incident: IncidentID)
    /// The person's notify command took the page (attempt n), or failed with an error.
    case pageNotified(page: String, incident: IncidentID, attempt: Int)
    case pageNotifyFailed(page: String, incident: IncidentID, attempt: Int, error: String)
    /// A page withdrawn unacknowledged (a drill's stand-down): nobody needs to answer it now.
    case pageCancelled(page: String, incident: IncidentID)
    /// A drill coordinator scheduled a drill.
    case drillScheduled(drill: DrillInfo)
    /// A drill's inject fired (its own events come just before it, in the same batch).
    /// `response`/`warning`: what the inject declared or issued, so later injects can name it
    /// (`{inject}`); absent from records made before they were kept.
    case injectFired(
        drill: String, inject: String, incident: IncidentID?, line: String, expect: DrillScenario.Expectation, contingency: Bool, response: ResponseID? = nil,
        warning: WarningID? = nil)
    /// An inject that will not fire, and why.
    case injectSkipped(drill: String, inject: String, reason: SkipReason)
    /// A drill was stood down: by its scenario's end, by a coordinator, or aborted.
    case drillEnded(drill: String, reason: String, aborted: Bool)
    /// A commander pinned the store to a roster (its file's SHA-256).
    case rosterAdopted(digest: String, source: String)
    /// A shelter, depot or hazard source was put on the record.
    case facilityRegistered(facility: Facility)
    /// What the record says of a facility changed (the whole new record).
    case facilityUpdated(facility: Facility)
    /// A facility was taken off the one-map.
    case facilityRetired(facility: FacilityID, reason: String)
    /// A shelter opened (or reopened), with why.
    /// `incident`: opened for it (a drill's incident: opened for the drill alone).
    case shelterOpened(shelter: FacilityID, reason: String, incident: IncidentID? = nil)
    case shelterClosed(shelter: FacilityID, reason: String, incident: IncidentID? = nil)
    /// People checked in at a shelter; `incident`: the one they fled.
    case sheltered(shelter: FacilityID, count: Int, incident: IncidentID?)
    /// People checked out of a shelter.
    /// `incident`: the one they had fled (a drill's: they leave the drill's count).
    case shelterLeft(shelter: FacilityID, count: Int, incident: IncidentID? = nil)
    /// Goods arrived at a depot.
    case stockReceived(depot: FacilityID, item: String, quantity: Int, note: String)
    /// Goods left a depot outside a request.
    case stockIssued(depot: FacilityID, item: String, quantity: Int, note: String)
    case stockMinimumSet(depot: FacilityID, item: String, minimum: Int)
    case supplyRequested(request: SupplyRequestRaised)
    case supplyApproved(request: String)
    /// A depot promised part or all of a request.
    case supplyCommitted(request: String, depot: FacilityID, items: [ItemQuantity])
    /// What a depot promised left it.
    case supplyDispatched(request: String, depot: FacilityID)
    /// What a depot sent arrived.
    case supplyDelivered(request: String, depot: FacilityID)
    /// Help asked of another centre.
    case aidRequested(request: AidRequestRaised)
    /// Another centre's offer (teams, arrival).
    case aidOffered(request: String, offer: AidOffer)
    /// An offer accepted (1-based): its teams join the board.
    case aidAccepted(request: String, offer: Int)
    /// The visiting teams sent home.
    case aidReleased(request: String, reason: String)
    /// A version of an incident's situation report: drafted from the record, or as an officer
    /// edited it (its whole text, bounded by `Limits.reportText`, and its hash).
    case sitrepDrafted(sitrep: SitrepVersion)
    /// A leader approved a version of the situation report for filing (named by its hash).
    case sitrepApproved(incident: IncidentID, version: Int, sha256: String)
    /// An approved version was filed upward; `to`: the reporting stage of the plans whose
    /// deadline it closed (the `reportFiled` just before it), nil when none was owed.
    case sitrepFiled(incident: IncidentID, version: Int, to: String?, sha256: String)
    /// The incoming officer acknowledged the shift handover brief.
    case handoverAccepted(handover: HandoverAccepted)
    /// An evaluator's observation in a drill, tied to an objective or an inject (journal only:
    /// players never see it).
    case drillObserved(drill: String, about: String, text: String)
    /// An evaluator accepted (`rating` nil) or overrode, with a reason, the computed rating of
    /// an objective after the drill (journal only).
    case drillObjectiveJudged(drill: String, objective: String, rating: DrillEvaluation.Rating?, reason: String)
    /// A corrective action of the improvement plan, from a drill's finding.
    case correctiveActionRaised(action: CorrectiveAction)
    /// A corrective action's status changed (with a note, possibly empty).
    case correctiveActionUpdated(action: String, status: CorrectiveAction.Status, note: String)
    /// A feed's report applied (a new incident, or a newer version's figures or note, just
    /// before it in the same command): what the record keeps of it, by source and external id.
    case feedReceived(receipt: FeedReceipt)
    /// A feed was read this far (after its batch's events, in the same transaction).
    case feedAdvanced(position: FeedPosition)
    /// A drill journal entry sealed to its drill (`box`: the entry's event, encrypted to the
    /// drill's public key, see `DrillInfo.publicKey`): only the holder of the drill's key reads
    /// it. Everyone else's fold passes over it; players see only that an entry exists.
    case journalSealed(drill: String, box: String)
    /// An evaluator scored a manual expectation of a fired inject met, late or missed, with a
    /// note (journal only: players never see it).
    case drillExpectationScored(drill: String, inject: String, expectation: String, outcome: DrillEvaluation.Outcome, note: String)
    /// A CAP 1.2 alert applied: its identity, texts and what it did to the warnings (the
    /// warning events it caused come just before it, in the same command).
    case capAlertReceived(receipt: CAPReceipt)
    /// The visiting teams of an accepted offer reached the meeting point.
    case aidArrived(request: String)
    /// Another centre's mutual-aid step, received from its store: its place and hash in that
    /// centre's chain, and the step.
    case aidMessageReceived(message: AidMessage)
    /// Our message `seq` to `to` was received there: the receiving event's place and hash in
    /// its chain.
    case aidMessageDelivered(to: String, seq: Int64, receipt: AidReceipt)
    /// The relay could not reach a centre (from this event's time; once per outage), last in
    /// contact at `lastContact`.
    case centreUnreachable(centre: String, lastContact: Date?, reason: String)
    /// The relay reached the centre again.
    case centreReachable(centre: String)
    /// The centre shares its board (open incidents, levels, responses) with a neighbour.
    case boardShared(with: String)
    case boardUnshared(with: String)

    /// The kind of an event: its case name, as stored in the log's `kind` column and as the key
    /// of its JSON payload. One list, from which the store's column, the fast codecs' key tables
    /// and the tests' "every kind" checks are all derived.
    public enum Kind: String, CaseIterable, Hashable, Sendable {
        case incidentReported, incidentAcknowledged, incidentVerified, figuresUpdated, levelRaised
        case levelLowered, statusChanged, incidentCancelled, incidentMarkedFalseAlarm, incidentClosed
        case incidentReopened, causeLinked, checklistItemDone, noteAdded, reportFiled
        case teamRegistered, teamAssigned, teamStatusChanged, teamReleased, responseDeclared
        case responseAdjusted, responseEnded, incidentJoinedResponse, warningIssued, warningLifted
        case actionRefused, pageSent, pageAcknowledged, pageNotified, pageNotifyFailed
        case pageCancelled, drillScheduled, injectFired, injectSkipped, drillEnded
        case rosterAdopted, teamUpdated, teamRetired
        case facilityRegistered, facilityUpdated, facilityRetired
        case shelterOpened, shelterClosed, sheltered, shelterLeft
        case stockReceived, stockIssued, stockMinimumSet, supplyRequested, supplyApproved, supplyCommitted, supplyDispatched, supplyDelivered
        case aidRequested, aidOffered, aidAccepted, aidReleased
        case sitrepDrafted, sitrepApproved, sitrepFiled, handoverAccepted, drillObserved, drillObjectiveJudged
        case correctiveActionRaised, correctiveActionUpdated
        case feedReceived, feedAdvanced
        case journalSealed, drillExpectationScored, capAlertReceived
        case aidArrived, aidMessageReceived, aidMessageDelivered, centreUnreachable, centreReachable, boardShared, boardUnshared
    }

    /// The event's kind (an exhaustive switch: a new case must name its kind here).
    public var kind: Kind {
        switch self {
        case .incidentReported: .incidentReported
        case .incidentAcknowledged: .incidentAcknowledged
        case .incidentVerified: .incidentVerified
        case .figuresUpdated: .figuresUpdated
        case .levelRaised: .levelRaised
        case .levelLowered: .levelLowered
        case .statusChanged: .statusChanged
        case .incidentCancelled: .incidentCancelled
        case .incidentMarkedFalseAlarm: .incidentMarkedFalseAlarm
        case .incidentClosed: .incidentClosed
        case .incidentReopened: .incidentReopened
        case .causeLinked: .causeLinked
        case .checklistItemDone: .checklistItemDone
        case .noteAdded: .noteAdded
        case .reportFiled: .reportFiled
        case .teamRegistered: .teamRegistered
        case .teamAssigned: .teamAssigned
        case .teamStatusChanged: .teamStatusChanged
        case .teamReleased: .teamReleased
        case .responseDeclared: .responseDeclared
        case .responseAdjusted: .responseAdjusted
        case .responseEnded: .responseEnded
        case .incidentJoinedResponse: .incidentJoinedResponse
        case .warningIssued: .warningIssued
        case .warningLifted: .warningLifted
        case .actionRefused: .actionRefused
        case .pageSent: .pageSent
        case .pageAcknowledged: .pageAcknowledged
        case .pageNotified: .pageNotified
        case .pageNotifyFailed: .pageNotifyFailed
        case .pageCancelled: .pageCancelled
        case .drillScheduled: .drillScheduled
        case .injectFired: .injectFired
        case .injectSkipped: .injectSkipped
        case .drillEnded: .drillEnded
        case .rosterAdopted: .rosterAdopted
        case .teamUpdated: .teamUpdated
        case .teamRetired: .teamRetired
        case .facilityRegistered: .facilityRegistered
        case .facilityUpdated: .facilityUpdated
        case .facilityRetired: .facilityRetired
        case .shelterOpened: .shelterOpened
        case .shelterClosed: .shelterClosed
        case .sheltered: .sheltered
        case .shelterLeft: .shelterLeft
        case .stockReceived: .stockReceived
        case .stockIssued: .stockIssued
        case .stockMinimumSet: .stockMinimumSet
        case .supplyRequested: .supplyRequested
        case .supplyApproved: .supplyApproved
        case .supplyCommitted: .supplyCommitted
        case .supplyDispatched: .supplyDispatched
        case .supplyDelivered: .supplyDelivered
        case .aidRequested: .aidRequested
        case .aidOffered: .aidOffered
        case .aidAccepted: .aidAccepted
        case .aidReleased: .aidReleased
        case .sitrepDrafted: .sitrepDrafted
        case .sitrepApproved: .sitrepApproved
        case .sitrepFiled: .sitrepFiled
        case .handoverAccepted: .handoverAccepted
        case .drillObserved: .drillObserved
        case .drillObjectiveJudged: .drillObjectiveJudged
        case .correctiveActionRaised: .correctiveActionRaised
        case .correctiveActionUpdated: .correctiveActionUpdated
        case .feedReceived: .feedReceived
        case .feedAdvanced: .feedAdvanced
        case .journalSealed: .journalSealed
        case .drillExpectationScored: .drillExpectationScored
        case .capAlertReceived: .capAlertReceived
        case .aidArrived: .aidArrived
        case .aidMessageReceived: .aidMessageReceived
        case .aidMessageDelivered: .aidMessageDelivered
        case .centreUnreachable: .centreUnreachable
        case .centreReachable: .centreReachable
        case .boardShared: .boardShared
        case .boardUnshared: .boardUnshared
        }
    }

    /// The incident an event is about, for the log's index and a timeline.
    public var incident: IncidentID? {
        switch self {
        case let .incidentReported(r): r.id
        case let .incidentAcknowledged(i), let .incidentVerified(i): i
        case let .figuresUpdated(i, _): i
        case let .levelRaised(i, _, _, _), let .levelLowered(i, _, _, _): i
        case let .statusChanged(i, _, _): i
        case let .incidentCancelled(i, _), let .incidentMarkedFalseAlarm(i, _), let .incidentClosed(i, _), let .incidentReopened(i, _): i
        case let .causeLinked(i, _), let .checklistItemDone(i, _), let .noteAdded(i, _), let .reportFiled(i, _): i
        case let .teamAssigned(_, i), let .teamReleased(_, i): i
        case let .incidentJoinedResponse(i, _): i
        case let .actionRefused(i, _, _): i
        case let .pageSent(p): p.incident
        case let .pageAcknowledged(_, i), let .pageNotified(_, i, _), let .pageNotifyFailed(_, i, _, _), let .pageCancelled(_, i): i
        case let .sheltered(_, _, i), let .shelterOpened(_, _, i), let .shelterClosed(_, _, i), let .shelterLeft(_, _, i): i
        case let .supplyRequested(r): r.incident
        case let .aidRequested(r): r.incident
        case let .sitrepDrafted(v): v.incident
        case let .sitrepApproved(i, _, _), let .sitrepFiled(i, _, _, _): i
        case .handoverAccepted, .drillObserved, .drillObjectiveJudged, .correctiveActionRaised, .correctiveActionUpdated: nil
        case .aidOffered, .aidAccepted, .aidReleased, .aidArrived: nil
        case .aidMessageReceived, .aidMessageDelivered, .centreUnreachable, .centreReachable, .boardShared, .boardUnshared: nil
        case let .feedReceived(r): r.incident
        case .feedAdvanced, .drillExpectationScored, .capAlertReceived: nil
        case .stockReceived, .stockIssued, .stockMinimumSet, .supplyApproved, .supplyCommitted, .supplyDispatched, .supplyDelivered: nil
        // Drill control events name no incident, so no incident's timeline can show them.
        case .drillScheduled, .injectFired, .injectSkipped, .drillEnded, .journalSealed: nil
        case .teamRegistered, .teamStatusChanged, .responseDeclared, .responseAdjusted, .responseEnded, .warningIssued, .warningLifted, .rosterAdopted, .teamUpdated, .teamRetired, .facilityRegistered,
            .facilityUpdated, .facilityRetired:
            nil
        }
    }

    /// Drill control events that go to the drill journal, not the log: players read the log,
    /// and a blind drill must leave no trace there (not even a gap in the sequence numbers)
    /// until it ends.
    public var isJournal: Bool {
        switch kind {
        case .drillScheduled, .injectFired, .injectSkipped, .drillObserved, .drillObjectiveJudged, .journalSealed, .drillExpectationScored: true
        case .incidentReported, .incidentAcknowledged, .incidentVerified, .figuresUpdated, .levelRaised, .levelLowered, .statusChanged, .incidentCancelled,
            .incidentMarkedFalseAlarm, .incidentClosed, .incidentReopened, .causeLinked, .checklistItemDone, .noteAdded, .reportFiled, .teamRegistered, .teamAssigned,
            .teamStatusChanged, .teamReleased, .responseDeclared, .responseAdjusted, .responseEnded, .incidentJoinedResponse, .warningIssued, .warningLifted,
            .actionRefused, .pageSent, .pageAcknowledged, .pageNotified, .pageNotifyFailed, .pageCancelled, .drillEnded, .rosterAdopted, .teamUpdated, .teamRetired, .facilityRegistered,
            .facilityUpdated, .facilityRetired, .shelterOpened, .shelterClosed, .sheltered, .shelterLeft, .stockReceived, .stockIssued, .stockMinimumSet, .supplyRequested, .supplyApproved,
            .supplyCommitted, .supplyDispatched, .supplyDelivered, .aidRequested, .aidOffered, .aidAccepted, .aidReleased, .sitrepDrafted, .sitrepApproved, .sitrepFiled, .handoverAccepted,
            .correctiveActionRaised, .correctiveActionUpdated, .feedReceived, .feedAdvanced, .capAlertReceived, .aidArrived, .aidMessageReceived, .aidMessageDelivered, .centreUnreachable,
            .centreReachable, .boardShared, .boardUnshared:
            false
        }
    }

    /// The drill a drill control event is about (nil for every other event).
    public var drill: String? {
        switch self {
        case let .drillScheduled(info): info.id
        case let .injectFired(d, _, _, _, _, _, _, _), let .injectSkipped(d, _, _), let .drillEnded(d, _, _): d
        case let .drillObserved(d, _, _), let .drillObjectiveJudged(d, _, _, _), let .journalSealed(d, _), let .drillExpectationScored(d, _, _, _, _): d
        case .incidentReported, .incidentAcknowledged, .incidentVerified, .figuresUpdated, .levelRaised, .levelLowered, .statusChanged, .incidentCancelled,
            .incidentMarkedFalseAlarm, .incidentClosed, .incidentReopened, .causeLinked, .checklistItemDone, .noteAdded, .reportFiled, .teamRegistered, .teamAssigned,
            .teamStatusChanged, .teamReleased, .responseDeclared, .responseAdjusted, .responseEnded, .incidentJoinedResponse, .warningIssued, .warningLifted,
            .actionRefused, .pageSent, .pageAcknowledged, .pageNotified, .pageNotifyFailed, .pageCancelled, .rosterAdopted, .teamUpdated, .teamRetired, .facilityRegistered, .facilityUpdated,
            .facilityRetired, .shelterOpened, .shelterClosed, .sheltered, .shelterLeft, .stockReceived, .stockIssued, .stockMinimumSet, .supplyRequested, .supplyApproved, .supplyCommitted,
            .supplyDispatched, .supplyDelivered, .aidRequested, .aidOffered, .aidAccepted, .aidReleased, .sitrepDrafted, .sitrepApproved, .sitrepFiled, .handoverAccepted, .correctiveActionRaised,
            .correctiveActionUpdated, .feedReceived, .feedAdvanced, .capAlertReceived, .aidArrived, .aidMessageReceived, .aidMessageDelivered, .centreUnreachable, .centreReachable,
            .boardShared, .boardUnshared:
            nil
        }
    }

    /// The team an event is about, if any.
    public var team: TeamID? {
        switch self {
        case let .teamRegistered(p), let .teamUpdated(p): p.id
        case let .teamAssigned(t, _), let .teamReleased(t, _), let .teamRetired(t, _): t
        case let .teamStatusChanged(t, _, _): t
        case .incidentReported, .incidentAcknowledged, .incidentVerified, .figuresUpdated, .levelRaised, .levelLowered, .statusChanged, .incidentCancelled,
            .incidentMarkedFalseAlarm, .incidentClosed, .incidentReopened, .causeLinked, .checklistItemDone, .noteAdded, .reportFiled, .responseDeclared,
            .responseAdjusted, .responseEnded, .incidentJoinedResponse, .warningIssued, .warningLifted, .actionRefused, .pageSent, .pageAcknowledged, .pageNotified,
            .pageNotifyFailed, .pageCancelled, .drillScheduled, .injectFired, .injectSkipped, .drillEnded, .rosterAdopted, .facilityRegistered, .facilityUpdated, .facilityRetired, .shelterOpened,
            .shelterClosed, .sheltered,
            .shelterLeft, .stockReceived, .stockIssued, .stockMinimumSet, .supplyRequested, .supplyApproved, .supplyCommitted, .supplyDispatched, .supplyDelivered, .aidRequested, .aidOffered,
            .aidAccepted, .aidReleased, .sitrepDrafted, .sitrepApproved, .sitrepFiled, .handoverAccepted, .drillObserved, .drillObjectiveJudged, .correctiveActionRaised, .correctiveActionUpdated,
            .feedReceived, .feedAdvanced, .journalSealed, .drillExpectationScored, .capAlertReceived, .aidArrived, .aidMessageReceived, .aidMessageDelivered, .centreUnreachable,
            .centreReachable, .boardShared, .boardUnshared:
            nil
        }
    }
}

/// An event as the log holds it: its place in the sequence, its id, when, by whom, and the drill
/// it belongs to (nil for real events).
public struct RecordedEvent: Hashable, Sendable {
    public var sequence: Int64
    public var id: String
    public var at: Date
    public var by: String
    public var exercise: String?
    public var event: Event
    /// For a drill journal entry, its place in the journal (its `sequence` is then the log's
    /// event it follows); nil for the log's own events.
    public var journal: Int64?

    public init(sequence: Int64, id: String, at: Date, by: String, exercise: String?, event: Event, journal: Int64? = nil) {
        self.sequence = sequence
        self.id = id
        self.at = at
        self.by = by
        self.exercise = exercise
        self.event = event
        self.journal = journal
    }
}

extension Event {
    /// Whether folding the event can change the board's teams: an event about a team, an
    /// accepted or released offer of help (visiting teams join or leave), a drill's end (its
    /// borrowed teams given back, its visitors gone).
    public var changesTeams: Bool {
        if team != nil { return true }
        switch kind {
        case .aidAccepted, .aidReleased, .drillEnded: return true
        case .incidentReported, .incidentAcknowledged, .incidentVerified, .figuresUpdated, .levelRaised, .levelLowered, .statusChanged, .incidentCancelled, .incidentMarkedFalseAlarm, .incidentClosed,
            .incidentReopened, .causeLinked, .checklistItemDone, .noteAdded, .reportFiled, .teamRegistered, .teamAssigned, .teamStatusChanged, .teamReleased, .responseDeclared, .responseAdjusted,
            .responseEnded, .incidentJoinedResponse, .warningIssued, .warningLifted, .actionRefused, .pageSent, .pageAcknowledged, .pageNotified, .pageNotifyFailed, .pageCancelled, .drillScheduled,
            .injectFired, .injectSkipped, .rosterAdopted, .teamUpdated, .teamRetired, .facilityRegistered, .facilityUpdated, .facilityRetired, .shelterOpened, .shelterClosed, .sheltered, .shelterLeft,
            .stockReceived, .stockIssued, .stockMinimumSet, .supplyRequested, .supplyApproved, .supplyCommitted, .supplyDispatched, .supplyDelivered, .aidRequested, .aidOffered, .sitrepDrafted,
            .sitrepApproved, .sitrepFiled, .handoverAccepted, .drillObserved, .drillObjectiveJudged, .correctiveActionRaised, .correctiveActionUpdated, .feedReceived, .feedAdvanced,
            .journalSealed, .drillExpectationScored, .capAlertReceived, .aidArrived, .aidMessageReceived, .aidMessageDelivered, .centreUnreachable, .centreReachable,
            .boardShared, .boardUnshared:
            return false
        }
    }
}
