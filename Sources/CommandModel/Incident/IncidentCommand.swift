import Foundation

/// What can be asked of an incident, from its report to its close.
public enum IncidentCommand: Hashable, Sendable {
    /// Reports a new incident; its id is the next free one, chosen by the decider.
    case report(NewIncident)
    case acknowledge(IncidentID)
    case verify(IncidentID)
    case updateFigures(IncidentID, FigureUpdate)
    /// Raises or lowers the level; the reason goes on record.
    case setLevel(IncidentID, ResponseLevel, reason: String)
    case setStatus(IncidentID, IncidentStatus)
    case cancel(IncidentID, reason: String)
    case markFalseAlarm(IncidentID, reason: String)
    case close(IncidentID, summary: String)
    case reopen(IncidentID, reason: String)
    case linkCause(IncidentID, cause: IncidentID)
    case completeChecklistItem(IncidentID, item: String)
    case addNote(IncidentID, text: String)
    case fileReport(IncidentID, stage: String)
}

extension IncidentCommand: DomainCommand {
    public var incident: IncidentID? {
        switch self {
        case .report: nil
        case let .acknowledge(i), let .verify(i), let .updateFigures(i, _), let .setLevel(i, _, _), let .setStatus(i, _): i
        case let .cancel(i, _), let .markFalseAlarm(i, _), let .close(i, _), let .reopen(i, _): i
        case let .linkCause(i, _), let .completeChecklistItem(i, _), let .addNote(i, _), let .fileReport(i, _): i
        }
    }

    func boundViolation(now: Date) -> BoundViolation? {
        switch self {
        case let .report(new):
            let place: BoundViolation? =
                switch new.place {
                case let .cell(c): .cell(c)
                // A point off the map is refused (or kept as outside) by the map itself; one that
                // is no place on earth (NaN, 200°) is refused here.
                case let .point(p, _):
                    p.lat.isFinite && p.lon.isFinite && abs(p.lat) <= 90 && abs(p.lon) <= 180
                        ? nil
                        : BoundViolation(
                            Bilingual("the point", "坐标点"), value: "\(p.lat),\(p.lon)",
                            bound: Bilingual("a latitude within ±90 and a longitude within ±180", "纬度在 ±90 以内、经度在 ±180 以内"))
                case let .district(d): .name(d, Bilingual("district", "区"))
                }
            return .first(
                place, new.figures.violation, .text(new.title, Bilingual("title", "标题")), .text(new.notes, Bilingual("notes", "备注")),
                .text(new.reporter, Bilingual("reporter", "报告人")))
        case .acknowledge, .verify, .setStatus, .linkCause:
            return nil
        case let .updateFigures(_, update):
            for field in Figures.Field.allCases { if let v = update.values[field], v > Limits.figure { return .figure(field, v) } }
            return nil
        case let .setLevel(_, _, reason), let .cancel(_, reason), let .markFalseAlarm(_, reason), let .reopen(_, reason):
            return .text(reason, .reason)
        case let .close(_, summary): return .text(summary, Bilingual("summary", "总结"))
        case let .completeChecklistItem(_, item): return .text(item, Bilingual("plan item", "预案事项"))
        case let .addNote(_, text): return .text(text, Bilingual("note", "备注"))
        case let .fileReport(_, stage): return .text(stage, Bilingual("reporting stage", "报送环节"))
        }
    }

    func requirement(in state: CommandState) -> Requirement {
        switch self {
        case .report, .acknowledge, .verify, .updateFigures, .setStatus, .linkCause, .completeChecklistItem, .addNote, .fileReport:
            return .anyRole
        case let .setLevel(id, level, _):
            guard let i = state.incidents[id] else { return .anyRole }
            // Raising needs the authority of the new level; lowering that of the level left.
            let action =
                level > i.level
                ? Bilingual("raise \(id) to level \(level.roman)", "将 \(id) 提升至 \(level.roman) 级") : Bilingual("lower \(id) from level \(i.level.roman)", "将 \(id) 从 \(i.level.roman) 级降低")
            return .level(max(level, i.level), action: action, incident: id)
        case let .close(id, _), let .cancel(id, _), let .markFalseAlarm(id, _):
            guard let i = state.incidents[id] else { return .anyRole }
            return .close(i.level, action: Bilingual("close level \(i.level.roman) incident \(id)", "结案 \(i.level.roman) 级事件 \(id)"), incident: id)
        case let .reopen(id, _):
            // Undoing a close needs the authority the close needed.
            guard let i = state.incidents[id] else { return .anyRole }
            return .close(i.level, action: Bilingual("reopen level \(i.level.roman) incident \(id)", "重新打开 \(i.level.roman) 级事件 \(id)"), incident: id)
        }
    }
}

