import Foundation

/// The whole operational picture: the fold of every event in the log.
///
/// Guarantees (checked by property tests): a team serves at most one incident, and an
/// incident's `teams` are exactly the teams whose `incident` names it.
public struct CommandState: Sendable, Equatable {
    public internal(set) var incidents = IncidentTable()
    public internal(set) var teams: [TeamID: Team] = [:]
    public internal(set) var responses: [ResponseID: EmergencyResponse] = [:]
    public internal(set) var warnings: [WarningID: Warning] = [:]
    /// Every page sent, by id.
    public internal(set) var pages: [String: Page] = [:]
    /// Every drill ever scheduled, by id ("DRL-1").
    public internal(set) var drills: [String: DrillRun] = [:]
    public internal(set) var nextDrill = 1
    /// The incidents still open: kept by `apply`, so views never scan a year of closed ones.
    public internal(set) var activeIDs: Set<IncidentID> = []
    /// Sequence number of the last event folded in (0 for none).
    public internal(set) var sequence: Int64 = 0
    /// The last drill journal entry folded in (0 for none).
    public internal(set) var journalSequence: Int64 = 0
    /// The next free incident number; ids are never reused.
    public internal(set) var nextIncident = 1
    public internal(set) var nextResponse = 1
    public internal(set) var nextWarning = 1
    /// The roster the store is pinned to, once a commander adopted one.
    public internal(set) var roster: AdoptedRoster?
    /// The centre's shelters, depots and hazard sources, by id.
    public internal(set) var facilities: [FacilityID: Facility] = [:]
    /// Shelters at work: open or closed, and who is inside.
    public internal(set) var shelters: [FacilityID: ShelterUse] = [:]
    /// Depots' stock, by depot and item.
    public internal(set) var stock: [FacilityID: [String: StockLine]] = [:]
    /// Supply requests, by id (`REQ-3`).
    public internal(set) var supplyRequests: [String: SupplyRequest] = [:]
    public internal(set) var nextSupplyRequest = 1
    /// Mutual-aid requests, by id (`AID-2`).
    public internal(set) var aidRequests: [String: AidRequest] = [:]
    public internal(set) var nextAidRequest = 1
    /// Situation reports, by incident: every version, its approval and filing (texts in the log).
    public internal(set) var sitreps: [IncidentID: SitrepHistory] = [:]
    /// The last shift handover accepted.
    public internal(set) var lastHandover: HandoverRecord?
    /// Evaluators' observations and judgements, by drill.
    public internal(set) var evaluators: [String: DrillEvaluatorRecord] = [:]
    /// The improvement plan's corrective actions, by id (`CA-3`).
    public internal(set) var correctiveActions: [String: CorrectiveActionState] = [:]
    /// What feeds reported (by source and external id) and how far each was read.
    public internal(set) var feeds = FeedIndex()
    /// The CAP 1.2 alerts applied, by sender and identifier.
    public internal(set) var cap = CAPIndex()
    /// Links with other centres: messages waiting and held, requests made of us, shared boards.
    public internal(set) var centres = CentreLinks()

    public init() {}

