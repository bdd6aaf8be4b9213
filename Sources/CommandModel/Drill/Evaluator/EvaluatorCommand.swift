import Foundation

/// An evaluator's judgement of an objective after a drill: the computed rating accepted
/// (`rating` nil) or overridden with a reason. Both the computed rating and this are kept.
public struct DrillJudgement: Hashable, Sendable, Codable {
    public var objective: String
    /// P, S, M or U as the evaluator rates it; nil: the computed rating accepted.
    public var rating: DrillEvaluation.Rating?
    public var reason: String
    public var by: String
    public var at: Date
}

/// An evaluator's observation during or after a drill, tied to an objective or an inject.
public struct DrillObservation: Hashable, Sendable, Codable {
    public var about: String
    public var text: String
    public var by: String
    public var at: Date
}

/// What evaluators recorded of one drill.
public struct DrillEvaluatorRecord: Hashable, Sendable, Codable {
    public var drill: String
    public var observations: [DrillObservation] = []
    /// The latest judgement of each evaluator, by objective then evaluator.
    public var judgements: [String: [String: DrillJudgement]] = [:]

    public init(drill: String) { self.drill = drill }
}

/// Evaluators' work in a drill: observations (journal only, so hidden from players, in a blind
/// drill as in any) and, after the end, their judgement of each objective's computed rating.
public enum EvaluatorCommand: Hashable, Sendable {
    /// An observation tied to an objective or an inject of the drill.
    case observe(drill: String, about: String, text: String)
    /// After the end: `rating` nil accepts the computed rating; a rating overrides it (with a reason).
    case judge(drill: String, objective: String, rating: DrillEvaluation.Rating?, reason: String)
}

extension EvaluatorCommand: DomainCommand {
    public var incident: IncidentID? {
        switch self {
        case .observe, .judge: nil
        }
    }

    func boundViolation(now: Date) -> BoundViolation? {
        switch self {
        case let .observe(drill, about, text):
            return .first(.name(drill, Bilingual("drill", "演练")), .name(about, Bilingual("objective or inject", "目标或注入")), .text(text, Bilingual("observation", "观察记录")))
        case let .judge(drill, objective, _, reason):
            return .first(.name(drill, Bilingual("drill", "演练")), .name(objective, Bilingual("objective", "目标")), .text(reason, .reason))
        }
    }

    func requirement(in state: CommandState) -> Requirement {
        switch self {
        case .observe: .evaluator(action: Bilingual("record a drill observation", "记录演练观察"))
        case .judge: .evaluator(action: Bilingual("rate a drill objective", "评定演练目标"))
        }
    }
}

extension Decision {
    mutating func decide(_ command: EvaluatorCommand) throws(Rejection) -> [Event] {
        switch command {
        case let .observe(drill, about, text):
            guard let run = state.drills[drill] else { throw .unknownDrill(drill) }
            let known = run.info.objectives.map(\.id) + run.info.injects
            guard known.contains(about) else { throw .unknownDrillTarget(drill, about, known: known) }
            return [.drillObserved(drill: drill, about: about, text: try required(text, what: Bilingual("observation", "观察记录")))]
        case let .judge(drill, objective, rating, reason):
            guard let run = state.drills[drill] else { throw .unknownDrill(drill) }
            guard run.ended != nil else { throw .drillNotOver(drill) }
            let known = run.info.objectives.map(\.id)
            guard known.contains(objective) else { throw .unknownDrillTarget(drill, objective, known: known) }
            // Overriding the computed rating needs a reason on the record; accepting it does not.
            let why = rating == nil ? reason.trimmingCharacters(in: .whitespacesAndNewlines) : try required(reason)
            return [.drillObjectiveJudged(drill: drill, objective: objective, rating: rating, reason: why)]
        }
    }
}

extension CommandState {
    /// Folds an evaluator's event in (called from `apply`).
    mutating func applyEvaluator(_ event: Event, at: Date, by: String) {
        switch event {
        case let .drillObserved(drill, about, text):
            evaluators[drill, default: DrillEvaluatorRecord(drill: drill)].observations.append(DrillObservation(about: about, text: text, by: by, at: at))
        case let .drillObjectiveJudged(drill, objective, rating, reason):
            evaluators[drill, default: DrillEvaluatorRecord(drill: drill)].judgements[objective, default: [:]][by] = DrillJudgement(
                objective: objective, rating: rating, reason: reason, by: by, at: at)
        case .incidentReported, .incidentAcknowledged, .incidentVerified, .figuresUpdated, .levelRaised, .levelLowered, .statusChanged, .incidentCancelled, .incidentMarkedFalseAlarm,
            .incidentClosed, .incidentReopened, .causeLinked, .checklistItemDone, .noteAdded, .reportFiled, .teamRegistered, .teamUpdated, .teamRetired, .teamAssigned, .teamStatusChanged,
            .teamReleased, .responseDeclared, .responseAdjusted, .responseEnded, .incidentJoinedResponse, .warningIssued, .warningLifted, .actionRefused, .pageSent, .pageAcknowledged,
            .pageNotified, .pageNotifyFailed, .pageCancelled, .drillScheduled, .injectFired, .injectSkipped, .drillEnded, .rosterAdopted, .facilityRegistered, .facilityUpdated,
            .facilityRetired, .shelterOpened, .shelterClosed, .sheltered, .shelterLeft, .stockReceived, .stockIssued, .stockMinimumSet, .supplyRequested, .supplyApproved, .supplyCommitted,
            .supplyDispatched, .supplyDelivered, .aidRequested, .aidOffered, .aidAccepted, .aidReleased, .sitrepDrafted, .sitrepApproved, .sitrepFiled, .handoverAccepted, .correctiveActionRaised,
            .correctiveActionUpdated, .feedReceived, .feedAdvanced, .capAlertReceived:
            preconditionFailure("not an evaluator's event: \(event.kind)")
        }
    }

    /// Restores the evaluators' records a snapshot held.
    public mutating func restoreEvaluators(_ records: [DrillEvaluatorRecord]) {
        evaluators = Dictionary(records.map { ($0.drill, $0) }, uniquingKeysWith: { a, _ in a })
    }
}
