import Foundation

/// The centre's shelters, depots and hazard sources on the record.
public enum FacilityCommand: Hashable, Sendable {
    /// Puts a new facility on the record (its id chosen by the centre).
    case register(NewFacility)
    /// Changes what the record says of a facility (only what is given changes).
    case update(FacilityID, FacilityChange)
    /// Takes a facility off the one-map (closed, demolished), with a reason.
    case retire(FacilityID, reason: String)
}

/// A facility as a command gives it: the place still to be resolved on the map.
public struct NewFacility: Hashable, Sendable {
    public var id: FacilityID
    public var kind: Facility.Kind
    public var name: Bilingual
    public var place: PlaceInput
    public var capacity: Int?
    public var nightCapacity: Int?
    public var detail: String?

    public init(id: FacilityID, kind: Facility.Kind, name: Bilingual, place: PlaceInput, capacity: Int? = nil, nightCapacity: Int? = nil, detail: String? = nil) {
        self.id = id
        self.nightCapacity = nightCapacity
        self.kind = kind
        self.name = name
        self.place = place
        self.capacity = capacity
        self.detail = detail
    }
}

/// The fields an update changes; nil leaves a field as it is.
public struct FacilityChange: Hashable, Sendable {
    public var name: Bilingual?
    public var place: PlaceInput?
    public var capacity: Int?
    public var nightCapacity: Int?
    public var detail: String?

    public init(name: Bilingual? = nil, place: PlaceInput? = nil, capacity: Int? = nil, nightCapacity: Int? = nil, detail: String? = nil) {
        self.name = name
        self.nightCapacity = nightCapacity
        self.place = place
        self.capacity = capacity
        self.detail = detail
    }

    public var isEmpty: Bool { name == nil && place == nil && capacity == nil && nightCapacity == nil && detail == nil }
}

extension FacilityCommand: DomainCommand {
    public var incident: IncidentID? {
        switch self {
        case .register, .update, .retire: nil
        }
    }

    func boundViolation(now: Date) -> BoundViolation? {
        func place(_ p: PlaceInput?) -> BoundViolation? { p?.boundViolation }
        func capacity(_ n: Int?) -> BoundViolation? {
            guard let n, n < 0 || n > Limits.figure else { return nil }
            return .count(Bilingual("places", "容量"), n)
        }
        switch self {
        case let .register(f):
            return .first(
                .name(f.id.raw, Bilingual("facility id", "设施编号")), .text(f.name.en, Bilingual("facility name", "设施名称")),
                .text(f.name.zh, Bilingual("facility name", "设施名称")), .name(f.detail, Bilingual("hazard kind", "危险源类别")), place(f.place), capacity(f.capacity), capacity(f.nightCapacity))
        case let .update(id, c):
            return .first(
                .name(id.raw, Bilingual("facility id", "设施编号")), .text(c.name?.en, Bilingual("facility name", "设施名称")),
                .text(c.name?.zh, Bilingual("facility name", "设施名称")), .name(c.detail, Bilingual("hazard kind", "危险源类别")), place(c.place), capacity(c.capacity), capacity(c.nightCapacity))
        case let .retire(id, reason):
            return .first(.name(id.raw, Bilingual("facility id", "设施编号")), .text(reason, .reason))
        }
    }

    func requirement(in state: CommandState) -> Requirement {
        switch self {
        case .register, .update, .retire: .anyRole
        }
    }
}

