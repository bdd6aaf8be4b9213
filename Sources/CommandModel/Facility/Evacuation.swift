import Foundation

/// An open shelter with room, and how far it is (the ★ view and the evacuation suggestion).
public struct ShelterReach: Hashable, Sendable {
    public var id: FacilityID
    public var name: Bilingual
    public var free: Int
    public var minutes: Double
}

/// The ★ view: people still to move against the free shelter places within reach, and the
/// shortfall.
public struct EvacuationPicture: Hashable, Sendable {
    /// People evacuated by the figures and not yet checked in at a shelter.
    public var people: Int
    /// Open shelters with room within reach, nearest first.
    public var shelters: [ShelterReach]
    public var minutes: Double

    public var freeWithin: Int { shelters.map(\.free).reduce(0, +) }
    public var shortfall: Int { max(0, people - freeWithin) }
}

extension CommandState {
    /// People an incident's figures say were evacuated, less those checked in from it.
    public func stillToShelter(_ id: IncidentID) -> Int {
        guard let i = incidents[id] else { return 0 }
        let housed = shelters.values.map { $0.fromIncidents[id] ?? 0 }.reduce(0, +)
        return max(0, i.figures.evacuated - housed)
    }

    /// The ★ view for one incident: its people still to move against the open shelters with room
    /// within `withinMinutes` of it by road, nearest first.
    public func evacuation(for id: IncidentID, grid: Grid, at now: Date, withinMinutes: Double = 60) -> EvacuationPicture? {
        guard let i = incidents[id] else { return nil }
        return evacuation(people: stillToShelter(id), from: [i.location.cell], grid: grid, at: now, withinMinutes: withinMinutes)
    }

    /// The ★ view for a warning area: the people still to move from every open incident in its
    /// districts (the whole city for a city-wide warning), against the shelters within reach of any.
    public func evacuation(forWarning wid: WarningID, grid: Grid, at now: Date, withinMinutes: Double = 60) -> EvacuationPicture? {
        guard let w = warnings[wid] else { return nil }
        let inArea = activeIncidents.filter { $0.figures.evacuated > 0 && (w.districts.isEmpty || $0.district.map(w.districts.contains) == true) }.filter { stillToShelter($0.id) > 0 }
        let people = inArea.map { stillToShelter($0.id) }.reduce(0, +)
        return evacuation(people: people, from: inArea.map(\.location.cell), grid: grid, at: now, withinMinutes: withinMinutes)
    }

    func evacuation(people: Int, from cells: [Cell], grid: Grid, at now: Date, withinMinutes: Double) -> EvacuationPicture {
        var best: [FacilityID: Double] = [:]
        let open = facilities.values.filter { $0.kind == .shelter && freePlaces($0.id, at: now) > 0 }
        for cell in cells.prefix(20) {
            let times = grid.travelTimes(to: cell, limit: withinMinutes)
            for f in open {
                guard let m = times.minutes(from: f.cell), m <= withinMinutes else { continue }
                best[f.id] = min(best[f.id] ?? .infinity, m)
            }
        }
        let reach = open.compactMap { f in best[f.id].map { ShelterReach(id: f.id, name: f.name, free: freePlaces(f.id, at: now), minutes: $0) } }
            .sorted { ($0.minutes, $0.id) < ($1.minutes, $1.id) }
        return EvacuationPicture(people: people, shelters: reach, minutes: withinMinutes)
    }
}

/// A warning area's people still to move against the free shelter places inside it.
public struct AreaShortfall: Hashable, Sendable {
    public var warning: WarningID
    public var people: Int
    public var places: Int
    public var shortfall: Int { max(0, people - places) }
}

extension CommandState {
    /// Each warning in force whose area holds people still to shelter: how many, against the
    /// free places of the open shelters in its districts.
    public func areaShortfalls(at now: Date, shown: (Warning) -> Bool = { _ in true }) -> [AreaShortfall] {
        let warnings = warningsInForce(at: now).filter(shown)
        guard !warnings.isEmpty else { return [] }
        return warnings.compactMap { w in
            func inArea(_ district: String?) -> Bool { w.districts.isEmpty || district.map(w.districts.contains) == true }
            // Only incidents with people evacuated count (most have none: a cheap test first,
            // as this runs for the map's title on every frame).
            let people = activeIncidents.filter { $0.figures.evacuated > 0 && inArea($0.district) }.map { stillToShelter($0.id) }.reduce(0, +)
            guard people > 0 else { return nil }
            let places = facilities.values.filter { $0.kind == .shelter && inArea($0.district) }.map { freePlaces($0.id, at: now) }.reduce(0, +)
            return AreaShortfall(warning: w.id, people: people, places: places)
        }
    }
}
