import CommandModel
import Foundation

/// What the console shows besides its own UI state: the operational picture and the fixed
/// data around it. Rebuilt cheaply each frame (every field is a value or shared storage).
public struct ConsoleWorld {
    public var state: CommandState
    public var map: OneMap
    public var grid: Grid
    public var plans: PlanBook
    public var facilities: [Facility]
    public var now: Date
    public var cityName: Bilingual
    public var storeHealth: Bilingual
    public var timeZone: TimeZone
    /// Where each district's name is drawn (computed once per map).
    public var districtCentres: [(District, Cell)]
    /// The open incidents in work order (computed once per state change).
    public var active: [Incident]
    /// Teams in the order the map draws them: idle first, teams at work last so they show
    /// (computed once per state change).
    public var teamsInDrawOrder: [Team]
    /// The map's layers as bytes (computed once per map).
    public var raster: MapRaster
    /// Travel minutes from base to the selected incident for the teams serving it.
    public var travelMinutes: [TeamID: Double] = [:]
    /// The selected incident's ★ picture (people to shelter, shelters within reach), computed
    /// once per change of the record, not per frame; nil when nobody is left to shelter.
    public var evacuation: (incident: IncidentID, picture: EvacuationPicture)?
    /// A roster is in force: escalation pages fall due.
    public var escalates = false
    /// The roster in force: at a change of shift the incoming officer's console offers the
    /// handover brief.
    public var roster: Roster?

    public init(
        state: CommandState, map: OneMap, grid: Grid, plans: PlanBook, facilities: [Facility], now: Date, storeHealth: Bilingual = Bilingual("store ok", "存储正常"),
        timeZone: TimeZone = CentreTime.zone, districtCentres: [(District, Cell)]? = nil, active: [Incident]? = nil, raster: MapRaster? = nil,
        teamsInDrawOrder: [Team]? = nil
    ) {
        self.teamsInDrawOrder = teamsInDrawOrder ?? Self.drawOrder(state)
        self.state = state
        self.map = map
        self.grid = grid
        self.plans = plans
        self.facilities = facilities
        self.now = now
        self.cityName = map.name
        self.storeHealth = storeHealth
        self.timeZone = timeZone
        // Finding centres scans the grid once per district: pass them in when rendering often.
        self.districtCentres = districtCentres ?? Self.centres(grid)
        self.active = active ?? Self.workOrder(state)
        self.raster = raster ?? MapRaster(map)
    }

    /// The middle cell of each district, found once per map.
    public static func centres(_ grid: Grid) -> [(District, Cell)] {
        grid.districts.compactMap { d in grid.centre(of: d).map { (d, $0) } }
    }

    /// Teams idle first, then teams at work, each by id.
    public static func drawOrder(_ state: CommandState) -> [Team] {
        state.teams.values.sorted { ($0.status.isCommitted ? 1 : 0, $0.id) < ($1.status.isCommitted ? 1 : 0, $1.id) }
    }

    /// Active incidents in the order an officer works them: highest level first, then
    /// unacknowledged, then oldest.
    public static func workOrder(_ state: CommandState) -> [Incident] {
        state.activeIncidents.sorted { a, b in
            if a.level != b.level { return a.level > b.level }
            let ua = a.status == .reported, ub = b.status == .reported
            if ua != ub { return ua }
            if a.reportedAt != b.reportedAt { return a.reportedAt < b.reportedAt }
            return a.id < b.id
        }
    }

    /// Pages to a person still waiting for acknowledgement, oldest first.
    public func myPages(_ person: String?) -> [Page] {
        guard let person else { return [] }
        return state.pages.values.filter { $0.person == person && $0.isOpen }.sorted { ($0.sentAt, $0.id) < ($1.sentAt, $1.id) }
    }

    /// The work list, narrowed by a search text.
    /// Without one, a burst of fresh feed reports is folded into a line of the list's title
    /// (`feedBursts`); a search shows every incident it matches, the feed's source included.
    public func workList(filter: String) -> [Incident] {
        guard !filter.isEmpty else {
            let bursts = Set(feedBursts.map(\.source))
            return bursts.isEmpty ? active : active.filter { !isFolded($0, bursts: bursts) }
        }
        return active.filter { Self.matches($0, filter: filter) || feedSource(of: $0.id)?.lowercased() == filter.lowercased() }
    }

    /// Whether an incident is on the work list the officer sees: open, and matching the search
    /// text. The one rule for "visible", so a key can never act on an incident that is not shown.
    public func isOnWorkList(_ id: IncidentID, filter: String) -> Bool {
        guard let i = state.incidents[id], i.isActive else { return false }
        if filter.isEmpty { return !isFolded(i, bursts: Set(feedBursts.map(\.source))) }
        return Self.matches(i, filter: filter) || feedSource(of: id)?.lowercased() == filter.lowercased()
    }

    /// Whether an incident matches a search text (title, id, district, type in either language).
    public static func matches(_ i: Incident, filter: String) -> Bool {
        let f = filter.lowercased()
        return i.title.lowercased().contains(f) || i.id.description.lowercased().contains(f) || (i.district ?? "").contains(f) || i.type.name.en.contains(f) || i.type.name.zh.contains(filter)
    }
}
