import Foundation

/// A drill's evaluation, computed from the record alone: the drill's own events (its control
/// events carry the expectations) and the teams' profiles (for capabilities).
///
/// Every figure is a difference of two recorded times, so it can be checked by hand against
/// `decision-hub log`.
public struct DrillEvaluation: Hashable, Sendable, Codable {
    /// How one expectation went.
    public enum Outcome: String, Hashable, Sendable, Codable {
        /// Done in time.
        case met
        /// Done, but after the time allowed.
        case late
        /// Not done, and the time allowed has run out (or the drill is over).
        case missed
        /// Not done yet, and there is still time.
        case pending

        public var name: Bilingual {
            switch self {
            case .met: Bilingual("met", "达标")
            case .late: Bilingual("late", "超时")
            case .missed: Bilingual("missed", "未完成")
            case .pending: Bilingual("pending", "进行中")
            }
        }
    }

    /// A rating per objective, as in after-action reports.
    public enum Rating: String, Hashable, Sendable, Codable {
        case performed = "P"
        case someChallenges = "S"
        case majorChallenges = "M"
        case unable = "U"

        public var name: Bilingual {
            switch self {
            case .performed: Bilingual("performed without challenges", "顺利完成")
            case .someChallenges: Bilingual("performed with some challenges", "完成但存在一些问题")
            case .majorChallenges: Bilingual("performed with major challenges", "完成但存在重大问题")
            case .unable: Bilingual("unable to be performed", "未能完成")
            }
        }
    }

    public struct Check: Hashable, Sendable, Codable {
        public enum Kind: String, Hashable, Sendable, Codable {
            case acknowledge, level, dispatch, planItem = "plan-item"
            /// Scored by evaluators (`drillExpectationScored`), not measured from the record.
            case manual
        }
        public var kind: Kind
        /// The level (II), capability (flood-rescue) or checklist item expected; empty for acknowledge.
        public var what: String
        public var withinMinutes: Int?
        /// Seconds from the inject to when it was done; nil if not done.
        public var doneAfterSeconds: Double?
        public var outcome: Outcome
        /// The objectives it counts towards.
        public var objectives: [String]
        /// A manual expectation's own text (nil for the measured kinds).
        public var label: Bilingual? = nil
        /// A manual expectation's scores, one per evaluator (their latest).
        public var scores: [ManualScore] = []
        /// Evaluators scored it differently: the worst of their scores counts, and the report says so.
        public var disagreement: Bool = false

        public var text: Bilingual {
            switch kind {
            case .manual: label ?? Bilingual(what, what)
            case .acknowledge: Bilingual("acknowledge", "确认")
            case .level: Bilingual("reach level \(what)", "达到 \(what) 级响应")
            case .dispatch: Bilingual("dispatch \(Capability(rawValue: what)?.name.en ?? what)", "派出\(Capability(rawValue: what)?.name.zh ?? what)")
            case .planItem: Bilingual("plan item \(what)", "预案事项 \(what)")
            }
        }
    }

    /// The measured times of one inject: seconds after it fired (negative: it had already
    /// happened when the inject fired); nil: never happened.
    public struct InjectResult: Hashable, Sendable, Codable {
        public var inject: String
        public var firedAt: Date
        public var offsetSeconds: Double
        public var incident: IncidentID?
        public var line: String
        public var contingency: Bool
        public var acknowledgeSeconds: Double?
        /// To the expected level (or, when none is expected, to the first level set).
        public var levelSeconds: Double?
        public var highestLevel: ResponseLevel
        public var firstDispatchSeconds: Double?
        public var onSceneSeconds: Double?
        public var teams: [TeamID]
        public var checks: [Check]
    }

    public struct PageResult: Hashable, Sendable, Codable {
        public var page: String
        public var incident: IncidentID
        public var person: String
        public var role: DutyRole?
        public var sentAt: Date
        public var acknowledgedAfterSeconds: Double?
        public var acknowledgedBy: String?
        public var withdrawn: Bool
    }

    public struct ObjectiveResult: Hashable, Sendable, Codable {
        public var id: String
        public var text: Bilingual
        /// nil: no expectation measured it.
        public var rating: Rating?
        public var met: Int
        public var checks: Int
    }

    public struct TimelineEntry: Hashable, Sendable, Codable {
        public var sequence: Int64
        public var at: Date
        public var offsetSeconds: Double
        public var by: String
        public var text: Bilingual
        /// Done by the players (not the drill's injects, the escalation or the notifier).
        public var byPlayer: Bool
    }

