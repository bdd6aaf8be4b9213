import Foundation

/// HSEEP's improvement plan: a corrective action from a drill's finding, with an owner, a
/// category, a due date and a status, tracked across drills (a later scenario with the same
/// objective retests it).
public struct CorrectiveAction: Hashable, Sendable, Codable {
    public enum Category: String, Hashable, Sendable, Codable, CaseIterable {
        case planning, organising, equipping, training, exercising

        public var name: Bilingual {
            switch self {
            case .planning: Bilingual("planning", "预案")
            case .organising: Bilingual("organising", "组织")
            case .equipping: Bilingual("equipping", "装备")
            case .training: Bilingual("training", "培训")
            case .exercising: Bilingual("exercising", "演练")
            }
        }
    }

    public enum Status: String, Hashable, Sendable, Codable, CaseIterable {
        case open, inProgress = "in-progress", done

        public var name: Bilingual {
            switch self {
            case .open: Bilingual("open", "待办")
            case .inProgress: Bilingual("in progress", "进行中")
            case .done: Bilingual("done", "已完成")
            }
        }
    }

    /// `CA-n`, chosen by the decider.
    public var id: String
    /// The drill whose finding it answers, and the objective it improves.
    public var drill: String
    public var objective: String
    public var text: String
    public var owner: String
    public var category: Category
    public var due: Date

    public init(id: String, drill: String, objective: String, text: String, owner: String, category: Category, due: Date) {
        self.id = id
        self.drill = drill
        self.objective = objective
        self.text = text
        self.owner = owner
        self.category = category
        self.due = due
    }
}

/// A corrective action as the state knows it now.
public struct CorrectiveActionState: Hashable, Sendable, Codable {
    public var action: CorrectiveAction
    public var status: CorrectiveAction.Status
    public var raisedAt: Date
    public var notes: [String]
}

/// The improvement plan's commands (evaluators and drill coordinators).
public enum ImprovementCommand: Hashable, Sendable {
    case raise(drill: String, objective: String, text: String, owner: String, category: CorrectiveAction.Category, due: Date)
    case setStatus(String, CorrectiveAction.Status, note: String)
}

extension ImprovementCommand: DomainCommand {
    public var incident: IncidentID? {
        switch self {
        case .raise, .setStatus: nil
        }
    }

    func boundViolation(now: Date) -> BoundViolation? {
        switch self {
        case let .raise(drill, objective, text, owner, _, due):
            if !Limits.isNear(due, to: now) { return .time(Bilingual("due date", "完成期限"), due) }
            return .first(
                .name(drill, Bilingual("drill", "演练")), .name(objective, Bilingual("objective", "目标")), .text(text, Bilingual("corrective action", "改进措施")),
                .name(owner, Bilingual("owner", "责任人")))
        case let .setStatus(id, _, note):
            return .first(.name(id, Bilingual("corrective action", "改进措施")), .text(note, Bilingual("note", "备注")))
        }
    }

    func requirement(in state: CommandState) -> Requirement {
        switch self {
        case .raise: .evaluator(action: Bilingual("raise a corrective action", "提出改进措施"))
        case .setStatus: .evaluator(action: Bilingual("update a corrective action", "更新改进措施"))
        }
    }
}

extension Decision {
    mutating func decide(_ command: ImprovementCommand) throws(Rejection) -> [Event] {
        switch command {
        case let .raise(drill, objective, text, owner, category, due):
            guard let run = state.drills[drill] else { throw .unknownDrill(drill) }
            let known = run.info.objectives.map(\.id)
            guard run.info.isSealedFrame || known.contains(objective) else { throw .unknownDrillTarget(drill, objective, known: known) }
            let action = CorrectiveAction(
                id: "CA-\(state.nextCorrectiveAction)", drill: drill, objective: objective, text: try required(text, what: Bilingual("corrective action", "改进措施")),
                owner: try required(owner, what: Bilingual("owner", "责任人")), category: category, due: due)
            return [.correctiveActionRaised(action: action)]
        case let .setStatus(id, status, note):
            guard let a = state.correctiveActions[id] else { throw .unknownCorrectiveAction(id) }
            if a.status == status { throw .correctiveActionUnchanged(id, status.name) }
            return [.correctiveActionUpdated(action: id, status: status, note: note.trimmingCharacters(in: .whitespacesAndNewlines))]
        }
    }
}

extension CommandState {
    /// The next corrective action's number.
    public var nextCorrectiveAction: Int { (correctiveActions.keys.compactMap { Int($0.dropFirst(3)) }.max() ?? 0) + 1 }

    /// Folds an improvement-plan event in (called from `apply`).
    mutating func applyImprovement(_ event: Event, at: Date) {
        switch event {
        case let .correctiveActionRaised(a):
            correctiveActions[a.id] = CorrectiveActionState(action: a, status: .open, raisedAt: at, notes: [])
        case let .correctiveActionUpdated(id, status, note):
            guard correctiveActions[id] != nil else { preconditionFailure("updating unknown corrective action \(id)") }
            correctiveActions[id]?.status = status
            if !note.isEmpty { correctiveActions[id]?.notes.append(note) }
        case .incidentReported, .incidentAcknowledged, .incidentVerified, .figuresUpdated, .levelRaised, .levelLowered, .statusChanged, .incidentCancelled, .incidentMarkedFalseAlarm,
            .incidentClosed, .incidentReopened, .causeLinked, .checklistItemDone, .noteAdded, .reportFiled, .teamRegistered, .teamUpdated, .teamRetired, .teamAssigned, .teamStatusChanged,
            .teamReleased, .responseDeclared, .responseAdjusted, .responseEnded, .incidentJoinedResponse, .warningIssued, .warningLifted, .actionRefused, .pageSent, .pageAcknowledged,
            .pageNotified, .pageNotifyFailed, .pageCancelled, .drillScheduled, .injectFired, .injectSkipped, .drillEnded, .rosterAdopted, .facilityRegistered, .facilityUpdated,
            .facilityRetired, .shelterOpened, .shelterClosed, .sheltered, .shelterLeft, .stockReceived, .stockIssued, .stockMinimumSet, .supplyRequested, .supplyApproved, .supplyCommitted,
            .supplyDispatched, .supplyDelivered, .aidRequested, .aidOffered, .aidAccepted, .aidReleased, .sitrepDrafted, .sitrepApproved, .sitrepFiled, .handoverAccepted,
            .drillObserved, .drillObjectiveJudged, .feedReceived, .feedAdvanced, .journalSealed, .drillExpectationScored, .capAlertReceived, .aidArrived, .aidMessageReceived, .aidMessageDelivered,
            .centreUnreachable, .centreReachable, .boardShared, .boardUnshared:
            preconditionFailure("not an improvement-plan event: \(event.kind)")
        }
    }

    /// The corrective actions not yet done that a scenario with these objectives exercises
    /// (the same objective id), oldest first.
    public func openActions(exercisedBy objectives: [String]) -> [CorrectiveActionState] {
        correctiveActions.values.filter { $0.status != .done && objectives.contains($0.action.objective) }.sorted { ($0.raisedAt, $0.action.id) < ($1.raisedAt, $1.action.id) }
    }

    /// Restores the improvement plan a snapshot held.
    public mutating func restoreCorrectiveActions(_ actions: [CorrectiveActionState]) {
        correctiveActions = Dictionary(actions.map { ($0.action.id, $0) }, uniquingKeysWith: { a, _ in a })
    }
}
