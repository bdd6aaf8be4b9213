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

    /// The highest level on the response's record. Without the city's districts it cannot tell
    /// whether the city-wide level still covers a district, so it may be higher than what is in
    /// force; `highest(over:)` is exact.
    public var highest: ResponseLevel { levels.values.max() ?? .none }
    public var isActive: Bool { ended == nil }

    /// The highest level in force in any of `districts` (the city's district slugs): the
    /// city-wide level counts only while it still covers a district not given its own level.
    public func highest(over districts: [String]) -> ResponseLevel {
        inForce(over: districts).first?.level ?? .none
    }

    /// Where the response is in force, grouped by level, highest first; `none` is left out.
    /// `wholeCity` is true when the group is every one of `districts` (the whole city); the
    /// districts of a group keep the order of `districts`. An ended response is in force nowhere.
    public func inForce(over districts: [String]) -> [LevelArea] {
        guard isActive else { return [] }
        var groups: [ResponseLevel: [String]] = [:]
        for d in districts {
            let l = level(in: d)
            if l > .none { groups[l, default: []].append(d) }
        }
        // Districts named on the record that the map does not know (an old store, a changed
        // map) are still shown, never silently dropped.
        for (d, l) in levels.sorted(by: { $0.key < $1.key }) where d != Self.wholeCity && l > .none && !districts.contains(d) {
            groups[l, default: []].append(d)
        }
        var areas = groups.keys.sorted(by: >).map { l in
            let ds = groups[l] ?? []
            return LevelArea(level: l, districts: ds, wholeCity: !districts.isEmpty && ds.count == districts.count && ds.allSatisfy(districts.contains))
        }
        // Without the city's districts, the city-wide level is shown as such.
        if districts.isEmpty, let l = levels[Self.wholeCity], l > .none {
            areas.append(LevelArea(level: l, districts: [], wholeCity: true))
            areas.sort { $0.level > $1.level }
        }
        return areas
    }
}

/// One level of an area response and the districts it is in force in.
public struct LevelArea: Hashable, Sendable {
    public var level: ResponseLevel
    /// District slugs, in the city's order.
    public var districts: [String]
    /// Every district of the city is at this level.
    public var wholeCity: Bool

    public init(level: ResponseLevel, districts: [String], wholeCity: Bool) {
        self.level = level
        self.districts = districts
        self.wholeCity = wholeCity
    }
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
    /// The warnings this one replaces (an upgrade, a downgrade or a renewal for the same hazard
    /// over an area that covers theirs): they stop being in force when it is issued. Absent
    /// from older records and from a warning that replaces none.
    public var supersedes: [WarningID]?

    public init(
        id: WarningID, hazard: IncidentType, color: WarningColor, districts: [String], authority: String, issued: Date, expires: Date?, supersedes: [WarningID]? = nil
    ) {
        self.id = id
        self.hazard = hazard
        self.color = color
        self.districts = districts
        self.authority = authority
        self.issued = issued
        self.expires = expires
        self.supersedes = supersedes
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
    /// When it stopped being in force before its expiry: lifted, or replaced (`supersededBy`).
    public var lifted: Date?
    public var exercise: String?
    /// The warning that replaced this one, if one did.
    public var supersededBy: WarningID?

    public init(
        id: WarningID, hazard: IncidentType, color: WarningColor, districts: [String], authority: String, issued: Date, expires: Date?, lifted: Date?, exercise: String?,
        supersededBy: WarningID? = nil
    ) {
        self.id = id
        self.hazard = hazard
        self.color = color
        self.districts = districts
        self.authority = authority
        self.issued = issued
        self.expires = expires
        self.lifted = lifted
        self.exercise = exercise
        self.supersededBy = supersededBy
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

    /// Covers every district this warning covers, `other` (empty: the whole city).
    func coversAll(of other: [String]) -> Bool {
        districts.isEmpty || (!other.isEmpty && other.allSatisfy(districts.contains))
    }
}

extension CommandState {
    /// The warnings a new one replaces: those in force at `now` for the same hazard, in the
    /// same drill (nil: real), over districts the new one covers entirely. A warning over a
    /// wider area stays in force (the new one covers only part of it); both then show.
    public func warningsSuperseded(by new: WarningIssued, exercise: String?, at now: Date) -> [WarningID] {
        let issued = Warning(new, exercise: exercise)
        return warnings.values.filter { w in
            w.id != new.id && w.hazard == new.hazard && w.exercise == exercise && w.isActive(at: now) && issued.coversAll(of: w.districts)
        }.map(\.id).sorted()
    }

    /// The warnings in force at `now`, most severe first, then oldest first: a stable order
    /// for every view that lists them.
    public func warningsInForce(at now: Date) -> [Warning] {
        warnings.values.filter { $0.isActive(at: now) }.sorted { ($1.color, $0.id) < ($0.color, $1.id) }
    }
}