    /// A state restored from a snapshot; the caller vouches that it is a fold of the log up to
    /// `sequence`.
    public init(
        restoring incidents: [IncidentID: Incident], teams: [TeamID: Team], responses: [ResponseID: EmergencyResponse], warnings: [WarningID: Warning], pages: [String: Page] = [:],
        drills: [String: DrillRun] = [:], roster: AdoptedRoster? = nil, facilities: [FacilityID: Facility] = [:], shelters: [FacilityID: ShelterUse] = [:],
        stock: [FacilityID: [String: StockLine]] = [:], supplyRequests: [String: SupplyRequest] = [:], aidRequests: [String: AidRequest] = [:], feeds: FeedIndex = FeedIndex(),
        cap: CAPIndex = CAPIndex(),
        sequence: Int64, journalSequence: Int64 = 0, nextIncident: Int, nextResponse: Int, nextWarning: Int, archive: IncidentArchive? = nil, shadowed: Set<IncidentID> = [],
        records: IncidentRecords? = nil, activeIDs: Set<IncidentID>? = nil
    ) {
        self.roster = roster
        self.feeds = feeds
        self.cap = cap
        self.facilities = facilities
        self.shelters = shelters
        self.stock = stock
        self.aidRequests = aidRequests
        self.nextAidRequest = (aidRequests.keys.compactMap { Int($0.dropFirst(4)) }.max()).map { $0 == .max ? $0 : $0 + 1 } ?? 1
        self.supplyRequests = supplyRequests
        self.nextSupplyRequest = (supplyRequests.keys.compactMap { Int($0.dropFirst(4)) }.max()).map { $0 == .max ? $0 : $0 + 1 } ?? 1
        self.journalSequence = journalSequence
        self.drills = drills
        self.nextDrill = (drills.keys.compactMap { Int($0.dropFirst(4)) }.max()).map { $0 == .max ? $0 : $0 + 1 } ?? 1
        self.incidents = IncidentTable(incidents, records: records, archive: archive, shadowed: shadowed)
        self.pages = pages
        self.teams = teams
        self.responses = responses
        self.warnings = warnings
        self.sequence = sequence
        self.nextIncident = nextIncident
        self.nextResponse = nextResponse
        self.nextWarning = nextWarning
        // Archived ones are closed. (`activeIDs`: the caller noted them already; it must, for
        // `records`.)
        precondition(records == nil || activeIDs != nil, "records come with their open ids")
        self.activeIDs = activeIDs ?? Set(incidents.lazy.filter(\.value.isActive).map(\.key))
    }

    /// Decodes the incidents a snapshot saved and keeps them in memory (see
    /// ``IncidentTable/settleRecords()``).
    public mutating func settleIncidents() { incidents.settleRecords() }

    /// The open incidents (in no particular order).
    public var activeIncidents: [Incident] { activeIDs.compactMap { incidents[$0] } }

    /// Folds a recorded event in.
    public mutating func apply(_ recorded: RecordedEvent) {
        apply(recorded.event, at: recorded.at, by: recorded.by, exercise: recorded.exercise)
        if let j = recorded.journal { journalSequence = j } else { sequence = recorded.sequence }
        noteCentreLink(recorded)
    }

