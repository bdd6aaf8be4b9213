import Foundation

/// What a user or a feed asks for, in the imperative. The decider turns it into events or a
/// ``Rejection``.
public enum Command: Hashable, Sendable {
    /// Reports a new incident; its id is the next free one, chosen by the decider.
    case reportIncident(NewIncident)
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
    case registerTeam(TeamProfile)
    case assignTeam(TeamID, to: IncidentID)
    case setTeamStatus(TeamID, TeamStatus)
    case releaseTeam(TeamID)
    case declareResponse(hazard: IncidentType, level: ResponseLevel, districts: [String], reason: String)
    case adjustResponse(ResponseID, level: ResponseLevel, districts: [String], reason: String)
    case endResponse(ResponseID, reason: String)
    case joinResponse(IncidentID, ResponseID)
    case issueWarning(hazard: IncidentType, color: WarningColor, districts: [String], authority: String, expires: Date?)
    case liftWarning(WarningID, reason: String)
    /// Pages one person as a step of an escalation (`person` empty: nobody was on call).
    case sendPage(incident: IncidentID, policy: String, trigger: EscalationTrigger, index: Int, person: String, role: DutyRole?)
    case acknowledgePage(String)
    /// Records how a notify attempt went (sent by the notifier, not by people).
    case recordNotify(page: String, attempt: Int, error: String?)
    /// Schedules a drill (its id is chosen by the decider). Drill coordinators only.
    case scheduleDrill(DrillInfo)
    /// Fires one inject: its commands, decided inside the drill, then the record of the inject.
    case fireInject(drill: String, inject: String, commands: [Command], line: String, expect: DrillScenario.Expectation, contingency: Bool)
    /// Records that an inject will not fire, and why.
    case skipInject(drill: String, inject: String, reason: SkipReason)
    /// Stands a drill down: its open incidents closed, its teams available again, its pages
    /// withdrawn. `aborted`: stopped early ("real emergency, stop the drill").
    case endDrill(drill: String, reason: String, aborted: Bool)
}

/// Where a new incident is, as the user gave it.
public enum PlaceInput: Hashable, Sendable {
    case cell(Cell)
    case point(GeoPoint)
    case district(String)
}

/// A report before it has an id.
public struct NewIncident: Hashable, Sendable {
    public var type: IncidentType
    public var title: String?
    public var place: PlaceInput
    public var reporter: String?
    public var figures: Figures
    public var notes: String?
    public var causedBy: IncidentID?

    public init(type: IncidentType, title: String? = nil, place: PlaceInput, reporter: String? = nil, figures: Figures = .zero, notes: String? = nil, causedBy: IncidentID? = nil) {
        self.type = type
        self.title = title
        self.place = place
        self.reporter = reporter
        self.figures = figures
        self.notes = notes
        self.causedBy = causedBy
    }
}

/// Everything a decision depends on besides the state: the injected clock, who acts, the drill
/// (if any) the action belongs to, the plans and the map.
public struct DecisionContext: Sendable {
    public var now: Date
    public var operatorName: String
    public var exercise: String?
    public var plans: PlanBook
    public var grid: Grid?
    /// Who acts, as the roster knows them; nil when no roster is configured (no authority checks).
    public var actor: Actor?
    public var authority: AuthorityMatrix

    public init(now: Date, operatorName: String, exercise: String? = nil, plans: PlanBook = .empty, grid: Grid? = nil, actor: Actor? = nil, authority: AuthorityMatrix = .standard) {
        self.now = now
        self.operatorName = operatorName
        self.exercise = exercise
        self.plans = plans
        self.grid = grid
        self.actor = actor
        self.authority = authority
    }
}
