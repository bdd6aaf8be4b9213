import Foundation

/// What a drill coordinator (or the drill's runner) asks: schedule, fire or skip injects, stand down.
public enum DrillCommand: Hashable, Sendable {
    /// Schedules a drill (its id is chosen by the decider). Drill coordinators only.
    case schedule(DrillInfo)
    /// Fires one inject: its commands, decided inside the drill, then the record of the inject.
    case fireInject(drill: String, inject: String, commands: [Command], line: String, expect: DrillScenario.Expectation, contingency: Bool)
    /// Records that an inject will not fire, and why.
    case skipInject(drill: String, inject: String, reason: SkipReason)
    /// Stands a drill down: its open incidents closed, its teams available again, its pages
    /// withdrawn. `aborted`: stopped early ("real emergency, stop the drill").
    case end(drill: String, reason: String, aborted: Bool)

    /// The drill the command acts in (nil while it is being scheduled: it has no id yet).
    public var drill: String? {
        switch self {
        case .schedule: nil
        case let .fireInject(d, _, _, _, _, _), let .skipInject(d, _, _), let .end(d, _, _): d
        }
    }
}

extension DrillCommand: DomainCommand {
    public var incident: IncidentID? {
        switch self {
        case .schedule, .fireInject, .skipInject, .end: nil
        }
    }

    func boundViolation(now: Date) -> BoundViolation? {
        switch self {
        case let .schedule(info):
            if !Limits.isNear(info.startsAt, to: now) { return .time(Bilingual("the drill's start", "演练开始时间"), info.startsAt) }
            if !Limits.isNear(info.endsAt, to: now) || info.endsAt.timeIntervalSince(info.startsAt) > Double(Limits.drillMinutes) * 60 {
                return BoundViolation(
                    Bilingual("the drill's end", "演练结束时间"), value: ISO8601DateFormatter().string(from: min(max(info.endsAt, Limits.earliest), Limits.latest)),
                    bound: Bilingual("at most 7 days after its start", "须在开始后 7 天以内"))
            }
            // Scenario time divides every wait: a speed of 0, below 1 or not finite cannot be kept.
            if !(info.speed.isFinite && info.speed >= 1 && info.speed <= DrillScenario.maxSpeed) {
                return BoundViolation(
                    Bilingual("the drill's speed", "演练倍速"), value: String(info.speed), bound: Bilingual("from 1 to \(Int(DrillScenario.maxSpeed))", "须在 1 到 \(Int(DrillScenario.maxSpeed)) 之间"))
            }
            return .first(
                .text(info.name.en, Bilingual("drill name", "演练名称")), .text(info.operatorName, Bilingual("drill operator", "演练操作名")),
                .names(info.sources, Bilingual("inject sources", "注入来源")))
        case let .fireInject(_, _, commands, line, expect, _):
            for c in commands { if let v = c.boundViolation(now: now) { return v } }
            for m in expect.manual {
                if let v = BoundViolation.first(
                    .name(m.id, Bilingual("manual expectation", "人工预期")), .text(m.text.en, Bilingual("manual expectation", "人工预期")),
                    .text(m.text.zh, Bilingual("manual expectation", "人工预期")), .names(m.objectives, Bilingual("objectives", "目标")))
                {
                    return v
                }
            }
            return .first(.text(line, Bilingual("inject line", "注入指令")), .names(expect.manual.map(\.id), Bilingual("manual expectations", "人工预期")))
        case .skipInject:
            return nil
        case let .end(_, reason, _):
            return .text(reason, .reason)
        }
    }

    func requirement(in state: CommandState) -> Requirement {
        switch self {
        case .schedule: .drillCoordinator(action: Bilingual("start a drill", "启动演练"))
        case .fireInject, .skipInject: .drillCoordinator(action: Bilingual("run a drill's injects", "执行演练注入"))
        case let .end(_, _, aborted): .drillCoordinator(action: aborted ? Bilingual("abort a drill", "中止演练") : Bilingual("end a drill", "结束演练"))
        }
    }
}

