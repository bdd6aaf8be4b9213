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

/// An evaluator's score of a manual expectation: met, late or missed, with a note.
public struct ManualScore: Hashable, Sendable, Codable {
    public var inject: String
    public var expectation: String
    /// Met, late or missed (never pending: the decider refuses it).
    public var outcome: DrillEvaluation.Outcome
    public var note: String
    public var by: String
    public var at: Date

    /// How a score is found: its inject, then its expectation.
    public static func key(inject: String, expectation: String) -> String { inject + "/" + expectation }
}

/// What evaluators recorded of one drill.
public struct DrillEvaluatorRecord: Hashable, Sendable, Codable {
    public var drill: String
    public var observations: [DrillObservation] = []
    /// The latest judgement of each evaluator, by objective then evaluator.
    public var judgements: [String: [String: DrillJudgement]] = [:]
    /// The latest score of each evaluator, by `ManualScore.key` then evaluator.
    public var scores: [String: [String: ManualScore]] = [:]

    public init(drill: String) { self.drill = drill }

    enum CodingKeys: String, CodingKey { case drill, observations, judgements, scores }

    /// Scores absent (a record from before they existed) read as none.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        drill = try c.decode(String.self, forKey: .drill)
        observations = try c.decode([DrillObservation].self, forKey: .observations)
        judgements = try c.decode([String: [String: DrillJudgement]].self, forKey: .judgements)
        scores = try c.decodeIfPresent([String: [String: ManualScore]].self, forKey: .scores) ?? [:]
    }

    /// Every evaluator's latest score of one manual expectation, by evaluator name.
    public func scores(inject: String, expectation: String) -> [ManualScore] {
        (scores[ManualScore.key(inject: inject, expectation: expectation)] ?? [:]).values.sorted { ($0.by, $0.at) < ($1.by, $1.at) }
    }
}

/// Evaluators' work in a drill: observations (journal only, so hidden from players, in a blind
/// drill as in any) and, after the end, their judgement of each objective's computed rating.
public enum EvaluatorCommand: Hashable, Sendable {
    /// An observation tied to an objective or an inject of the drill.
    case observe(drill: String, about: String, text: String)
    /// After the end: `rating` nil accepts the computed rating; a rating overrides it (with a reason).
    case judge(drill: String, objective: String, rating: DrillEvaluation.Rating?, reason: String)
    /// A manual expectation of a fired inject scored met, late or missed; a note is needed for
    /// late or missed (what went wrong), optional for met.
    case score(drill: String, inject: String, expectation: String, outcome: DrillEvaluation.Outcome, note: String)
}

extension EvaluatorCommand: DomainCommand {
    public var incident: IncidentID? {
        switch self {
        case .observe, .judge, .score: nil
        }
    }

    func boundViolation(now: Date) -> BoundViolation? {
        switch self {
        case let .observe(drill, about, text):
            return .first(.name(drill, Bilingual("drill", "演练")), .name(about, Bilingual("objective or inject", "目标或注入")), .text(text, Bilingual("observation", "观察记录")))
        case let .judge(drill, objective, _, reason):
            return .first(.name(drill, Bilingual("drill", "演练")), .name(objective, Bilingual("objective", "目标")), .text(reason, .reason))
        case let .score(drill, inject, expectation, _, note):
            return .first(
                .name(drill, Bilingual("drill", "演练")), .name(inject, Bilingual("inject", "注入")), .name(expectation, Bilingual("manual expectation", "人工预期")),
                .text(note, Bilingual("note", "备注")))
        }
    }

    func requirement(in state: CommandState) -> Requirement {
        switch self {
        case .observe: .evaluator(action: Bilingual("record a drill observation", "记录演练观察"))
        case .judge: .evaluator(action: Bilingual("rate a drill objective", "评定演练目标"))
        case .score: .evaluator(action: Bilingual("score a manual expectation", "评分人工预期"))
        }
    }
}

