import Foundation

extension DrillScenario {
    /// When the drill stands down by itself: the scenario's `end`, else an hour after the last
    /// inject is due.
    public func endsAt(start: Date, seed: UInt64) -> Date {
        if let m = endMinutes { return start.addingTimeInterval(wallSeconds(m)) }
        let last = timeline(start: start, seed: seed).map(\.at).max() ?? start
        return last.addingTimeInterval(3600)
    }

    /// When an inject is due in a running drill, from the record: its offset from the start, or
    /// the moment the inject it follows actually fired (nil until then).
    public func dueTime(of inject: Inject, in run: DrillRun) -> Date? {
        let base: Date?
        switch inject.timing {
        case let .offset(m): base = run.info.startsAt.addingTimeInterval(wallSeconds(m))
        case let .after(other, m): base = run.fired[other].map { $0.at.addingTimeInterval(wallSeconds(m)) }
        }
        return base?.addingTimeInterval(wallSeconds(jitter(of: inject, seed: run.info.seed)))
    }

    /// The injects still to come, with when they are due (nil: after an inject that has not
    /// fired yet).
    public func upcoming(in run: DrillRun) -> [(inject: Inject, due: Date?)] {
        injects.filter { run.fired[$0.id] == nil && run.skipped[$0.id] == nil }.map { ($0, dueTime(of: $0, in: run)) }
    }

    /// The one thing a drill's runner must do at `now`, if any: fire an inject, skip one that
    /// will not fire, or stand the drill down at the scenario's end. Pure, and decided from the
    /// record alone, so a restarted runner carries on exactly where the last one stopped.
    ///
    /// `missed(inject, at)` says whether a fired inject's expectations were missed by `at`
    /// (what a contingency waits for).
    public func nextStep(run: DrillRun, now: Date, missed: (FiredInject, Date) -> Bool) -> Command? {
        guard run.isRunning else { return nil }
        // Past the end (a runner that was down through it): stand down, fire nothing more.
        if now >= run.info.endsAt { return .drill(.end(drill: run.id, reason: Self.scenarioOver, aborted: false)) }
        func skip(_ id: String, _ reason: SkipReason) -> Command { .drill(.skipInject(drill: run.id, inject: id, reason: reason)) }
        let objects = run.fired.compactMapValues(\.object)
        for inject in injects where run.fired[inject.id] == nil && run.skipped[inject.id] == nil {
            // What it waits for will never come.
            if case let .after(other, _) = inject.timing, run.skipped[other] != nil { return skip(inject.id, .didNotFire(other)) }
            if let other = inject.ifMissed, run.skipped[other] != nil { return skip(inject.id, .didNotFire(other)) }
            for key in Self.placeholders(in: inject.line) where run.skipped[key] != nil { return skip(inject.id, .didNotFire(key)) }
            guard let due = dueTime(of: inject, in: run), due <= now, due <= run.info.endsAt else { continue }
            var contingency = false
            if let other = inject.ifMissed {
                guard let fired = run.fired[other] else { continue }
                if !missed(fired, due) { return skip(inject.id, .notNeeded(watching: other)) }
                contingency = true
            }
            guard let line = Self.resolve(inject.line, objects: objects) else { return skip(inject.id, .neverReported) }
            let commands: [Command]
            do throws(GrammarError) { commands = try Grammar.parse(line, now: now) } catch { return skip(inject.id, .unparsable(Bilingual(error.text(.en), error.text(.zh)))) }
            return .drill(.fireInject(drill: run.id, inject: inject.id, commands: commands, line: line, expect: inject.expect, contingency: contingency))
        }
        return nil
    }

    /// The reason on record when a drill ends by its scenario (in both languages: it is read
    /// in reports of either).
    public static let scenarioOver = "the scenario is over · 演练脚本结束"

    /// Ids of incidents, responses and warnings written out in a line (outside `{…}`).
    static func literalIDs(in line: String) -> [String] {
        var out: [String] = []
        var depth = 0
        var word = ""
        func flush() {
            defer { word = "" }
            guard depth == 0, !word.isEmpty else { return }
            if word.uppercased().hasPrefix("INC-"), let i = IncidentID(parsing: word) {
                out.append(i.description)
            } else if let r = ResponseID(parsing: word) {
                out.append(r.description)
            } else if let w = WarningID(parsing: word) {
                out.append(w.description)
            }
        }
        for ch in line {
            switch ch {
            case "{":
                flush()
                depth += 1
            case "}":
                word = ""
                depth = max(0, depth - 1)
            case " ", ",", "\t", "、", "，":
                flush()
            default:
                word.append(ch)
            }
        }
        flush()
        return out
    }

