import Foundation

/// An inject as it fired: when, the incident it is about, and what the players were expected
/// to do (copied into the record so the evaluation needs nothing else).
public struct FiredInject: Hashable, Sendable, Codable {
    public var inject: String
    public var at: Date
    public var incident: IncidentID?
    public var line: String
    public var expect: DrillScenario.Expectation
    public var contingency: Bool
    /// The response it declared and the warning it issued, if any.
    public var response: ResponseID? = nil
    public var warning: WarningID? = nil

    /// What `{inject}` stands for in a later inject: the incident it reported, else the
    /// response it declared, else the warning it issued.
    public var object: String? { incident?.description ?? response?.description ?? warning?.description }
}

/// A drill in the state: scheduled, running, or over.
public struct DrillRun: Hashable, Sendable, Codable {
    public var info: DrillInfo
    /// Who scheduled it (the coordinator), and when.
    public var coordinator: String
    public var scheduledAt: Date
    public var fired: [String: FiredInject] = [:]
    /// Injects that will not fire (a contingency not needed, or what it waited for never came).
    public var skipped: [String: SkipReason] = [:]
    public var ended: Date?
    public var endReason: String?
    public var aborted = false
    /// Teams back from this drill's incidents that are not yet available again: released at
    /// the stand-down. Teams that moved on to real work are removed as they do.
    public var returning: Set<TeamID> = []
    /// Real teams its players committed to its incidents, as they were before: given back at
    /// the stand-down (``CommandState/returnBorrowedTeams(of:)``).
    public var borrowed: [TeamID: BorrowedTeam] = [:]
    /// For a sealed drill opened with its key: the frame the record shows everyone (``info``
    /// is then the opened description). Never saved: a snapshot holds only frames.
    public var frame: DrillInfo?

    public var id: String { info.id }
    public var isRunning: Bool { ended == nil }
    /// Whether players may know of it: a marked drill always, a blind one once it is over.
    public var isDisclosed: Bool { info.disclosure == .marked || ended != nil }
    /// The injects fired so far, in firing order.
    public var firedInOrder: [FiredInject] {
        let order = Dictionary(info.injects.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        return fired.values.sorted { ($0.at, order[$0.inject] ?? .max, $0.inject) < ($1.at, order[$1.inject] ?? .max, $1.inject) }
    }

    public init(info: DrillInfo, coordinator: String, scheduledAt: Date) {
        self.info = info
        self.coordinator = coordinator
        self.scheduledAt = scheduledAt
    }
}

extension CommandState {
    /// The drills still running.
    public var runningDrills: [DrillRun] { drills.values.filter(\.isRunning).sorted { $0.id < $1.id } }

    /// Whether players may see that `exercise` data is exercise data: always for a marked drill,
    /// for a blind one only once it is over. Unknown ids (from before drills were recorded)
    /// count as disclosed.
    public func isDisclosed(exercise: String) -> Bool {
        drills[exercise]?.isDisclosed ?? true
    }

    /// Opens a sealed drill with what its key revealed: its description and its journal
    /// entries, read from their sealed boxes (in order). What the fold of the frames left out
    /// (the injects fired and skipped, the evaluators' records) is folded in; the log's
    /// position is untouched. A drill already open, unknown, or not sealed is left as it is.
    public mutating func openDrill(_ id: String, info: DrillInfo, entries: [RecordedEvent]) {
        guard var run = drills[id], run.frame == nil, run.info.isSealedFrame else { return }
        var opened = info
        opened.id = id
        opened.details = nil
        run.frame = run.info
        run.info = opened
        drills[id] = run
        for e in entries where e.event.drill == id && e.event.kind != .drillScheduled {
            apply(e.event, at: e.at, by: e.by, exercise: e.exercise)
        }
    }

    /// The state as everyone may know it: each opened drill back to its frame, without what
    /// only its key reveals (injects fired and skipped, evaluators' records). Snapshots are
    /// written from this, so the store never holds what a journal sealed.
    public func sealedView() -> CommandState {
        guard drills.values.contains(where: { $0.frame != nil }) else { return self }
        var s = self
        for (id, run) in drills {
            guard let frame = run.frame else { continue }
            var r = run
            r.info = frame
            r.frame = nil
            r.fired = [:]
            r.skipped = [:]
            s.drills[id] = r
            s.evaluators[id] = nil
        }
        return s
    }