extension Decision {
    mutating func decide(_ command: DrillCommand) throws(Rejection) -> [Event] {
        switch command {
        case let .schedule(info):
            if let running = state.drills.values.first(where: { $0.isRunning && $0.info.digest == info.digest }) { throw .drillAlreadyRunning(running.id) }
            var info = info
            info.id = "DRL-\(state.nextDrill)"
            return [.drillScheduled(drill: info)]

        case let .fireInject(drill, inject, commands, line, expect, contingency):
            let run = try runningDrill(drill, inject: inject)
            // The inject acts inside its drill: it can touch only the drill's incidents, and
            // the world it stands for is not bound by the console's authority rules.
            var inner = context
            inner.exercise = run.id
            inner.actor = nil
            var scratch = state
            var events: [Event] = []
            var reported: IncidentID?
            var response: ResponseID?
            var warning: WarningID?
            for c in commands {
                if case .drill = c { throw .notInDrill(Bilingual("run drill commands", "执行演练控制指令")) }
                var d = Decision(state: scratch, context: inner)
                let produced = try d.decide(c)
                for e in produced {
                    scratch.apply(e, at: context.now, by: context.operatorName, exercise: run.id)
                    if reported == nil, case let .incidentReported(r) = e { reported = r.id }
                    if response == nil, case let .responseDeclared(rid, _, _, _, _) = e { response = rid }
                    if warning == nil, case let .warningIssued(w) = e { warning = w.id }
                }
                events += produced
            }
            let about = reported ?? commands.lazy.compactMap(\.incident).first
            return events + [
                .injectFired(drill: drill, inject: inject, incident: about, line: line, expect: expect, contingency: contingency, response: response, warning: warning)
            ]

        case let .skipInject(drill, inject, reason):
            _ = try runningDrill(drill, inject: inject)
            return [.injectSkipped(drill: drill, inject: inject, reason: reason)]

        case let .end(drill, reason, aborted):
            guard let run = state.drills[drill] else { throw .unknownDrill(drill) }
            guard run.isRunning else { throw .drillOver(drill) }
            return standDown(run, reason: try required(reason), aborted: aborted)
        }
    }

    /// The stand-down of a drill, as events: every open incident of the drill closed (its
    /// teams released and made available), teams already back from it made available, its
    /// open pages withdrawn, its warnings lifted. Nothing outside the drill is touched.
    func standDown(_ run: DrillRun, reason: String, aborted: Bool) -> [Event] {
        var events: [Event] = []
        let summary = aborted ? "Exercise \(run.id) aborted · 演练中止: \(reason)" : "Exercise \(run.id) ended · 演练结束: \(reason)"
        let open = state.activeIDs.filter { state.incidents[$0]?.exercise == run.id }.sorted()
        for id in open {
            guard let i = state.incidents[id] else { continue }
            for t in i.teams {
                events.append(.teamReleased(team: t, incident: id))
                events.append(.teamStatusChanged(team: t, from: .returning, to: .available))
            }
            events.append(.incidentClosed(incident: id, summary: summary))
        }
        for t in run.returning.sorted() {
            guard let team = state.teams[t], team.incident == nil, team.status == .returning else { continue }
            events.append(.teamStatusChanged(team: t, from: .returning, to: .available))
        }
        for p in state.pages.values.sorted(by: { $0.id < $1.id }) where p.isOpen && state.incidents[p.incident]?.exercise == run.id {
            events.append(.pageCancelled(page: p.id, incident: p.incident))
        }
        for w in state.warnings.values.sorted(by: { $0.id < $1.id }) where w.exercise == run.id && w.lifted == nil {
            events.append(.warningLifted(warning: w.id, reason: summary))
        }
        for r in state.responses.values.sorted(by: { $0.id < $1.id }) where r.exercise == run.id && r.isActive {
            events.append(.responseEnded(response: r.id, reason: summary))
        }
        return events + [.drillEnded(drill: run.id, reason: reason, aborted: aborted)]
    }

    func runningDrill(_ drill: String, inject: String) throws(Rejection) -> DrillRun {
        guard let run = state.drills[drill] else { throw .unknownDrill(drill) }
        guard run.isRunning else { throw .drillOver(drill) }
        if run.fired[inject] != nil || run.skipped[inject] != nil { throw .injectAlreadyDone(drill: drill, inject: inject) }
        return run
    }
}