extension Decision {
    mutating func decide(_ command: EvaluatorCommand) throws(Rejection) -> [Event] {
        switch command {
        case let .observe(drill, about, text):
            guard let run = state.drills[drill] else { throw .unknownDrill(drill) }
            let known = run.info.objectives.map(\.id) + run.info.injects
            // A sealed drill's objectives and injects are known only to its key's holder: the
            // observation is sealed to the drill all the same, and the report (read with the
            // key) shows what it names.
            guard run.info.isSealedFrame || known.contains(about) else { throw .unknownDrillTarget(drill, about, known: known) }
            return [.drillObserved(drill: drill, about: about, text: try required(text, what: Bilingual("observation", "观察记录")))]
        case let .judge(drill, objective, rating, reason):
            guard let run = state.drills[drill] else { throw .unknownDrill(drill) }
            guard run.ended != nil else { throw .drillNotOver(drill) }
            let known = run.info.objectives.map(\.id)
            guard run.info.isSealedFrame || known.contains(objective) else { throw .unknownDrillTarget(drill, objective, known: known) }
            // Overriding the computed rating needs a reason on the record; accepting it does not.
            let why = rating == nil ? reason.trimmingCharacters(in: .whitespacesAndNewlines) : try required(reason)
            return [.drillObjectiveJudged(drill: drill, objective: objective, rating: rating, reason: why)]
        case let .score(drill, inject, expectation, outcome, note):
            guard let run = state.drills[drill] else { throw .unknownDrill(drill) }
            // Only what fired can have been done; its expectations travel with it on the record
            // (a sealed drill's only for its key's holder: then the report shows what is named).
            if !run.info.isSealedFrame {
                guard let fired = run.fired[inject] else { throw .injectNotFired(drill, inject: inject, fired: run.firedInOrder.map(\.inject)) }
                let known = fired.expect.manual.map(\.id)
                guard known.contains(expectation) else { throw .unknownManualExpectation(drill, inject: inject, expectation: expectation, known: known) }
            }
            let why: String
            switch outcome {
            case .pending: throw .notAScore(outcome.rawValue)
            case .met: why = note.trimmingCharacters(in: .whitespacesAndNewlines)
            // What went wrong goes on the record with the score.
            case .late, .missed: why = try required(note)
            }
            return [.drillExpectationScored(drill: drill, inject: inject, expectation: expectation, outcome: outcome, note: why)]
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
        case let .drillExpectationScored(drill, inject, expectation, outcome, note):
            evaluators[drill, default: DrillEvaluatorRecord(drill: drill)].scores[ManualScore.key(inject: inject, expectation: expectation), default: [:]][by] = ManualScore(
                inject: inject, expectation: expectation, outcome: outcome, note: note, by: by, at: at)
        case .incidentReported, .incidentAcknowledged, .incidentVerified, .figuresUpdated, .levelRaised, .levelLowered, .statusChanged, .incidentCancelled, .incidentMarkedFalseAlarm,
            .incidentClosed, .incidentReopened, .causeLinked, .checklistItemDone, .noteAdded, .reportFiled, .teamRegistered, .teamUpdated, .teamRetired, .teamAssigned, .teamStatusChanged,
            .teamReleased, .responseDeclared, .responseAdjusted, .responseEnded, .incidentJoinedResponse, .warningIssued, .warningLifted, .actionRefused, .pageSent, .pageAcknowledged,
            .pageNotified, .pageNotifyFailed, .pageCancelled, .drillScheduled, .injectFired, .injectSkipped, .drillEnded, .rosterAdopted, .facilityRegistered, .facilityUpdated,
            .facilityRetired, .shelterOpened, .shelterClosed, .sheltered, .shelterLeft, .stockReceived, .stockIssued, .stockMinimumSet, .supplyRequested, .supplyApproved, .supplyCommitted,
            .supplyDispatched, .supplyDelivered, .aidRequested, .aidOffered, .aidAccepted, .aidReleased, .sitrepDrafted, .sitrepApproved, .sitrepFiled, .handoverAccepted, .correctiveActionRaised,
            .correctiveActionUpdated, .feedReceived, .feedAdvanced, .journalSealed, .capAlertReceived, .aidArrived, .aidMessageReceived, .aidMessageDelivered, .centreUnreachable, .centreReachable,
            .boardShared, .boardUnshared:
            preconditionFailure("not an evaluator's event: \(event.kind)")
        }
    }

    /// Restores the evaluators' records a snapshot held.
    public mutating func restoreEvaluators(_ records: [DrillEvaluatorRecord]) {
        evaluators = Dictionary(records.map { ($0.drill, $0) }, uniquingKeysWith: { a, _ in a })
    }
}
