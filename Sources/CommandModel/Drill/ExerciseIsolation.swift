import Foundation

/// Exercise isolation: what of the record belongs to a drill, and how a drill's stand-down
/// gives back the real teams its players borrowed.
///
/// The rule (docs/DECISIONS.md, "Drills never touch the real record"):
/// - a drill's injects act only on the drill's own objects (its incidents, responses and
///   warnings, and the teams its players committed to them); the decider refuses anything else;
/// - a player's action on a drill's object belongs to the drill, whoever took it and whether
///   or not they knew it was a drill (a blind drill looks real);
/// - a real team a player commits to a drill's incident is borrowed: at the stand-down it is
///   given back exactly as it was (status and since), unless real work took it first;
/// - so the real part of the state after a stand-down equals the state folded from the real
///   events alone (`CommandState.real`; the property test in `ExerciseIsolationTests`).
extension CommandState {
    /// The drill an event belongs to: the acting drill's, else that of the object it touches
    /// (a player working a drill's incident, response or warning acts inside the drill). Nil
    /// for real events. Exhaustive: a new event kind must say where it belongs.
    public func exercise(of event: Event, actingIn exercise: String?) -> String? {
        if let exercise { return exercise }
        switch event {
        case .drillScheduled, .injectFired, .injectSkipped, .drillEnded, .drillObserved, .drillObjectiveJudged, .journalSealed, .drillExpectationScored:
            return event.drill
        case let .incidentReported(r):
            // A secondary incident caused by a drill's incident is the drill's too.
            return r.causedBy.flatMap { incidents[$0]?.exercise }
        case let .incidentAcknowledged(i), let .incidentVerified(i), let .figuresUpdated(i, _), let .levelRaised(i, _, _, _), let .levelLowered(i, _, _, _),
            let .statusChanged(i, _, _), let .incidentCancelled(i, _), let .incidentMarkedFalseAlarm(i, _), let .incidentClosed(i, _), let .incidentReopened(i, _),
            let .causeLinked(i, _), let .checklistItemDone(i, _), let .noteAdded(i, _), let .reportFiled(i, _), let .teamAssigned(_, i), let .teamReleased(_, i),
            let .pageAcknowledged(_, i), let .pageNotified(_, i, _), let .pageNotifyFailed(_, i, _, _), let .pageCancelled(_, i):
            return incidents[i]?.exercise
        case let .pageSent(p):
            return incidents[p.incident]?.exercise
        case let .actionRefused(i, _, _):
            return i.flatMap { incidents[$0]?.exercise }
        case let .teamStatusChanged(t, _, _):
            // A team on a drill's incident, borrowed by a drill, or visiting for one.
            if let i = teams[t]?.incident, let ex = incidents[i]?.exercise { return ex }
            return borrower(of: t) ?? visitingFor(t)
        case let .incidentJoinedResponse(i, rid):
            return incidents[i]?.exercise ?? responses[rid]?.exercise
        case let .responseAdjusted(rid, _, _, _), let .responseEnded(rid, _):
            return responses[rid]?.exercise
        case let .warningLifted(wid, _):
            return warnings[wid]?.exercise
        case .responseDeclared, .warningIssued:
            // A new response or warning belongs to a drill only through the command that made
            // it (an inject, or a response declared for a drill's incident): see `exercise(ofBatch:)`.
            return nil
        case let .shelterOpened(_, _, i), let .shelterClosed(_, _, i), let .shelterLeft(_, _, i):
            // Opened for a drill's incident: for the drill alone.
            return i.flatMap { incidents[$0]?.exercise }
        case .teamRegistered, .teamUpdated, .teamRetired, .rosterAdopted, .facilityRegistered, .facilityUpdated, .facilityRetired:
            // The centre's roster and reference data are always real; so is a shelter's opening,
            // and people leaving it (a drill's own leave inside the drill, by its injects).
            return nil
        case let .sheltered(_, _, i):
            // People who fled a drill's incident are the drill's.
            return i.flatMap { incidents[$0]?.exercise }
        case .stockReceived, .stockIssued, .stockMinimumSet:
            return nil  // the shelves are real
        case let .supplyRequested(r):
            return r.incident.flatMap { incidents[$0]?.exercise }
        case let .supplyApproved(id), let .supplyCommitted(id, _, _), let .supplyDispatched(id, _), let .supplyDelivered(id, _):
            return supplyRequests[id]?.exercise
        case let .aidRequested(r):
            return incidents[r.incident]?.exercise
        case let .aidOffered(id, _), let .aidAccepted(id, _), let .aidReleased(id, _), let .aidArrived(id):
            return aidRequests[id]?.exercise
        case .aidMessageReceived, .aidMessageDelivered, .centreUnreachable, .centreReachable, .boardShared, .boardUnshared:
            return nil  // between centres: always real (a drill stays inside its centre)
        case let .sitrepDrafted(v):
            return incidents[v.incident]?.exercise
        case let .sitrepApproved(i, _, _), let .sitrepFiled(i, _, _, _):
            return incidents[i]?.exercise
        case .handoverAccepted:
            return nil  // the centre's own shift: always real
        case .correctiveActionRaised, .correctiveActionUpdated:
            return nil  // the improvement plan outlives the drill: real work
        case let .feedReceived(r):
            return incidents[r.incident]?.exercise
        case .feedAdvanced, .capAlertReceived:
            return nil  // feeds and CAP alerts are real
        }
    }

