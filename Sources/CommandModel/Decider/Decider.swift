import Foundation

/// Decides a command against the state: the events it causes, or why it is refused.
///
/// Pure: everything it depends on (time, operator, plans, map) arrives in the context, so
/// the same inputs always give the same answer.
public func decide(_ command: Command, _ state: CommandState, _ context: DecisionContext) throws(Rejection) -> [Event] {
    var d = Decision(state: state, context: context)
    return try d.decide(command)
}

struct Decision {
    let state: CommandState
    let context: DecisionContext

    mutating func decide(_ command: Command) throws(Rejection) -> [Event] {
        // Nothing goes on the record that cannot be read back for years.
        if let violation = command.boundViolation(now: context.now) { throw .outOfBounds(violation) }
        try authorize(command)
        switch command {
        case let .reportIncident(new):
            return [.incidentReported(report: try report(new))]

        case let .acknowledge(id):
            let i = try incident(id)
            if i.status == .reported { return [.incidentAcknowledged(incident: id)] }
            if !i.isActive { throw .incidentOver(id, i.status) }
            throw .alreadyAcknowledged(id)

        case let .verify(id):
            let i = try activeIncident(id)
            if i.verified { throw .alreadyVerified(id) }
            return [.incidentVerified(incident: id)]

        case let .updateFigures(id, update):
            let i = try activeIncident(id)
            for (field, value) in update.values where value < 0 { throw .negativeFigure(field, value) }
            let figures = update.applied(to: i.figures)
            if figures == i.figures { throw .noFigureChange(id) }
            return [.figuresUpdated(incident: id, figures: figures)]

        case let .setLevel(id, level, reason):
            let i = try activeIncident(id)
            let reason = try required(reason)
            if level == i.level { throw .levelUnchanged(id, level) }
            return level > i.level
                ? [.levelRaised(incident: id, from: i.level, to: level, reason: reason)]
                : [.levelLowered(incident: id, from: i.level, to: level, reason: reason)]

        case let .setStatus(id, to):
            let i = try activeIncident(id)
            switch to {
            case .closed, .cancelled, .falseAlarm:
                // These need a summary or reason on record: their own commands.
                guard i.status.allowedNext.contains(to) else { throw .illegalTransition(id, from: i.status, to: to, allowed: i.status.allowedNext) }
                throw .reasonRequired
            case .acknowledged where i.status == .reported:
                return [.incidentAcknowledged(incident: id)]
            default:
                guard i.status.allowedNext.contains(to) else { throw .illegalTransition(id, from: i.status, to: to, allowed: i.status.allowedNext) }
                return [.statusChanged(incident: id, from: i.status, to: to)]
            }

        case let .cancel(id, reason):
            let i = try activeIncident(id)
            guard i.status.allowedNext.contains(.cancelled) else { throw .illegalTransition(id, from: i.status, to: .cancelled, allowed: i.status.allowedNext) }
            return [.incidentCancelled(incident: id, reason: try required(reason))]

        case let .markFalseAlarm(id, reason):
            let i = try activeIncident(id)
            guard i.status.allowedNext.contains(.falseAlarm) else { throw .illegalTransition(id, from: i.status, to: .falseAlarm, allowed: i.status.allowedNext) }
            return [.incidentMarkedFalseAlarm(incident: id, reason: try required(reason))]

        case let .close(id, summary):
            let i = try activeIncident(id)
            guard i.status.allowedNext.contains(.closed) else { throw .illegalTransition(id, from: i.status, to: .closed, allowed: i.status.allowedNext) }
            let summary = try required(summary)
            // Teams still on the incident are released as it closes.
            return i.teams.map { Event.teamReleased(team: $0, incident: id) } + [.incidentClosed(incident: id, summary: summary)]

        case let .reopen(id, reason):
            let i = try incident(id)
            guard i.status.canReopen else { throw .cannotReopen(id, i.status) }
            return [.incidentReopened(incident: id, reason: try required(reason))]

        case let .linkCause(id, cause):
            _ = try activeIncident(id)
            _ = try incident(cause)
            if id == cause { throw .causeIsSelf(id) }
            var walk: IncidentID? = cause
            var seen: Set<IncidentID> = []
            while let w = walk, seen.insert(w).inserted {
                if w == id { throw .causeCycle(id, cause: cause) }
                walk = state.incidents[w]?.causedBy
            }
            return [.causeLinked(incident: id, cause: cause)]

        case let .completeChecklistItem(id, item):
            let i = try activeIncident(id)
            let known = context.plans.requirements(for: i.type, at: max(i.level, .iv)).checklist.map(\.id)
            guard known.contains(item) else { throw .unknownChecklistItem(id, item: item, known: known) }
            if i.checklistDone[item] != nil { throw .checklistItemAlreadyDone(id, item: item) }
            return [.checklistItemDone(incident: id, item: item)]

        case let .addNote(id, text):
            _ = try incident(id)
            return [.noteAdded(incident: id, text: try required(text, what: Bilingual("note", "备注")))]

        case let .fileReport(id, stage):
            let i = try incident(id)
            let known = context.plans.reportingStages(for: i.category)?.stages.map(\.id) ?? []
            guard known.contains(stage) else { throw .unknownReportingStage(id, stage: stage, known: known) }
            if i.reportsFiled[stage] != nil { throw .reportAlreadyFiled(id, stage: stage) }
            return [.reportFiled(incident: id, stage: stage)]

        case let .registerTeam(profile):
            if state.teams[profile.id] != nil { throw .teamAlreadyRegistered(profile.id) }
            return [.teamRegistered(profile: profile)]

        case let .assignTeam(teamID, id):
            let i = try activeIncident(id)
            let t = try team(teamID)
            if i.status == .reported { throw .notAcknowledged(id) }
            if let on = t.incident { throw .teamAlreadyAssigned(teamID, to: on, status: t.status) }
            guard t.status == .available else { throw .teamNotAvailable(teamID, status: t.status) }
            var events: [Event] = [.teamAssigned(team: teamID, incident: id)]
            if i.status == .acknowledged { events.append(.statusChanged(incident: id, from: .acknowledged, to: .responding)) }
            return events

        case let .setTeamStatus(teamID, to):
            let t = try team(teamID)
            guard t.status.allowedNext.contains(to) else { throw .illegalTeamTransition(teamID, from: t.status, to: to, allowed: t.status.allowedNext) }
            var events: [Event] = [.teamStatusChanged(team: teamID, from: t.status, to: to)]
            // The first team on scene puts a responding incident on scene.
            if to == .onScene, let id = t.incident, let i = state.incidents[id], i.status == .responding {
                events.append(.statusChanged(incident: id, from: .responding, to: .onScene))
            }
            return events

        case let .releaseTeam(teamID):
            let t = try team(teamID)
            guard let id = t.incident else { throw .teamNotOnIncident(teamID) }
            return [.teamReleased(team: teamID, incident: id)]

        case let .declareResponse(hazard, level, districts, reason):
            let reason = try required(reason)
            if level == .none { throw .responseNeedsLevel }
            let slugs = try districtSlugs(districts)
            return [.responseDeclared(response: ResponseID(state.nextResponse), hazard: hazard, level: level, districts: slugs, reason: reason)]

        case let .adjustResponse(rid, level, districts, reason):
            guard let r = state.responses[rid] else { throw .unknownResponse(rid) }
            guard r.isActive else { throw .responseAlreadyEnded(rid) }
            let reason = try required(reason)
            return [.responseAdjusted(response: rid, level: level, districts: try districtSlugs(districts), reason: reason)]

        case let .endResponse(rid, reason):
            guard let r = state.responses[rid] else { throw .unknownResponse(rid) }
            guard r.isActive else { throw .responseAlreadyEnded(rid) }
            return [.responseEnded(response: rid, reason: try required(reason))]

        case let .joinResponse(id, rid):
            _ = try activeIncident(id)
            guard let r = state.responses[rid] else { throw .unknownResponse(rid) }
            guard r.isActive else { throw .responseAlreadyEnded(rid) }
            return [.incidentJoinedResponse(incident: id, response: rid)]

        case let .issueWarning(hazard, color, districts, authority, expires):
            let authority = try required(authority, what: Bilingual("issuing authority", "发布单位"))
            if let expires, expires <= context.now { throw .expiryBeforeNow }
            let w = Warning(
                id: WarningID(state.nextWarning), hazard: hazard, color: color, districts: try districtSlugs(districts),
                authority: authority, issued: context.now, expires: expires, lifted: nil, exercise: context.exercise)
            return [.warningIssued(warning: w)]

        case let .sendPage(id, policy, trigger, index, person, role):
            _ = try incident(id)
            let pageID = "\(id)/\(policy)/\(index)/\(person)"
            if state.pages[pageID] != nil { throw .pageAlreadySent(pageID) }
            return [.pageSent(page: Page(id: pageID, incident: id, policy: policy, trigger: trigger, index: index, person: person, role: role, sentAt: context.now))]

        case let .acknowledgePage(pageID):
            guard let page = state.pages[pageID] else { throw .unknownPage(pageID) }
            if page.acknowledgedAt != nil { throw .pageAlreadyAcknowledged(pageID) }
            return [.pageAcknowledged(page: pageID, incident: page.incident)]

        case let .recordNotify(pageID, attempt, error):
            guard let page = state.pages[pageID] else { throw .unknownPage(pageID) }
            if let error { return [.pageNotifyFailed(page: pageID, incident: page.incident, attempt: attempt, error: error)] }
            return [.pageNotified(page: pageID, incident: page.incident, attempt: attempt)]

        case let .scheduleDrill(info):
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
            for c in commands {
                var d = Decision(state: scratch, context: inner)
                let produced = try d.decide(c)
                for e in produced {
                    scratch.apply(e, at: context.now, by: context.operatorName)
                    if reported == nil, case let .incidentReported(r) = e { reported = r.id }
                }
                events += produced
            }
            let about = reported ?? commands.lazy.compactMap(\.incident).first
            return events + [.injectFired(drill: drill, inject: inject, incident: about, line: line, expect: expect, contingency: contingency)]

        case let .skipInject(drill, inject, reason):
            _ = try runningDrill(drill, inject: inject)
            return [.injectSkipped(drill: drill, inject: inject, reason: reason)]

        case let .endDrill(drill, reason, aborted):
            guard let run = state.drills[drill] else { throw .unknownDrill(drill) }
            guard run.isRunning else { throw .drillOver(drill) }
            return standDown(run, reason: try required(reason), aborted: aborted)

        case let .liftWarning(wid, reason):
            guard let w = state.warnings[wid] else { throw .unknownWarning(wid) }
            guard w.lifted == nil, w.isActive(at: context.now) else { throw .warningAlreadyLifted(wid) }
            return [.warningLifted(warning: wid, reason: try required(reason))]
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

    // MARK: Look-ups that reject

    func incident(_ id: IncidentID) throws(Rejection) -> Incident {
        guard let i = state.incidents[id] else { throw .unknownIncident(id) }
        // A drill's own actions never touch a real incident (or another drill's).
        if let ex = context.exercise, i.exercise != ex { throw .exerciseMismatch(id, exercise: i.exercise) }
        return i
    }

    func activeIncident(_ id: IncidentID) throws(Rejection) -> Incident {
        let i = try incident(id)
        guard i.isActive else { throw .incidentOver(id, i.status) }
        return i
    }

    func team(_ id: TeamID) throws(Rejection) -> Team {
        guard let t = state.teams[id] else { throw .unknownTeam(id) }
        return t
    }

    func required(_ text: String, what: Bilingual? = nil) throws(Rejection) -> String {
        // Nothing to trim (the usual case): no trip through Foundation.
        if let first = text.unicodeScalars.first, let last = text.unicodeScalars.last, !first.properties.isWhitespace, !last.properties.isWhitespace { return text }
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if t.isEmpty {
            if let what { throw .emptyText(what.en) }
            throw .reasonRequired
        }
        return t
    }

    func districtSlugs(_ names: [String]) throws(Rejection) -> [String] {
        guard let grid = context.grid else { return names.map { $0.lowercased() } }
        var slugs: [String] = []
        for n in names {
            guard let d = grid.district(named: n) else { throw .unknownDistrict(n) }
            if !slugs.contains(d.slug) { slugs.append(d.slug) }
        }
        return slugs
    }

    func report(_ new: NewIncident) throws(Rejection) -> IncidentReport {
        for field in Figures.Field.allCases where new.figures[field] < 0 { throw .negativeFigure(field, new.figures[field]) }
        if let cause = new.causedBy { _ = try incident(cause) }
        let location: Location
        var district: String?
        switch new.place {
        case let .cell(c):
            if let grid = context.grid {
                guard grid.contains(c) else { throw .outsideMap("cell \(c)") }
                district = grid.district(at: c)?.slug
            }
            location = Location(cell: c)
        case let .point(p):
            guard let grid = context.grid else { throw .noMap }
            guard let c = grid.cell(for: p) else { throw .outsideMap(String(format: "%.4f,%.4f", p.lat, p.lon)) }
            location = Location(cell: c, point: p)
            district = grid.district(at: c)?.slug
        case let .district(name):
            guard let grid = context.grid else { throw .noMap }
            guard let d = grid.district(named: name), let c = grid.centre(of: d) else { throw .unknownDistrict(name) }
            location = Location(cell: c)
            district = d.slug
        }
        let title = new.title?.trimmingCharacters(in: .whitespacesAndNewlines)
        let defaultTitle = new.type.name.en + (district.map { " · \($0)" } ?? "")
        return IncidentReport(
            id: IncidentID(state.nextIncident), type: new.type, title: title?.isEmpty == false ? title ?? defaultTitle : defaultTitle,
            location: location, district: district, reporter: new.reporter ?? context.operatorName, figures: new.figures,
            notes: new.notes, causedBy: new.causedBy, exercise: context.exercise)
    }
}