extension Decision {
    mutating func decide(_ command: IncidentCommand) throws(Rejection) -> [Event] {
        switch command {
        case let .report(new):
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
            case .reported, .acknowledged, .responding, .onScene, .contained, .recovered:
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
            var summary = try required(summary)
            // What the close leaves undone (run-card items, reports not filed) is on the record
            // whichever door the close came through: the console asks first, a script's answer
            // shows it. Said once: a summary that already carries a note keeps it as it is. The
            // note's id lists are cut to the room the summary leaves; only a summary with no
            // room even for the note's labels is refused.
            let open = i.leftOpen(plans: context.plans)
            if !open.isEmpty && !summary.contains(LeftOpen.marker) {
                summary += " " + open.summaryNote(within: Limits.text - summary.count - 1)
                if let violation = BoundViolation.text(summary, Bilingual("summary with what it leaves open", "含未完成项的总结")) { throw .outOfBounds(violation) }
            }
            // Teams still on the incident are released as it closes.
            return i.teams.map { Event.teamReleased(team: $0, incident: id) } + [.incidentClosed(incident: id, summary: summary)]

        case let .reopen(id, reason):
            let i = try incident(id)
            guard i.status.canReopen else { throw .cannotReopen(id, i.status) }
            return [.incidentReopened(incident: id, reason: try required(reason))]

        case let .linkCause(id, cause):
            let effect = try activeIncident(id)
            let origin = try incident(cause)
            try sameRecord(id.description, effect.exercise, cause.description, origin.exercise)
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
            // Only a stage the incident owes, or owed at a level it held, can be filed.
            let known = i.reportableStages(plans: context.plans)
            guard known.contains(stage) else {
                if let levels = context.plans.reportingStages(for: i.category).first(where: { $0.stage.id == stage })?.stage.levels {
                    throw .reportingStageNotOwed(id, stage: stage, level: i.level, owedAt: levels.sorted(by: >), owed: known)
                }
                throw .unknownReportingStage(id, stage: stage, known: known)
            }
            if i.reportsFiled[stage] != nil { throw .reportAlreadyFiled(id, stage: stage) }
            return [.reportFiled(incident: id, stage: stage)]
        }
    }

    func report(_ new: NewIncident) throws(Rejection) -> IncidentReport {
        for field in Figures.Field.allCases where new.figures[field] < 0 { throw .negativeFigure(field, new.figures[field]) }
        if let cause = new.causedBy { _ = try incident(cause) }
        let location: Location
        var district: String?
        var given: GivenPoint?
        var outside: OutsidePlace?
        switch new.place {
        case let .cell(c):
            if let grid = context.grid {
                guard grid.contains(c) else { throw .outsideMap("cell \(c)") }
                district = grid.district(at: c)?.slug
            }
            location = Location(cell: c)
        case let .point(p, datum):
            guard let grid = context.grid else { throw .noMap }
            given = GivenPoint(p, datum: datum)
            (location, district, outside) = try attribute(p, datum: datum, grid: grid)
        case let .district(name):
            guard let grid = context.grid else { throw .noMap }
            guard let d = grid.district(named: name), let c = grid.centre(of: d) else { throw .unknownDistrict(name) }
            location = Location(cell: c)
            district = d.slug
        }
        let title = new.title?.trimmingCharacters(in: .whitespacesAndNewlines)
        let defaultTitle = new.type.name.en + (district.map { " · \($0)" } ?? "") + (outside.map { " · \($0.name.en)" } ?? "")
        return IncidentReport(
            id: IncidentID(state.nextIncident), type: new.type, title: title?.isEmpty == false ? title ?? defaultTitle : defaultTitle,
            location: location, district: district, reporter: new.reporter ?? context.operatorName, figures: new.figures,
            notes: new.notes, causedBy: new.causedBy, given: given, outside: outside)
    }

    /// Where a point is: converted to the map's frame, attributed to a district by the boundary
    /// polygons (so a point near a border lands on its side even where a cell straddles it), or
    /// outside the city, then refused or kept as a neighbour's incident as the centre says.
    /// Without polygons, by the grid cell (the map's frame is GCJ-02, as every shipped map's).
    func attribute(_ p: GeoPoint, datum: Datum, grid: Grid) throws(Rejection) -> (Location, district: String?, outside: OutsidePlace?) {
        guard let places = context.places else {
            let q = datum.convert(p, to: .gcj02)
            guard let c = grid.cell(for: q) else { throw .outsideMap(String(format: "%.4f,%.4f", p.lat, p.lon)) }
            return (Location(cell: c, point: q), grid.district(at: c)?.slug, nil)
        }
        let q = datum.convert(p, to: places.frame)
        let found = places.place(at: q, datum: places.frame)
        if let found, let d = grid.districts.first(where: { $0.code == found.code }), let c = grid.cell(for: q) {
            return (Location(cell: c, point: q), d.slug, nil)
        }
        let outside =
            found.map { OutsidePlace(code: $0.code, name: $0.fullName) }
            ?? OutsidePlace(code: nil, name: Bilingual(String(format: "%.4f,%.4f (beyond the known boundaries)", p.lat, p.lon), String(format: "%.4f,%.4f（不在已知边界内）", p.lat, p.lon)))
        switch context.plans.centre.outside {
        case .refuse:
            throw .outsideCity(outside, city: context.plans.centre.city)
        case .record:
            // Kept where the map can show it: its own cell, or the nearest cell of the map's edge.
            return (Location(cell: grid.cell(for: q) ?? grid.nearestCell(to: q), point: q), nil, outside)
        }
    }
}