    /// The drill one command's events belong to, as a whole: a command never mixes real and
    /// exercise objects (the decider refuses that), so if any of its events touches a drill's
    /// object, all of them are the drill's (a response declared for a drill's incident).
    public func exercise(ofBatch events: [Event], actingIn exercise: String?) -> String? {
        if let exercise { return exercise }
        for e in events {
            if let ex = self.exercise(of: e, actingIn: nil) { return ex }
        }
        return nil
    }

    /// The drill a visiting team came for (an accepted offer of help for a drill's incident).
    public func visitingFor(_ team: TeamID) -> String? {
        for a in aidRequests.values where a.exercise != nil && a.released == nil && a.acceptedTeams.contains(where: { $0.id == team }) { return a.exercise }
        return nil
    }

    /// The running drill that borrowed a real team, if any.
    public func borrower(of team: TeamID) -> String? {
        for (id, run) in drills where run.isRunning && run.borrowed[team] != nil { return id }
        return nil
    }

    /// Keeps the drills' borrowed teams (called from `apply` before the event is folded): a
    /// team a drill's event moves is borrowed, with how it was; real work on it (a real
    /// dispatch, its retirement) ends the loan; the stand-down gives the rest back.
    mutating func trackBorrowedTeams(_ event: Event, exercise: String?) {
        let team: TeamID
        let moves: Bool  // the event moves the team (its status or its incident)
        switch event {
        case let .teamAssigned(t, _), let .teamStatusChanged(t, _, _), let .teamReleased(t, _):
            team = t
            moves = true
        case let .teamRetired(t, _):
            team = t
            moves = false
        case .teamRegistered, .teamUpdated, .incidentReported, .incidentAcknowledged, .incidentVerified, .figuresUpdated, .levelRaised, .levelLowered, .statusChanged,
            .incidentCancelled, .incidentMarkedFalseAlarm, .incidentClosed, .incidentReopened, .causeLinked, .checklistItemDone, .noteAdded, .reportFiled,
            .responseDeclared, .responseAdjusted, .responseEnded, .incidentJoinedResponse, .warningIssued, .warningLifted, .actionRefused, .pageSent,
            .pageAcknowledged, .pageNotified, .pageNotifyFailed, .pageCancelled, .drillScheduled, .injectFired, .injectSkipped, .drillEnded, .rosterAdopted, .facilityRegistered, .facilityUpdated,
            .facilityRetired, .shelterOpened, .shelterClosed, .sheltered, .shelterLeft, .stockReceived, .stockIssued, .stockMinimumSet, .supplyRequested, .supplyApproved,
            .supplyCommitted, .supplyDispatched, .supplyDelivered, .aidRequested, .aidOffered, .aidAccepted, .aidReleased, .sitrepDrafted, .sitrepApproved, .sitrepFiled, .handoverAccepted,
            .drillObserved, .drillObjectiveJudged, .correctiveActionRaised, .correctiveActionUpdated, .feedReceived, .feedAdvanced, .journalSealed, .drillExpectationScored, .capAlertReceived,
            .aidArrived, .aidMessageReceived, .aidMessageDelivered, .centreUnreachable, .centreReachable, .boardShared, .boardUnshared:
            return
        }
        if let exercise {
            guard moves, let t = teams[team], drills[exercise]?.isRunning == true, borrower(of: team) == nil else { return }
            drills[exercise]?.borrowed[team] = BorrowedTeam(status: t.status, incident: t.incident, since: t.since)
        } else {
            for k in drills.keys where drills[k]?.borrowed[team] != nil { drills[k]?.borrowed[team] = nil }
        }
    }