    /// Folds the drill events in (called from `apply`).
    mutating func applyDrill(_ event: Event, at: Date, by: String) {
        switch event {
        case let .drillScheduled(info):
            drills[info.id] = DrillRun(info: info, coordinator: by, scheduledAt: at)
            nextDrill = max(nextDrill, successor(Int(info.id.dropFirst(4)) ?? 0))
        case let .injectFired(drill, inject, incident, line, expect, contingency, response, warning):
            drills[drill]?.fired[inject] = FiredInject(
                inject: inject, at: at, incident: incident, line: line, expect: expect, contingency: contingency, response: response, warning: warning)
        case let .injectSkipped(drill, inject, reason):
            drills[drill]?.skipped[inject] = reason
        case let .drillEnded(drill, reason, aborted):
            drills[drill]?.ended = at
            drills[drill]?.endReason = reason
            drills[drill]?.aborted = aborted
            drills[drill]?.returning = []
            returnBorrowedTeams(of: drill)
            releaseShelters(of: drill)
            releaseStock(of: drill)
            releaseAid(of: drill, at: at)
        case .incidentReported, .incidentAcknowledged, .incidentVerified, .figuresUpdated, .levelRaised, .levelLowered, .statusChanged, .incidentCancelled, .incidentMarkedFalseAlarm,
            .incidentClosed, .incidentReopened, .causeLinked, .checklistItemDone, .noteAdded, .reportFiled, .teamRegistered, .teamUpdated, .teamRetired, .teamAssigned,
            .teamStatusChanged, .teamReleased, .responseDeclared, .responseAdjusted, .responseEnded, .incidentJoinedResponse, .warningIssued, .warningLifted, .actionRefused,
            .pageSent, .pageAcknowledged, .pageNotified, .pageNotifyFailed, .pageCancelled, .rosterAdopted, .facilityRegistered, .facilityUpdated, .facilityRetired, .shelterOpened,
            .shelterClosed, .sheltered, .shelterLeft, .stockReceived, .stockIssued, .stockMinimumSet, .supplyRequested, .supplyApproved, .supplyCommitted, .supplyDispatched,
            .supplyDelivered, .aidRequested, .aidOffered, .aidAccepted, .aidReleased, .sitrepDrafted, .sitrepApproved, .sitrepFiled, .handoverAccepted, .drillObserved,
            .drillObjectiveJudged, .correctiveActionRaised, .correctiveActionUpdated, .feedReceived, .feedAdvanced, .journalSealed, .drillExpectationScored, .capAlertReceived,
            .aidArrived, .aidMessageReceived, .aidMessageDelivered, .centreUnreachable, .centreReachable, .boardShared, .boardUnshared:
            break
        }
    }

    /// Keeps each running drill's `returning` set: a team leaving one of its incidents joins it;
    /// a team that is available again, out of service, or on other work leaves it.
    mutating func trackDrillTeams(_ event: Event) {
        guard drills.values.contains(where: \.isRunning) else { return }
        switch event {
        case let .teamReleased(team, incident):
            if let ex = incidents[incident]?.exercise, drills[ex]?.isRunning == true { drills[ex]?.returning.insert(team) }
        case let .teamStatusChanged(team, _, to):
            if to == .returning, let id = teams[team]?.incident, let ex = incidents[id]?.exercise, drills[ex]?.isRunning == true {
                drills[ex]?.returning.insert(team)
            } else if to == .available || to == .outOfService {
                for k in drills.keys where drills[k]?.returning.contains(team) == true { drills[k]?.returning.remove(team) }
            }
        case let .teamAssigned(team, _):
            for k in drills.keys where drills[k]?.returning.contains(team) == true { drills[k]?.returning.remove(team) }
        case .incidentReported, .incidentAcknowledged, .incidentVerified, .figuresUpdated, .levelRaised, .levelLowered, .statusChanged, .incidentCancelled, .incidentMarkedFalseAlarm,
            .incidentClosed, .incidentReopened, .causeLinked, .checklistItemDone, .noteAdded, .reportFiled, .teamRegistered, .teamUpdated, .teamRetired, .responseDeclared,
            .responseAdjusted, .responseEnded, .incidentJoinedResponse, .warningIssued, .warningLifted, .actionRefused, .pageSent, .pageAcknowledged, .pageNotified,
            .pageNotifyFailed, .pageCancelled, .drillScheduled, .injectFired, .injectSkipped, .drillEnded, .rosterAdopted, .facilityRegistered, .facilityUpdated, .facilityRetired,
            .shelterOpened, .shelterClosed, .sheltered, .shelterLeft, .stockReceived, .stockIssued, .stockMinimumSet, .supplyRequested, .supplyApproved, .supplyCommitted,
            .supplyDispatched, .supplyDelivered, .aidRequested, .aidOffered, .aidAccepted, .aidReleased, .sitrepDrafted, .sitrepApproved, .sitrepFiled, .handoverAccepted,
            .drillObserved, .drillObjectiveJudged, .correctiveActionRaised, .correctiveActionUpdated, .feedReceived, .feedAdvanced, .journalSealed, .drillExpectationScored,
            .capAlertReceived, .aidArrived, .aidMessageReceived, .aidMessageDelivered, .centreUnreachable, .centreReachable, .boardShared, .boardUnshared:
            break
        }
    }
}