extension Decision {
    mutating func decide(_ command: FacilityCommand) throws(Rejection) -> [Event] {
        switch command {
        case let .register(new):
            if state.facilities[new.id] != nil { throw .facilityAlreadyRegistered(new.id) }
            let (cell, point, district) = try locate(new.place)
            if new.kind != .shelter, new.capacity != nil || new.nightCapacity != nil { throw .capacityOnlyForShelters(new.id) }
            let f = Facility(
                id: new.id, kind: new.kind, name: Bilingual(try required(new.name.en, what: Bilingual("name", "名称")), new.name.zh), point: point, cell: cell, district: district,
                capacity: new.capacity, nightCapacity: new.nightCapacity, detail: new.detail)
            return [.facilityRegistered(facility: f)]

        case let .update(id, change):
            guard var f = state.facilities[id] else { throw .unknownFacility(id) }
            if let name = change.name { f.name = name.merged(over: f.name) }
            if let place = change.place { (f.cell, f.point, f.district) = try locate(place) }
            if let capacity = change.capacity {
                if f.kind != .shelter { throw .capacityOnlyForShelters(id) }
                f.capacity = capacity
            }
            if let night = change.nightCapacity {
                if f.kind != .shelter { throw .capacityOnlyForShelters(id) }
                f.nightCapacity = night
            }
            if let detail = change.detail { f.detail = detail }
            if f == state.facilities[id] { throw .facilityUnchanged(id) }
            return [.facilityUpdated(facility: f)]

        case let .retire(id, reason):
            guard state.facilities[id] != nil else { throw .unknownFacility(id) }
            if state.shelters[id]?.isOpen == true { throw .shelterStillOpen(id) }
            // A depot with goods promised or on the road keeps its record until they arrive.
            if let pending = state.supplyRequests.values.first(where: { r in r.legs.contains { $0.depot == id && $0.stage != .delivered } }) {
                throw .nothingAtStage(pending.id, depot: id, stage: Bilingual("delivered yet", "送达"))
            }
            return [.facilityRetired(facility: id, reason: try required(reason))]
        }
    }

    /// A place on the map: its cell, the point given (if any) and the district.
    func locate(_ place: PlaceInput) throws(Rejection) -> (Cell, GeoPoint?, String?) {
        let r = try report(NewIncident(type: .other, place: place))
        return (r.location.cell, r.location.point, r.district)
    }
}

extension CityData {
    /// The commands that bring the record's teams and facilities in step with this file: what
    /// the record does not have is registered, what differs is updated, anything else is left
    /// alone. Importing the same file twice gives no commands the second time.
    public func importCommands(toMatch state: CommandState) -> (commands: [Command], teams: ImportCount, facilities: ImportCount) {
        let t = teamCommands(toMatch: state)
        var commands = t.commands
        var f = ImportCount()
        for facility in facilities {
            let place = PlaceInput.cell(facility.cell)
            switch state.facilities[facility.id] {
            case nil:
                commands.append(
                    .facility(
                        .register(
                            NewFacility(
                                id: facility.id, kind: facility.kind, name: facility.name, place: facility.point.map { .point($0, datum: .gcj02) } ?? place, capacity: facility.capacity,
                                nightCapacity: facility.nightCapacity, detail: facility.detail))))
                f.registered += 1
            case let known? where !known.sameAsFile(facility):
                commands.append(
                    .facility(
                        .update(
                            facility.id,
                            FacilityChange(
                                name: known.name != facility.name ? facility.name : nil,
                                place: known.cell != facility.cell || known.point != facility.point ? facility.point.map { .point($0, datum: .gcj02) } ?? place : nil,
                                capacity: known.capacity != facility.capacity ? facility.capacity : nil,
                                nightCapacity: known.nightCapacity != facility.nightCapacity ? facility.nightCapacity : nil,
                                detail: known.detail != facility.detail ? facility.detail : nil))))
                f.updated += 1
            case .some:
                f.unchanged += 1
            }
        }
        return (commands, ImportCount(registered: t.registered, updated: t.updated, unchanged: t.unchanged), f)
    }
}

/// How many records an import registers, updates and leaves alone.
public struct ImportCount: Hashable, Sendable {
    public var registered = 0, updated = 0, unchanged = 0

    public init(registered: Int = 0, updated: Int = 0, unchanged: Int = 0) {
        self.registered = registered
        self.updated = updated
        self.unchanged = unchanged
    }
}

extension Bilingual {
    /// This name over an earlier one: a language left empty keeps the earlier text.
    func merged(over old: Bilingual) -> Bilingual { Bilingual(en.isEmpty ? old.en : en, zh.isEmpty ? old.zh : zh) }
}

extension Facility {
    /// Whether the record says what a city file says of a facility: the district is the
    /// record's own (attributed by the boundaries when it was placed), so it is not compared.
    func sameAsFile(_ f: Facility) -> Bool {
        kind == f.kind && name == f.name && cell == f.cell && point == f.point && capacity == f.capacity && nightCapacity == f.nightCapacity && detail == f.detail
    }
}