    /// Folds one event in, recorded at `at` by `by` in the drill `exercise` (nil: real). An event
    /// that does not fit the state is a broken invariant: the log only ever holds events the
    /// decider produced from the state before them.
    public mutating func apply(_ event: Event, at: Date, by: String, exercise: String?) {
        trackDrillTeams(event)
        trackBorrowedTeams(event, exercise: exercise)
        switch event {
        case let .incidentReported(r):
            incidents[r.id] = Incident(
                id: r.id, type: r.type, title: r.title, location: r.location, district: r.district, reporter: r.reporter,
                figures: r.figures, status: .reported, level: .none, levels: [], statuses: [StatusStep(to: .reported, at: at, by: by)],
                teams: [], causedBy: r.causedBy, exercise: exercise, verified: false, notes: r.notes.map { [$0] } ?? [],
                checklistDone: [:], reportsFiled: [:], response: nil, summary: nil)
            incidents[r.id]?.outside = r.outside
            // A sped-up drill's incident keeps its drill's time.
            if let exercise, let speed = drills[exercise]?.info.speed, speed != 1 { incidents[r.id]?.pace = speed }
            nextIncident = max(nextIncident, successor(r.id.number))
            activeIDs.insert(r.id)
        case let .incidentAcknowledged(id):
            update(id) {
                $0.status = .acknowledged; $0.statuses.append(StatusStep(to: .acknowledged, at: at, by: by))
            }
        case let .incidentVerified(id):
            update(id) { $0.verified = true }
        case let .figuresUpdated(id, figures):
            update(id) { $0.figures = figures }
        case let .levelRaised(id, from, to, reason), let .levelLowered(id, from, to, reason):
            update(id) {
                $0.level = to; $0.levels.append(LevelStep(from: from, to: to, reason: reason, at: at, by: by))
            }
        case let .statusChanged(id, _, to):
            update(id) {
                $0.status = to; $0.statuses.append(StatusStep(to: to, at: at, by: by))
            }
        case let .incidentCancelled(id, reason):
            activeIDs.remove(id)
            update(id) {
                $0.status = .cancelled; $0.summary = reason; $0.statuses.append(StatusStep(to: .cancelled, at: at, by: by))
            }
        case let .incidentMarkedFalseAlarm(id, reason):
            activeIDs.remove(id)
            update(id) {
                $0.status = .falseAlarm; $0.summary = reason; $0.statuses.append(StatusStep(to: .falseAlarm, at: at, by: by))
            }
        case let .incidentClosed(id, summary):
            activeIDs.remove(id)
            update(id) {
                $0.status = .closed; $0.summary = summary; $0.statuses.append(StatusStep(to: .closed, at: at, by: by))
            }
        case let .incidentReopened(id, reason):
            activeIDs.insert(id)
            update(id) {
                $0.status = .acknowledged; $0.notes.append(reason); $0.statuses.append(StatusStep(to: .acknowledged, at: at, by: by))
            }
        case let .causeLinked(id, cause):
            update(id) { $0.causedBy = cause }
        case let .checklistItemDone(id, item):
            update(id) { $0.checklistDone[item] = at }
        case let .noteAdded(id, text):
            update(id) { $0.notes.append(text) }
        case let .reportFiled(id, stage):
            update(id) { $0.reportsFiled[stage] = at }
        case let .teamRegistered(profile):
            teams[profile.id] = Team(profile: profile, status: .available, incident: nil, since: at)
        case let .teamAssigned(team, id):
            updateTeam(team) {
                $0.status = .dispatched; $0.incident = id; $0.since = at
            }
            update(id) { $0.teams.append(team) }
        case let .teamStatusChanged(team, _, to):
            if !to.isCommitted, let id = teams[team]?.incident {
                update(id) { $0.teams.removeAll { $0 == team } }
            }
            updateTeam(team) { t in
                if !to.isCommitted { t.incident = nil }
                t.status = to
                t.since = at
            }
        case let .teamReleased(team, id):
            updateTeam(team) {
                $0.status = .returning; $0.incident = nil; $0.since = at
            }
            update(id) { $0.teams.removeAll { $0 == team } }
        case let .responseDeclared(rid, hazard, level, districts, reason):
            var levels: [String: ResponseLevel] = [:]
            for d in districts.isEmpty ? [EmergencyResponse.wholeCity] : districts { levels[d] = level }
            responses[rid] = EmergencyResponse(
                id: rid, hazard: hazard, levels: levels,
                history: [ResponseStep(level: level, districts: districts, reason: reason, at: at, by: by)], ended: nil, exercise: exercise)
            nextResponse = max(nextResponse, successor(rid.number))
        case let .responseAdjusted(rid, level, districts, reason):
            guard var r = responses[rid] else { preconditionFailure("adjusting unknown response \(rid)") }
            if districts.isEmpty {
                r.levels = [EmergencyResponse.wholeCity: level]
            } else {
                for d in districts { r.levels[d] = level }
            }
            r.history.append(ResponseStep(level: level, districts: districts, reason: reason, at: at, by: by))
            responses[rid] = r
        case let .responseEnded(rid, reason):
            guard var r = responses[rid] else { preconditionFailure("ending unknown response \(rid)") }
            r.ended = at
            r.history.append(ResponseStep(level: .none, districts: [], reason: reason, at: at, by: by))
            responses[rid] = r
        case let .incidentJoinedResponse(id, rid):
            update(id) { $0.response = rid }
        case let .warningIssued(w):
            for old in w.supersedes ?? [] {
                guard let i = warnings.index(forKey: old) else { preconditionFailure("superseding unknown warning \(old)") }
                warnings.values[i].lifted = at
                warnings.values[i].supersededBy = w.id
            }
            warnings[w.id] = Warning(w, exercise: exercise)
            nextWarning = max(nextWarning, successor(w.id.number))
        case .actionRefused:
            break  // on the record; changes nothing
        case let .teamUpdated(profile):
            updateTeam(profile.id) { $0.profile = profile }
        case let .teamRetired(team, _):
            teams[team] = nil
        case let .facilityRegistered(f), let .facilityUpdated(f):
            facilities[f.id] = f
        case let .facilityRetired(id, _):
            facilities[id] = nil
            shelters[id] = nil
        case .shelterOpened, .shelterClosed, .sheltered, .shelterLeft:
            applyShelter(event, at: at, exercise: exercise)
        case .stockReceived, .stockIssued, .stockMinimumSet, .supplyRequested, .supplyApproved, .supplyCommitted, .supplyDispatched, .supplyDelivered:
            applySupply(event, at: at, by: by, exercise: exercise)
        case .aidRequested, .aidOffered, .aidAccepted, .aidArrived, .aidReleased:
            applyAid(event, at: at, by: by, exercise: exercise)
        case .aidMessageReceived, .aidMessageDelivered, .centreUnreachable, .centreReachable, .boardShared, .boardUnshared:
            applyCentre(event, at: at)
        case .sitrepDrafted, .sitrepApproved, .sitrepFiled:
            applySitrep(event, at: at, by: by)
        case let .handoverAccepted(h):
            lastHandover = HandoverRecord(accepted: h, at: at, by: by)
        case .drillObserved, .drillObjectiveJudged, .drillExpectationScored:
            applyEvaluator(event, at: at, by: by)
        case .correctiveActionRaised, .correctiveActionUpdated:
            applyImprovement(event, at: at)
        case let .rosterAdopted(digest, source):
            roster = AdoptedRoster(digest: digest, source: source, at: at, by: by)
        case let .pageSent(page):
            pages[page.id] = Page(page)
        case let .pageAcknowledged(id, _):
            guard let i = pages.index(forKey: id) else { preconditionFailure("acknowledging unknown page \(id)") }
            pages.values[i].acknowledgedAt = at
            pages.values[i].acknowledgedBy = by
        case let .pageNotified(id, _, attempt):
            guard let i = pages.index(forKey: id) else { preconditionFailure("notifying unknown page \(id)") }
            pages.values[i].notifyAttempts = attempt
            pages.values[i].notifyError = nil
            pages.values[i].notifiedAt = at
        case let .pageNotifyFailed(id, _, attempt, error):
            guard let i = pages.index(forKey: id) else { preconditionFailure("notifying unknown page \(id)") }
            pages.values[i].notifyAttempts = attempt
            pages.values[i].notifyError = error
        case let .pageCancelled(id, _):
            guard let i = pages.index(forKey: id) else { preconditionFailure("cancelling unknown page \(id)") }
            pages.values[i].cancelledAt = at
        case .drillScheduled, .injectFired, .injectSkipped, .drillEnded:
            applyDrill(event, at: at, by: by)
        case .journalSealed:
            // Only the holder of the drill's key can read it (the ledger opens it before the
            // fold, see `openDrill`); for everyone else it changes nothing they may know.
            break
        case let .warningLifted(wid, _):
            guard let i = warnings.index(forKey: wid) else { preconditionFailure("lifting unknown warning \(wid)") }
            warnings.values[i].lifted = at
        case let .feedReceived(receipt):
            feeds.apply(receipt)
        case let .feedAdvanced(position):
            feeds.apply(position)
        case let .capAlertReceived(receipt):
            cap.apply(receipt)
        }
    }

    /// The id after `n`, saturating: an id at the top of the range (only a forged record holds
    /// one) must not trap every reader that folds it.
    func successor(_ n: Int) -> Int { n == .max ? n : n + 1 }

    private mutating func update(_ id: IncidentID, _ change: (inout Incident) -> Void) {
        guard incidents.update(id, change) else { preconditionFailure("event for unknown incident \(id)") }
    }

    private mutating func updateTeam(_ id: TeamID, _ change: (inout Team) -> Void) {
        guard let i = teams.index(forKey: id) else { preconditionFailure("event for unknown team \(id)") }
        change(&teams.values[i])
    }

    /// Folds a sequence of recorded events into a fresh state.
    public static func replay<S: Sequence>(_ events: S) -> CommandState where S.Element == RecordedEvent {
        var s = CommandState()
        for e in events { s.apply(e) }
        return s
    }
}