    /// Gives a drill's borrowed teams back as they were (at its `drillEnded`).
    mutating func returnBorrowedTeams(of drill: String) {
        guard let borrowed = drills[drill]?.borrowed else { return }
        for (id, b) in borrowed {
            guard let i = teams.index(forKey: id) else { continue }
            // Off the drill's incident's list, if still on one.
            if let on = teams.values[i].incident, on != b.incident { incidents.update(on) { $0.teams.removeAll { $0 == id } } }
            teams.values[i].status = b.status
            teams.values[i].incident = b.incident
            teams.values[i].since = b.since
        }
        drills[drill]?.borrowed = [:]
    }

    /// The real part of the state: every object no drill owns, with no trace of drills (their
    /// runs, their ids, the counters they advanced). Two records that differ only by a drill
    /// that has stood down have equal real parts.
    public var real: CommandState {
        var s = CommandState()
        s.incidents = incidents.filter { $0.value.exercise == nil }
        s.teams = teams
        // A team still lent to a running drill is shown as it was before the loan.
        for run in drills.values where run.isRunning {
            for (id, b) in run.borrowed {
                guard let i = s.teams.index(forKey: id) else { continue }
                s.teams.values[i].status = b.status
                s.teams.values[i].incident = b.incident
                s.teams.values[i].since = b.since
            }
        }
        s.responses = responses.filter { $0.value.exercise == nil }
        s.warnings = warnings.filter { $0.value.exercise == nil }
        s.pages = pages.filter { incidents[$0.value.incident]?.exercise == nil }
        s.activeIDs = activeIDs.filter { incidents[$0]?.exercise == nil }
        s.roster = roster
        s.facilities = facilities
        s.stock = stock.mapValues { lines in
            lines.mapValues { line in
                var l = line
                l.exercise = [:]
                return l
            }
        }
        s.supplyRequests = supplyRequests.filter { $0.value.exercise == nil }
        s.aidRequests = aidRequests.filter { $0.value.exercise == nil }
        s.centres = centres  // between centres: always real
        // A drill's visiting teams were never on the real board.
        for a in aidRequests.values where a.exercise != nil && a.released == nil {
            for t in a.acceptedTeams { s.teams[t.id] = nil }
        }
        s.shelters = shelters.filter(\.value.openedForReal).mapValues { use in
            var u = use
            u.exercise = [:]
            u.exerciseOpen = []
            u.fromIncidents = use.fromIncidents.filter { incidents[$0.key]?.exercise == nil }
            return u
        }
        return s
    }
}

/// A real team as it was when a drill borrowed it.
public struct BorrowedTeam: Hashable, Sendable, Codable {
    public var status: TeamStatus
    public var incident: IncidentID?
    public var since: Date
}