    public var drill: String
    public var name: Bilingual
    public var disclosure: DrillScenario.Disclosure
    public var coordinator: String
    public var startedAt: Date
    public var endedAt: Date?
    public var endReason: String?
    public var aborted: Bool
    public var evaluatedAt: Date
    public var injects: [InjectResult]
    public var skipped: [String: SkipReason]
    /// Injects that neither fired nor were skipped: the drill ended first.
    public var notReached: [String]
    public var pages: [PageResult]
    public var objectives: [ObjectiveResult]
    /// How many actions each player took.
    public var players: [String: Int]
    public var timeline: [TimelineEntry]
    public var improvements: [Bilingual]
    /// Scenario seconds per wall second: every duration above is scenario time.
    public var speed: Double = 1

    /// Whether an event is a player's: not the drill's own (its injects, its control events,
    /// its stand-down) nor the system's (escalation, notifier). The coordinator's login does not
    /// decide it: in a small centre, or a demo, the coordinator may be playing too.
    static func isPlayers(_ e: RecordedEvent, run: DrillRun) -> Bool {
        guard e.event.drill == nil, !run.info.injectNames.contains(e.by), e.by != "escalation", e.by != "notifier" else { return false }
        if let ended = run.ended, e.at >= ended { return false }
        return true
    }