    /// The inject ids named by `{…}` placeholders in a line.
    static func placeholders(in line: String) -> [String] {
        var out: [String] = []
        var scan = Substring(line)
        while let open = scan.firstIndex(of: "{"), let close = scan[open...].firstIndex(of: "}") {
            out.append(String(scan[scan.index(after: open)..<close]))
            scan = scan[scan.index(after: close)...]
        }
        return out
    }
}

extension DrillScenario {
    /// Plays every inject (contingencies included) against an empty picture with the centre's
    /// plans and map, as if no player acted: places off the map, unknown districts, plan items
    /// no run card has, and actions that would be refused are found before the drill, not
    /// during it. Returns the problems and the warnings (refusals that players' actions could
    /// avoid, e.g. closing an incident nobody acknowledged).
    /// `from`: the real picture the drill will run against (the store's teams, facilities and
    /// open incidents), empty when there is no store.
    public func dryRun(plans: PlanBook, grid: Grid?, places: Places? = nil, file: String, from base: CommandState = CommandState()) -> (problems: [FileIssue], warnings: [FileIssue]) {
        var problems: [FileIssue] = []
        var warnings: [FileIssue] = []
        let now = Date(timeIntervalSince1970: 0)
        var state = base
        var reported: [String: IncidentID] = [:]
        var objects: [String: String] = [:]
        let context = DecisionContext(now: now, operatorName: operatorName, exercise: "DRL-0", plans: plans, grid: grid, places: places)
        for inject in injects {
            let field = "injects.\(inject.id)"
            // A drill acts only on its own objects: a real id in an inject will be refused.
            for id in Self.literalIDs(in: inject.line) {
                warnings.append(
                    FileIssue(
                        file: file, line: inject.sourceLine, column: 1, field: field + ".do",
                        message: Bilingual(
                            "names \(id) directly: a drill acts only on its own objects, so this inject will be refused; name the drill's object by {inject}",
                            "直接引用了 \(id)：演练只能操作自身的对象，该注入将被拒绝；请用 {注入名} 指代演练对象")))
            }
            guard let line = Self.resolve(inject.line, objects: objects), let commands = try? Grammar.parse(line, now: now) else { continue }
            var scratch = state
            var refused: Rejection?
            for command in commands {
                do {
                    for e in try decide(command, scratch, context) {
                        scratch.apply(e, at: now, by: operatorName, exercise: context.exercise)
                        if case let .incidentReported(r) = e { reported[inject.id] = r.id }
                    }
                } catch {
                    refused = error
                    break
                }
            }
            if let refused {
                let issue = FileIssue(
                    file: file, line: inject.sourceLine, column: 1, field: field + ".do",
                    message: Bilingual("the action would be refused: \(refused.message.en)", "该动作将被拒绝：\(refused.message.zh)"))
                switch refused {
                case .unknownDistrict, .outsideMap, .outsideCity, .noMap, .unknownChecklistItem, .unknownReportingStage, .negativeFigure, .notAPositiveCount, .unknownIncident:
                    problems.append(issue)
                default:
                    warnings.append(issue)
                }
            } else {
                state = scratch
                var made = FiredInject(inject: inject.id, at: now, incident: reported[inject.id], line: line, expect: inject.expect, contingency: false)
                for c in commands {
                    if case .area(.declareResponse) = c, made.response == nil { made.response = ResponseID(state.nextResponse - 1) }
                    if case .area(.issueWarning) = c, made.warning == nil { made.warning = WarningID(state.nextWarning - 1) }
                }
                if let o = made.object { objects[inject.id] = o }
            }
            // The plan items expected must exist on the incident's run cards.
            let about = reported[inject.id] ?? commands.lazy.compactMap(\.incident).first
            guard !inject.expect.planItems.isEmpty, let id = about, let incident = state.incidents[id] else { continue }
            let known = Set(ResponseLevel.allCases.flatMap { plans.requirements(for: incident.type, at: $0).checklist.map(\.id) })
            for item in inject.expect.planItems where !known.contains(item) {
                problems.append(
                    FileIssue(
                        file: file, line: inject.sourceLine, column: 1, field: field + ".expect.plan-items",
                        message: Bilingual(
                            "no run card for \(incident.type.name.en) has the item '\(item)'; items: \(known.sorted().joined(separator: ", "))",
                            "\(incident.type.name.zh)的预案中没有事项“\(item)”；可选：\(known.sorted().joined(separator: "、"))")))
            }
        }
        return (problems, warnings)
    }
}
