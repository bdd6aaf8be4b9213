import Foundation

/// One step of an incident's response level, kept on the incident for good.
public struct LevelStep: Hashable, Sendable, Codable {
    public var from: ResponseLevel
    public var to: ResponseLevel
    public var reason: String
    public var at: Date
    public var by: String

    public init(from: ResponseLevel, to: ResponseLevel, reason: String, at: Date, by: String) {
        self.from = from
        self.to = to
        self.reason = reason
        self.at = at
        self.by = by
    }
}

/// One status transition, timestamped and attributed.
public struct StatusStep: Hashable, Sendable, Codable {
    public var to: IncidentStatus
    public var at: Date
    public var by: String

    public init(to: IncidentStatus, at: Date, by: String) {
        self.to = to
        self.at = at
        self.by = by
    }
}

/// An incident as the state knows it now. Its full timeline is the log's events for its id.
public struct Incident: Hashable, Sendable {
    public var id: IncidentID
    public var type: IncidentType
    public var title: String
    public var location: Location
    /// The district's slug, when known.
    public var district: String?
    public var reporter: String
    public var figures: Figures
    public var status: IncidentStatus
    public var level: ResponseLevel
    public var levels: [LevelStep]
    public var statuses: [StatusStep]
    /// Teams serving the incident now, in the order they were assigned.
    public var teams: [TeamID]
    public var causedBy: IncidentID?
    public var exercise: String?
    public var verified: Bool
    public var notes: [String]
    public var checklistDone: [String: Date]
    public var reportsFiled: [String: Date]
    public var response: ResponseID?
    public var summary: String?
    /// Where an incident outside the city's districts is (recorded for mutual aid); nil inside.
    public var outside: OutsidePlace?

    /// Scenario seconds per wall second: 1 for real incidents; a sped-up drill's speed for its
    /// incidents, so their deadlines and escalations fall in scenario time.
    public var pace: Double = 1

    /// Wall-clock seconds for minutes of this incident's time.
    public func wallSeconds(minutes: Int) -> TimeInterval { Double(minutes) * 60 / pace }

    public init(
        id: IncidentID, type: IncidentType, title: String, location: Location, district: String?, reporter: String, figures: Figures, status: IncidentStatus, level: ResponseLevel, levels: [LevelStep],
        statuses: [StatusStep], teams: [TeamID], causedBy: IncidentID?, exercise: String?, verified: Bool, notes: [String], checklistDone: [String: Date], reportsFiled: [String: Date],
        response: ResponseID?, summary: String?
    ) {
        self.id = id
        self.type = type
        self.title = title
        self.location = location
        self.district = district
        self.reporter = reporter
        self.figures = figures
        self.status = status
        self.level = level
        self.levels = levels
        self.statuses = statuses
        self.teams = teams
        self.causedBy = causedBy
        self.exercise = exercise
        self.verified = verified
        self.notes = notes
        self.checklistDone = checklistDone
        self.reportsFiled = reportsFiled
        self.response = response
        self.summary = summary
    }

    public var category: IncidentCategory { type.category }
    public var reportedAt: Date { statuses.first?.at ?? .distantPast }
    public var reportedBy: String { statuses.first?.by ?? reporter }
    public var isActive: Bool { status.isActive }

    /// When the incident first reached a status, if it did.
    public func time(of status: IncidentStatus) -> StatusStep? { statuses.first { $0.to == status } }
}

/// What a report says about a new incident: every field a duty officer or a feed can give.
public struct IncidentReport: Hashable, Sendable, Codable {
    public var id: IncidentID
    public var type: IncidentType
    public var title: String
    public var location: Location
    public var district: String?
    public var reporter: String
    public var figures: Figures
    public var notes: String?
    public var causedBy: IncidentID?
    /// The point as it was given, in its own frame (`location.point` is in the map's frame);
    /// nil in records written before frames were named, whose points were taken as given.
    public var given: GivenPoint?
    /// Where a report outside the city's districts is (a neighbour's incident, kept for mutual
    /// aid); nil for every report inside.
    public var outside: OutsidePlace?
    // No drill id here: an event's drill is stored once, in the log's `exercise` column (older
    // payloads that carry one are read without it).

    public init(
        id: IncidentID, type: IncidentType, title: String, location: Location, district: String? = nil, reporter: String, figures: Figures = .zero, notes: String? = nil, causedBy: IncidentID? = nil,
        given: GivenPoint? = nil, outside: OutsidePlace? = nil
    ) {
        self.given = given
        self.outside = outside
        self.id = id
        self.type = type
        self.title = title
        self.location = location
        self.district = district
        self.reporter = reporter
        self.figures = figures
        self.notes = notes
        self.causedBy = causedBy
    }
}

/// A coordinate as it entered, with the frame it was written in.
public struct GivenPoint: Hashable, Sendable, Codable {
    public var lat: Double
    public var lon: Double
    public var datum: Datum

    public init(_ point: GeoPoint, datum: Datum) {
        lat = point.lat
        lon = point.lon
        self.datum = datum
    }
}