    /// Evaluates a drill as of `at` (its end, for the report): only events recorded by then count.
    /// Manual expectations count as the evaluators in `scores` scored them by then (pending until one has).
    public static func evaluate(run: DrillRun, events: [RecordedEvent], teams: [TeamID: Team], at cutoff: Date, scores: DrillEvaluatorRecord? = nil) -> DrillEvaluation {
        let start = run.info.startsAt
        // Every time reported is scenario time: wall seconds × the drill's speed.
        let pace = run.info.speed
        let over = run.ended.map { cutoff >= $0 } ?? false
        // What happened to each incident of the drill, with times.
        struct Trace {
            var acknowledged: Date?
            var levels: [(at: Date, to: ResponseLevel)] = []
            var assigned: [(at: Date, team: TeamID)] = []
            var onScene: Date?
            var checklist: [String: Date] = [:]
        }
        var traces: [IncidentID: Trace] = [:]
        var pages: [String: PageResult] = [:]
        var pageOrder: [String] = []
        var players: [String: Int] = [:]
        var timeline: [TimelineEntry] = []
        for e in events where e.at <= cutoff {
            let player = isPlayers(e, run: run)
            if player { players[e.by, default: 0] += 1 }
            timeline.append(TimelineEntry(sequence: e.sequence, at: e.at, offsetSeconds: e.at.timeIntervalSince(start) * pace, by: e.by, text: e.event.summary, byPlayer: player))
            switch e.event {
            case let .incidentAcknowledged(i):
                if traces[i, default: Trace()].acknowledged == nil { traces[i, default: Trace()].acknowledged = e.at }
            case let .statusChanged(i, _, to):
                if to == .acknowledged, traces[i, default: Trace()].acknowledged == nil { traces[i, default: Trace()].acknowledged = e.at }
                if to == .onScene, traces[i, default: Trace()].onScene == nil { traces[i, default: Trace()].onScene = e.at }
            case let .levelRaised(i, _, to, _), let .levelLowered(i, _, to, _):
                traces[i, default: Trace()].levels.append((e.at, to))
            case let .teamAssigned(t, i):
                traces[i, default: Trace()].assigned.append((e.at, t))
            case let .checklistItemDone(i, item):
                traces[i, default: Trace()].checklist[item] = e.at
            case let .pageSent(p):
                pages[p.id] = PageResult(page: p.id, incident: p.incident, person: p.person, role: p.role, sentAt: e.at, acknowledgedAfterSeconds: nil, acknowledgedBy: nil, withdrawn: false)
                pageOrder.append(p.id)
            case let .pageAcknowledged(id, _):
                if let sent = pages[id]?.sentAt {
                    pages[id]?.acknowledgedAfterSeconds = e.at.timeIntervalSince(sent) * pace
                    pages[id]?.acknowledgedBy = e.by
                }
            case let .pageCancelled(id, _):
                pages[id]?.withdrawn = true
            case .incidentReported, .incidentVerified, .figuresUpdated, .incidentCancelled, .incidentMarkedFalseAlarm, .incidentClosed, .incidentReopened, .causeLinked, .noteAdded,
                .reportFiled, .teamRegistered, .teamUpdated, .teamRetired, .teamStatusChanged, .teamReleased, .responseDeclared, .responseAdjusted, .responseEnded,
                .incidentJoinedResponse, .warningIssued, .warningLifted, .actionRefused, .pageNotified, .pageNotifyFailed, .drillScheduled, .injectFired, .injectSkipped, .drillEnded,
                .rosterAdopted, .facilityRegistered, .facilityUpdated, .facilityRetired, .shelterOpened, .shelterClosed, .sheltered, .shelterLeft, .stockReceived, .stockIssued,
                .stockMinimumSet, .supplyRequested, .supplyApproved, .supplyCommitted, .supplyDispatched, .supplyDelivered, .aidRequested, .aidOffered, .aidAccepted, .aidReleased,
                .sitrepDrafted, .sitrepApproved, .sitrepFiled, .handoverAccepted, .drillObserved, .drillObjectiveJudged, .correctiveActionRaised, .correctiveActionUpdated, .feedReceived,
                .feedAdvanced, .journalSealed, .drillExpectationScored, .capAlertReceived, .aidArrived, .aidMessageReceived, .aidMessageDelivered, .centreUnreachable, .centreReachable,
                .boardShared, .boardUnshared:
                break
            }
        }

        var results: [InjectResult] = []
        for f in run.firedInOrder where f.at <= cutoff {
            let trace = f.incident.flatMap { traces[$0] } ?? Trace()
            // Negative: it had happened before the inject (an update to an incident already worked).
            func after(_ d: Date?) -> Double? { d.map { $0.timeIntervalSince(f.at) * pace } }
            func outcome(_ done: Double?, within: Int?) -> Outcome {
                if let done { return within.map { done <= Double($0) * 60 } ?? true ? .met : .late }
                if let within, cutoff >= f.at.addingTimeInterval(Double(within) * 60 / pace) { return .missed }
                return over ? .missed : .pending
            }
            // When the level reached `level` or above (before the inject, if it already had).
            func reached(_ level: ResponseLevel) -> Double? {
                if let before = trace.levels.last(where: { $0.at <= f.at }), before.to >= level { return after(before.at) }
                return after(trace.levels.first { $0.at > f.at && $0.to >= level }?.at)
            }
            var checks: [Check] = []
            let x = f.expect
            let ack = after(trace.acknowledged)
            if let within = x.acknowledgeWithinMinutes {
                checks.append(Check(kind: .acknowledge, what: "", withinMinutes: within, doneAfterSeconds: ack, outcome: outcome(ack, within: within), objectives: x.objectives))
            }
            var levelSeconds = after(trace.levels.first { $0.at >= f.at }?.at)
            if let level = x.level {
                levelSeconds = reached(level)
                checks.append(
                    Check(
                        kind: .level, what: level.roman, withinMinutes: x.levelWithinMinutes, doneAfterSeconds: levelSeconds, outcome: outcome(levelSeconds, within: x.levelWithinMinutes),
                        objectives: x.objectives))
            }
            for c in x.dispatch {
                let first = after(trace.assigned.first { teams[$0.team]?.profile.capabilities.contains(c) == true }?.at)
                checks.append(
                    Check(
                        kind: .dispatch, what: c.rawValue, withinMinutes: x.dispatchWithinMinutes, doneAfterSeconds: first, outcome: outcome(first, within: x.dispatchWithinMinutes),
                        objectives: x.objectives))
            }
            for item in x.planItems {
                let done = after(trace.checklist[item])
                checks.append(
                    Check(kind: .planItem, what: item, withinMinutes: x.planWithinMinutes, doneAfterSeconds: done, outcome: outcome(done, within: x.planWithinMinutes), objectives: x.objectives))
            }
            for m in x.manual {
                checks.append(manualCheck(m, inject: f.inject, scores: (scores?.scores(inject: f.inject, expectation: m.id) ?? []).filter { $0.at <= cutoff }))
            }
            results.append(
                InjectResult(
                    inject: f.inject, firedAt: f.at, offsetSeconds: f.at.timeIntervalSince(start) * pace, incident: f.incident, line: f.line, contingency: f.contingency,
                    acknowledgeSeconds: ack, levelSeconds: levelSeconds, highestLevel: trace.levels.map(\.to).max() ?? .none,
                    firstDispatchSeconds: after(trace.assigned.first?.at), onSceneSeconds: after(trace.onScene),
                    teams: trace.assigned.map(\.team), checks: checks))
        }

        let objectives = run.info.objectives.map { o -> ObjectiveResult in
            let checks = results.flatMap(\.checks).filter { $0.objectives.contains(o.id) }
            let met = checks.filter { $0.outcome == .met }.count
            let done = checks.filter { $0.outcome == .met || $0.outcome == .late }.count
            let rating: Rating? =
                checks.isEmpty || checks.contains(where: { $0.outcome == .pending })
                ? nil : met == checks.count ? .performed : done == checks.count ? .someChallenges : done > 0 ? .majorChallenges : .unable
            return ObjectiveResult(id: o.id, text: o.text, rating: rating, met: met, checks: checks.count)
        }

        var improvements: [Bilingual] = []
        for r in results {
            let on = r.incident.map { " (\($0))" } ?? ""
            for c in r.checks {
                if c.kind == .manual {
                    if let item = manualImprovement(c, inject: r.inject, on: on) { improvements.append(item) }
                    continue
                }
                let limit = c.withinMinutes.map { " within \($0) min" } ?? ""
                let limitZh = c.withinMinutes.map { "（要求 \($0) 分钟内）" } ?? ""
                switch c.outcome {
                case .late:
                    let took = minutes(c.doneAfterSeconds ?? 0)
                    improvements.append(
                        Bilingual(
                            "\(r.inject)\(on): \(c.text.en) took \(took) min, expected\(limit)", "\(r.inject)\(on)：\(c.text.zh)用时 \(took) 分钟\(limitZh)"))
                case .missed:
                    improvements.append(Bilingual("\(r.inject)\(on): \(c.text.en) was never done\(limit.isEmpty ? "" : " (expected\(limit))")", "\(r.inject)\(on)：未\(c.text.zh)\(limitZh)"))
                case .met, .pending:
                    break
                }
            }
            if r.contingency {
                improvements.append(Bilingual("\(r.inject): the contingency inject had to fire", "\(r.inject)：触发了应变注入"))
            }
        }
        let pageList = pageOrder.compactMap { pages[$0] }
        for p in pageList where p.acknowledgedAfterSeconds == nil && !p.person.isEmpty {
            improvements.append(Bilingual("page to \(p.person) about \(p.incident) was never acknowledged", "\(p.person) 未确认关于 \(p.incident) 的寻呼"))
        }
        for p in pageList where p.person.isEmpty {
            improvements.append(Bilingual("\(p.incident): an escalation step found nobody on call", "\(p.incident)：升级时无人值班"))
        }

        return DrillEvaluation(
            drill: run.id, name: run.info.name, disclosure: run.info.disclosure, coordinator: run.coordinator, startedAt: start, endedAt: run.ended, endReason: run.endReason,
            aborted: run.aborted, evaluatedAt: cutoff, injects: results, skipped: run.skipped,
            notReached: run.info.injects.filter { run.fired[$0] == nil && run.skipped[$0] == nil }, pages: pageList, objectives: objectives, players: players, timeline: timeline,
            improvements: improvements, speed: pace)
    }

