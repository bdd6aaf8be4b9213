import Foundation

/// What a user or a feed asks for, in the imperative: one domain's command. The decider routes
/// it to its domain, which turns it into events or a ``Rejection``.
///
/// Each domain keeps its commands, its decisions, the authority each needs and the values each
/// carries in its own folder (`Incident/`, `Team/`, `Response/`, `OnCall/`, `Drill/`); a new
/// command is a new case there, and the compiler lists every switch that must say what it does.
public enum Command: Hashable, Sendable {
    /// Reporting, acknowledging and working an incident through its lifecycle.
    case incident(IncidentCommand)
    /// Registering teams and moving them between incidents.
    case team(TeamCommand)
    /// Area emergency responses and weather warnings.
    case area(AreaCommand)
    /// Escalation pages and how their notifications went.
    case paging(PagingCommand)
    /// Drills: scheduling, injects and stand-down.
    case drill(DrillCommand)
    /// The roster the store is pinned to.
    case roster(RosterCommand)
    /// The centre's shelters, depots and hazard sources.
    case facility(FacilityCommand)
    /// Shelters opened, closed, filled and emptied.
    case shelter(ShelterCommand)
    /// Depots' stock and supply requests.
    case supply(SupplyCommand)
    /// Mutual aid between centres.
    case aid(AidCommand)
    /// Situation reports drafted, approved and filed.
    case report(ReportCommand)
    /// Shift handovers.
    case handover(HandoverCommand)
    /// Evaluators' observations and judgements in drills.
    case evaluator(EvaluatorCommand)
    /// The improvement plan: corrective actions from drills.
    case improvement(ImprovementCommand)
    /// Reports arriving from feeds (hotlines, sensor networks), and how far each was read.
    case feed(FeedCommand)
    /// CAP 1.2 alerts: warnings issued, updated and cancelled by other authorities.
    case cap(CAPCommand)
    /// Other centres: mutual-aid messages received and delivered, who is reachable, whom the
    /// board is shared with.
    case centre(CentreCommand)
}

/// What every domain's command says about itself, besides how it is decided.
protocol DomainCommand: Hashable, Sendable {
    /// The first carried value outside ``Limits``, if any.
    func boundViolation(now: Date) -> BoundViolation?
    /// Who may give it, in this state.
    func requirement(in state: CommandState) -> Requirement
    /// The incident it is about, if any.
    var incident: IncidentID? { get }
}

extension Command {
    var domain: any DomainCommand {
        switch self {
        case let .incident(c): c
        case let .team(c): c
        case let .area(c): c
        case let .paging(c): c
        case let .drill(c): c
        case let .roster(c): c
        case let .facility(c): c
        case let .shelter(c): c
        case let .supply(c): c
        case let .aid(c): c
        case let .report(c): c
        case let .handover(c): c
        case let .evaluator(c): c
        case let .improvement(c): c
        case let .feed(c): c
        case let .cap(c): c
        case let .centre(c): c
        }
    }

    /// The first value of the command outside ``Limits``, if any: nothing goes on the record that
    /// the store, the snapshot or a later reader cannot read back.
    public func boundViolation(now: Date) -> BoundViolation? { domain.boundViolation(now: now) }

    /// Who may give the command in this state: the authority table a reader can check.
    public func requirement(in state: CommandState) -> Requirement { domain.requirement(in: state) }

    /// The incident a command is about, if any.
    public var incident: IncidentID? { domain.incident }

    /// The drill a drill command acts in: its events belong to that drill.
    public var drill: String? {
        guard case let .drill(d) = self else { return nil }
        return d.drill
    }
}

extension Command {
    /// Whether the command carries a latitude/longitude (and so needs the boundary polygons).
    public var hasPoint: Bool {
        switch self {
        case let .incident(.report(new)): new.place.isPoint
        case let .drill(.fireInject(_, _, commands, _, _, _)): commands.contains { $0.hasPoint }
        case let .team(.add(t)): t.place.isPoint
        case let .team(.change(_, c)): c.place?.isPoint ?? false
        case let .facility(.register(f)): f.place.isPoint
        case let .facility(.update(_, c)): c.place?.isPoint ?? false
        case let .feed(.receive(r)): r.place.isPoint
        case .incident, .team, .area, .paging, .drill, .roster, .facility, .shelter, .supply, .aid, .report, .handover, .evaluator, .improvement, .feed, .cap, .centre: false
        }
    }
}

extension PlaceInput {
    /// A latitude/longitude (attributed by the boundary polygons).
    public var isPoint: Bool {
        switch self {
        case .point: true
        case .cell, .district: false
        }
    }
}

/// Where a new incident is, as the user gave it.
public enum PlaceInput: Hashable, Sendable {
    case cell(Cell)
    /// A latitude/longitude in the frame it was given in (WGS-84 unless told).
    case point(GeoPoint, datum: Datum = .wgs84)
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
    /// The boundary polygons a point is attributed by; without them a point is attributed by
    /// its grid cell.
    public var places: Places?
    /// Who acts, as the roster knows them; nil when no roster is configured (no authority checks).
    public var actor: Actor?
    public var authority: AuthorityMatrix

    public init(
        now: Date, operatorName: String, exercise: String? = nil, plans: PlanBook = .empty, grid: Grid? = nil, places: Places? = nil, actor: Actor? = nil, authority: AuthorityMatrix = .standard
    ) {
        self.places = places
        self.now = now
        self.operatorName = operatorName
        self.exercise = exercise
        self.plans = plans
        self.grid = grid
        self.actor = actor
        self.authority = authority
    }
}