extension Decision {
    /// Inside a drill (an inject, a drill command), what the command may touch: only the
    /// drill's own objects, and never the roster. Checked by `decide` before the command's own
    /// rules, so every front door shares it. Exhaustive: a new command must say.
    func confine(_ command: Command, to exercise: String) throws(Rejection) {
        switch command {
        case .incident:
            return  // every incident look-up is confined (`Decision.incident`)
        case .drill:
            return  // the coordinator's own commands; an inject cannot hold one (`fireInject`)
        case .roster:
            throw .notInDrill(Bilingual("adopt a roster", "采用值班表"))
        case .feed:
            throw .notInDrill(Bilingual("take in a feed", "接入数据源"))
        case .cap:
            throw .notInDrill(Bilingual("take in a CAP alert", "接入 CAP 警报"))
        case .centre:
            throw .notInDrill(Bilingual("exchange messages with other centres", "与其他中心交换消息"))
        case .facility:
            throw .notInDrill(Bilingual("change the centre's facilities", "修改中心设施"))
        case let .shelter(c):
            switch c {
            case .open, .close, .checkIn, .checkOut: return  // for the drill alone (`ShelterUse.exerciseOpen`, `.exercise`)
            }
        case let .supply(c):
            switch c {
            case .receive, .issue, .setMinimum: throw .notInDrill(Bilingual("change a depot's stock", "变更储备库库存"))
            case .request, .approve, .commit, .dispatch, .deliver: return  // the drill's own requests; its promises held apart
            }
        case .handover:
            throw .notInDrill(Bilingual("accept a shift handover", "接班"))
        case .evaluator:
            throw .notInDrill(Bilingual("record an evaluator's judgement", "记录评估意见"))
        case .improvement:
            throw .notInDrill(Bilingual("change the improvement plan", "修改改进计划"))
        case .report:
            return  // a drill's incident's reports (the incident look-up is confined)
        case .aid:
            return  // the drill's own incidents and requests (their look-ups are confined); its visitors leave with it
        case let .team(c):
            switch c {
            case .register, .add: throw .notInDrill(Bilingual("register a team", "登记队伍"))
            case .update, .change: throw .notInDrill(Bilingual("change a team's record", "修改队伍信息"))
            case .retire: throw .notInDrill(Bilingual("retire a team", "注销队伍"))
            case .assign: throw .notInDrill(Bilingual("dispatch a team", "调派队伍"))
            case let .setStatus(t, _), let .release(t):
                // Only a team the players committed to this drill.
                guard let team = state.teams[t] else { return }  // the decider says "no such team"
                let onDrill = team.incident.flatMap { state.incidents[$0]?.exercise } == exercise
                if !onDrill, state.drills[exercise]?.borrowed[t] == nil { throw .notTheDrills(t.description, exercise: nil) }
            }
        case let .area(c):
            switch c {
            case .declareResponse, .issueWarning:
                return  // made inside the drill, so the drill's
            case let .adjustResponse(rid, _, _, _), let .endResponse(rid, _):
                if let r = state.responses[rid], r.exercise != exercise { throw .notTheDrills(rid.description, exercise: r.exercise) }
            case let .joinResponse(_, rid):
                if let r = state.responses[rid], r.exercise != exercise { throw .notTheDrills(rid.description, exercise: r.exercise) }
            case let .liftWarning(wid, _):
                if let w = state.warnings[wid], w.exercise != exercise { throw .notTheDrills(wid.description, exercise: w.exercise) }
            }
        case let .paging(c):
            switch c {
            case .send:
                return  // about an incident: confined by its look-up
            case let .acknowledge(p), let .recordNotify(p, _, _):
                if let page = state.pages[p], let i = state.incidents[page.incident], i.exercise != exercise { throw .notTheDrills(p, exercise: i.exercise) }
            }
        }
    }

    /// Anyone's command that would tie two records together (an incident to a response, a
    /// cause to its effect) must keep them on one record: real with real, a drill's with the
    /// same drill's.
    func sameRecord(_ a: String, _ aExercise: String?, _ b: String, _ bExercise: String?) throws(Rejection) {
        if aExercise != bExercise { throw .mixesRecords(a, b) }
    }
}

extension CommandState {
    /// A drill's visiting teams go home at its stand-down.
    mutating func releaseAid(of drill: String, at: Date) {
        for (id, a) in aidRequests where a.exercise == drill && a.released == nil {
            aidRequests[id]?.released = at
            for t in a.acceptedTeams {
                // Off any incident it still served (the drill's own, closed by the stand-down).
                if let on = teams[t.id]?.incident { incidents.update(on) { $0.teams.removeAll { $0 == t.id } } }
                teams[t.id] = nil
            }
        }
    }
}