    /// A manual expectation as its evaluators scored it: pending until one has; where they
    /// differ the worst score counts (missed, then late) and the check says they disagree.
    static func manualCheck(_ m: DrillScenario.ManualExpectation, inject: String, scores: [ManualScore]) -> Check {
        let outcomes = Set(scores.map(\.outcome))
        let outcome: Outcome =
            outcomes.isEmpty ? .pending : outcomes.contains(.missed) ? .missed : outcomes.contains(.late) ? .late : outcomes.contains(.met) ? .met : .pending
        return Check(
            kind: .manual, what: m.id, withinMinutes: m.withinMinutes, doneAfterSeconds: nil, outcome: outcome, objectives: m.objectives, label: m.text, scores: scores,
            disagreement: outcomes.count > 1)
    }

    /// The improvement item a manual expectation scored late or missed gives, with the evaluators' notes.
    static func manualImprovement(_ c: Check, inject: String, on: String) -> Bilingual? {
        let notes = c.scores.filter { $0.outcome == c.outcome && !$0.note.isEmpty }.map { "\($0.by): \($0.note)" }
        let en = notes.isEmpty ? "" : " (" + notes.joined(separator: "; ") + ")"
        let zh = notes.isEmpty ? "" : "（" + notes.joined(separator: "；") + "）"
        switch c.outcome {
        case .late: return Bilingual("\(inject)\(on): \(c.text.en) was done late, evaluators say\(en)", "\(inject)\(on)：\(c.text.zh)超时完成（评估员评分）\(zh)")
        case .missed: return Bilingual("\(inject)\(on): \(c.text.en) was not done, evaluators say\(en)", "\(inject)\(on)：\(c.text.zh)未完成（评估员评分）\(zh)")
        case .met, .pending: return nil
        }
    }

    /// Seconds as whole minutes and tenths ("4.5").
    static func minutes(_ seconds: Double) -> String { String(format: "%.1f", seconds / 60) }

    /// Whether a fired inject's expectations were missed by `at` (late or not done in time):
    /// what a contingency waits for.
    public static func missed(_ fired: FiredInject, run: DrillRun, events: [RecordedEvent], teams: [TeamID: Team], at: Date) -> Bool {
        let e = evaluate(run: run, events: events, teams: teams, at: at)
        guard let r = e.injects.first(where: { $0.inject == fired.inject }) else { return false }
        return r.checks.contains { $0.outcome == .late || $0.outcome == .missed }
    }
}
