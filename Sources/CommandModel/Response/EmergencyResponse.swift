import Foundation

/// A city's emergency response over areas: "flood-control response, Level I, whole city".
///
/// Each district has its own level; an empty district list means the whole city.
public struct EmergencyResponse: Hashable, Sendable {
    public var id: ResponseID
    public var hazard: IncidentType
    /// Level per district slug; the key `*` stands for every district not named.
    public var levels: [String: ResponseLevel]
    public var history: [ResponseStep]
    public var ended: Date?
    public var exercise: String?

    public init(id: ResponseID, hazard: IncidentType, levels: [String: ResponseLevel], history: [ResponseStep], ended: Date?, exercise: String?) {
        self.id = id
        self.hazard = hazard
        self.levels = levels
        self.history = history
        self.ended = ended
        self.exercise = exercise
    }

    public static let wholeCity = "*"

    /// The level in force in a district (the district's own, else the city-wide one).
    public func level(in district: String?) -> ResponseLevel {
        if let district, let l = levels[district] { return l }
        return levels[Self.wholeCity] ?? .none
    }

    public var highest: ResponseLevel { levels.values.max() ?? .none }
    public var isActive: Bool { ended == nil }
}

/// One change to a response, on its history.
public struct ResponseStep: Hashable, Sendable, Codable {
    public var level: ResponseLevel
    public var districts: [String]
    public var reason: String
    public var at: Date
    public var by: String

    public init(level: ResponseLevel, districts: [String], reason: String, at: Date, by: String) {
        self.level = level
        self.districts = districts
        self.reason = reason
        self.at = at
        self.by = by
    }
}

/// A warning as it was issued: the `warningIssued` event's payload, frozen (its lifting is an
/// event of its own; its drill is the event's, stored once in the log's column).
public struct WarningIssued: Hashable, Sendable, Codable {
    public var id: WarningID
    public var hazard: IncidentType
    public var color: WarningColor
    /// District slugs; empty means the whole city.
    public var districts: [String]
    public var authority: String
    public var issued: Date
    public var expires: Date?

    public init(id: WarningID, hazard: IncidentType, color: WarningColor, districts: [String], authority: String, issued: Date, expires: Date?) {
        self.id = id
        self.hazard = hazard
        self.color = color
        self.districts = districts
        self.authority = authority
        self.issued = issued
        self.expires = expires
    }
}

/// A warning (预警) issued for districts by an authority, with its validity, as the state knows it.
public struct Warning: Hashable, Sendable {
    public var id: WarningID
    public var hazard: IncidentType
    public var color: WarningColor
    /// District slugs; empty means the whole city.
    public var districts: [String]
    public var authority: String
    public var issued: Date
    public var expires: Date?
    public var lifted: Date?
    public var exercise: String?

    public init(id: WarningID, hazard: IncidentType, color: WarningColor, districts: [String], authority: String, issued: Date, expires: Date?, lifted: Date?, exercise: String?) {
        self.id = id
        self.hazard = hazard
        self.color = color
        self.districts = districts
        self.authority = authority
        self.issued = issued
        self.expires = expires
        self.lifted = lifted
        self.exercise = exercise
    }

    /// A warning just issued, in `exercise`'s drill (nil: real).
    public init(_ issued: WarningIssued, exercise: String?) {
        self.init(
            id: issued.id, hazard: issued.hazard, color: issued.color, districts: issued.districts, authority: issued.authority, issued: issued.issued, expires: issued.expires,
            lifted: nil, exercise: exercise)
    }

    /// In force at `t`: issued, not expired, not lifted.
    public func isActive(at t: Date) -> Bool {
        issued <= t && (expires.map { t < $0 } ?? true) && (lifted.map { t < $0 } ?? true)
    }

    public func covers(_ district: String?) -> Bool {
        districts.isEmpty || district.map(districts.contains) == true
    }
}
