import Foundation

/// Area emergency responses (by hazard, level and districts) and weather warnings.
public enum AreaCommand: Hashable, Sendable {
    /// `for`: the incidents it answers, joined to it at once (a response declared for a
    /// drill's incident is the drill's).
    case declareResponse(hazard: IncidentType, level: ResponseLevel, districts: [String], reason: String, for: [IncidentID] = [])
    case adjustResponse(ResponseID, level: ResponseLevel, districts: [String], reason: String)
    case endResponse(ResponseID, reason: String)
    /// Puts an incident under an area response.
    case joinResponse(IncidentID, ResponseID)
    case issueWarning(hazard: IncidentType, color: WarningColor, districts: [String], authority: String, expires: Date?)
    case liftWarning(WarningID, reason: String)
}

extension AreaCommand: DomainCommand {
    public var incident: IncidentID? {
        switch self {
        case let .joinResponse(i, _): i
        case .declareResponse, .adjustResponse, .endResponse, .issueWarning, .liftWarning: nil
        }
    }

    func boundViolation(now: Date) -> BoundViolation? {
        switch self {
        case let .declareResponse(_, _, districts, reason, incidents):
            if incidents.count > Limits.list { return .list(Bilingual("incidents", "事件"), incidents.count) }
            return .first(.names(districts, Bilingual("districts", "区")), .text(reason, .reason))
        case let .adjustResponse(_, _, districts, reason):
            return .first(.names(districts, Bilingual("districts", "区")), .text(reason, .reason))
        case let .endResponse(_, reason), let .liftWarning(_, reason):
            return .text(reason, .reason)
        case .joinResponse:
            return nil
        case let .issueWarning(_, _, districts, authority, expires):
            if let expires, !Limits.isNear(expires, to: now) { return .time(Bilingual("the expiry", "失效时间"), expires) }
            return .first(.names(districts, Bilingual("districts", "区")), .text(authority, Bilingual("issuing authority", "发布单位")))
        }
    }

    func requirement(in state: CommandState) -> Requirement {
        switch self {
        case let .declareResponse(_, level, _, _, _):
            return .level(level, action: Bilingual("declare an area response at level \(level.roman)", "启动 \(level.roman) 级区域响应"), incident: nil)
        case let .adjustResponse(rid, level, _, _):
            // An unknown response is the decider's to refuse ("there is no response"), not
            // a refusal of authority on the record.
            guard let r = state.responses[rid] else { return .anyRole }
            // Like an incident's level: the higher of the old and the new level governs.
            let governing = max(level, r.highest)
            return .level(governing, action: Bilingual("adjust area response \(rid) (level \(governing.roman))", "调整区域响应 \(rid)（\(governing.roman) 级）"), incident: nil)
        case let .endResponse(rid, _):
            guard let r = state.responses[rid] else { return .anyRole }
            // Ending a response needs the authority of its highest level.
            let highest = r.highest
            return .level(highest, action: Bilingual("end area response \(rid) (level \(highest.roman))", "终止区域响应 \(rid)（\(highest.roman) 级）"), incident: nil)
        case .joinResponse, .issueWarning, .liftWarning:
            return .anyRole
        }
    }
}

extension Decision {
    mutating func decide(_ command: AreaCommand) throws(Rejection) -> [Event] {
        switch command {
        case let .declareResponse(hazard, level, districts, reason, incidents):
            let reason = try required(reason)
            if level == .none { throw .responseNeedsLevel }
            let slugs = try districtSlugs(districts)
            let rid = ResponseID(state.nextResponse)
            var events: [Event] = [.responseDeclared(response: rid, hazard: hazard, level: level, districts: slugs, reason: reason)]
            // The incidents it answers join it; they must all be on one record (real, or one drill's).
            var first: Incident?
            for id in incidents {
                let i = try activeIncident(id)
                if let f = first { try sameRecord(f.id.description, f.exercise, id.description, i.exercise) } else { first = i }
                if !events.contains(.incidentJoinedResponse(incident: id, response: rid)) { events.append(.incidentJoinedResponse(incident: id, response: rid)) }
            }
            // Inside a drill, only the drill's incidents (checked by the look-up); outside, a
            // response for a drill's incidents is the drill's (tagged by `exercise(ofBatch:)`).
            return events

        case let .adjustResponse(rid, level, districts, reason):
            return adjust(try activeResponse(rid), to: level, in: try districtSlugs(districts), reason: try required(reason))

        case let .endResponse(rid, reason):
            _ = try activeResponse(rid)
            return [.responseEnded(response: rid, reason: try required(reason))]

        case let .joinResponse(id, rid):
            let i = try activeIncident(id)
            let r = try activeResponse(rid)
            try sameRecord(id.description, i.exercise, rid.description, r.exercise)
            return [.incidentJoinedResponse(incident: id, response: rid)]

        case let .issueWarning(hazard, color, districts, authority, expires):
            let authority = try required(authority, what: Bilingual("issuing authority", "发布单位"))
            if let expires, expires <= context.now { throw .expiryBeforeNow }
            let slugs = try districtSlugs(districts)
            var w = WarningIssued(
                id: WarningID(state.nextWarning), hazard: hazard, color: color, districts: slugs, authority: authority, issued: context.now, expires: expires)
            let replaced = state.warningsSuperseded(by: w, exercise: context.exercise, at: context.now)
            if !replaced.isEmpty { w.supersedes = replaced }
            return [.warningIssued(warning: w)]

        case let .liftWarning(wid, reason):
            guard let w = state.warnings[wid] else { throw .unknownWarning(wid) }
            if let by = w.supersededBy { throw .warningSuperseded(wid, by: by) }
            guard w.lifted == nil, w.isActive(at: context.now) else { throw .warningAlreadyLifted(wid) }
            return [.warningLifted(warning: wid, reason: try required(reason))]
        }
    }

    /// A response's levels changed in some districts (none: the whole city). Two consequences
    /// are decided here, where the city's districts are known, so the record never holds a
    /// level that is no longer in force: once every district has a level of its own, the
    /// city-wide level covers none and is cleared (an adjustment of `wholeCity` to `none`); and
    /// a response left in force nowhere ends.
    func adjust(_ r: EmergencyResponse, to level: ResponseLevel, in slugs: [String], reason: String) -> [Event] {
        var events: [Event] = [.responseAdjusted(response: r.id, level: level, districts: slugs, reason: reason)]
        var after = r
        if slugs.isEmpty {
            after.levels = [EmergencyResponse.wholeCity: level]
        } else {
            for d in slugs { after.levels[d] = level }
        }
        let city = context.grid?.districts.map(\.slug) ?? []
        let cityLevel = after.levels[EmergencyResponse.wholeCity] ?? .none
        if !city.isEmpty, cityLevel > .none, city.allSatisfy({ after.levels[$0] != nil }) {
            events.append(.responseAdjusted(response: r.id, level: .none, districts: [EmergencyResponse.wholeCity], reason: reason))
            after.levels[EmergencyResponse.wholeCity] = ResponseLevel.none
        }
        if after.highest(over: city) == .none {
            events.append(.responseEnded(response: r.id, reason: reason))
        }
        return events
    }

    func activeResponse(_ rid: ResponseID) throws(Rejection) -> EmergencyResponse {
        guard let r = state.responses[rid] else { throw .unknownResponse(rid) }
        guard r.isActive else { throw .responseAlreadyEnded(rid) }
        return r
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
}
