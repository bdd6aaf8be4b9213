import Foundation

/// The id of a shelter, depot or hazard source (`SH-01`), as the centre writes it.
public struct FacilityID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let raw: String

    public init(_ raw: String) { self.raw = raw.uppercased() }

    public var description: String { raw }
    public static func < (a: Self, b: Self) -> Bool { a.raw < b.raw }

    public init(from decoder: any Decoder) throws { self.init(try decoder.singleValueContainer().decode(String.self)) }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(raw)
    }
}

/// A fixed place on the one-map: a shelter, a supply depot or a major hazard source. On the
/// record (`facilityRegistered`/`facilityUpdated`/`facilityRetired`) with its id, so every
/// console and `exec` share the centre's own list.
public struct Facility: Hashable, Sendable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case shelter, depot, hazard

        public var name: Bilingual {
            switch self {
            case .shelter: Bilingual("shelter", "避难场所")
            case .depot: Bilingual("depot", "物资储备库")
            case .hazard: Bilingual("hazard source", "危险源")
            }
        }

        /// `shelter`, `depot`, `hazard`, or their Chinese names.
        public init?(parsing text: String) {
            guard let k = Self.allCases.first(where: { $0.rawValue == text.lowercased() || $0.name.zh == text }) else { return nil }
            self = k
        }
    }
    public var id: FacilityID
    public var kind: Kind
    public var name: Bilingual
    public var point: GeoPoint?
    public var cell: Cell
    /// The district's slug, when known.
    public var district: String?
    /// People a shelter holds; nil for others.
    public var capacity: Int?
    /// People a shelter holds at night (22:00–06:00), when it differs; absent in older records.
    public var nightCapacity: Int?
    /// For hazards: hazmat, gas, tailings …
    public var detail: String?

    public init(
        id: FacilityID, kind: Kind, name: Bilingual, point: GeoPoint?, cell: Cell, district: String? = nil, capacity: Int? = nil, nightCapacity: Int? = nil, detail: String? = nil
    ) {
        self.id = id
        self.nightCapacity = nightCapacity
        self.kind = kind
        self.name = name
        self.point = point
        self.cell = cell
        self.district = district
        self.capacity = capacity
        self.detail = detail
    }
}

/// Operational data for a city: teams to register, and facilities to draw. The Beijing file
/// is clearly labelled sample data.
public struct CityData: Sendable {
    public var isSample: Bool
    public var teams: [TeamProfile]
    public var facilities: [Facility]

    public init(isSample: Bool, teams: [TeamProfile], facilities: [Facility]) {
        self.isSample = isSample
        self.teams = teams
        self.facilities = facilities
    }

    /// Reads the YAML (`teams`, `shelters`, `depots`, `hazards`; positions as `at: [lat, lon]`
    /// in the file's `datum:`, WGS-84 unless it says `gcj02`), placing everything on the grid
    /// (whose frame is GCJ-02). Keeps every good record; reports the rest.
    public static func load(_ text: String, file: String, grid: Grid) -> (CityData, [FileIssue]) {
        var r = YAMLReader(file: file)
        var data = CityData(isSample: false, teams: [], facilities: [])
        guard let root = r.root(text) else { return (data, r.issues) }
        // The frame is read first: it applies to every position, wherever the key stands.
        let sections = r.pairs(root)
        var datum = Datum.wgs84
        if let d = sections.first(where: { $0.key == "datum" })?.value {
            datum = r.value(d, "datum", accepted: Datum.allCases.map(\.rawValue)) { Datum(rawValue: $0) } ?? .wgs84
        }
        func place(_ item: YAMLReader.Located) -> (GeoPoint, Cell)? {
            guard let at = r.child(item, "at") else { return nil }
            let xs = r.items(at).compactMap { r.double($0) }
            guard xs.count == 2 else { r.fail(at, at.path, Bilingual("write a position as [lat, lon]", "位置应写作 [纬度, 经度]")); return nil }
            let p = datum.convert(GeoPoint(lat: xs[0], lon: xs[1]), to: .gcj02)
            guard let c = grid.cell(for: p) else { r.fail(at, at.path, Bilingual("\(xs[0]), \(xs[1]) is outside the map", "\(xs[0])，\(xs[1]) 不在地图范围内")); return nil }
            return (p, c)
        }
        for (key, value) in sections {
            switch key {
            case "version": _ = r.int(value)
            case "datum": break  // read above
            case "sample": data.isSample = r.string(value) == "true"
            case "teams":
                for item in r.items(value) {
                    guard let id = r.child(item, "id").flatMap({ r.string($0) }), let name = r.child(item, "name").flatMap({ r.bilingual($0) }),
                        let capsNode = r.child(item, "capabilities"), let (_, cell) = place(item)
                    else { continue }
                    let caps = r.items(capsNode).compactMap { r.value($0, "capability", accepted: Capability.allCases.map(\.rawValue)) { Capability(rawValue: $0) } }
                    data.teams.append(TeamProfile(id: TeamID(id), name: name, capabilities: caps, base: cell, district: grid.district(at: cell)?.slug))
                }
            case "shelters", "depots", "hazards":
                let kind: Facility.Kind = key == "shelters" ? .shelter : key == "depots" ? .depot : .hazard
                for item in r.items(value) {
                    guard let idNode = r.child(item, "id"), let id = r.string(idNode), let name = r.child(item, "name").flatMap({ r.bilingual($0) }), let (p, c) = place(item)
                    else { continue }
                    guard id.count <= Limits.name, !id.isEmpty, id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
                        r.fail(idNode, idNode.path, Bilingual("'\(id)' is not a facility id; write letters, digits and '-', e.g. SH-01", "“\(id)”不是设施编号；应由字母、数字和“-”组成，如 SH-01"))
                        continue
                    }
                    if data.facilities.contains(where: { $0.id == FacilityID(id) }) {
                        r.fail(idNode, idNode.path, Bilingual("'\(id)' is listed twice", "“\(id)”重复"))
                        continue
                    }
                    let capacity = kind == .shelter ? r.child(item, "capacity").flatMap { r.int($0, min: 1) } : nil
                    let night = kind == .shelter ? r.child(item, "night-capacity", required: false).flatMap { r.int($0, min: 1) } : nil
                    let detail = kind == .hazard ? r.child(item, "kind", required: false).flatMap { r.string($0) } : nil
                    data.facilities.append(
                        Facility(id: FacilityID(id), kind: kind, name: name, point: p, cell: c, district: grid.district(at: c)?.slug, capacity: capacity, nightCapacity: night, detail: detail))
                }
            default:
                r.fail(value, key, Bilingual("unknown section '\(key)'; expected datum, teams, shelters, depots or hazards", "未知的段“\(key)”；可选：datum、teams、shelters、depots、hazards"))
            }
        }
        return (data, r.issues)
    }
}

extension CityData {
    /// The commands that bring the record's teams in step with this file: a team the record does
    /// not have is registered, a team whose profile differs is updated, anything else is left
    /// alone. Importing the same file twice gives no commands the second time.
    public func teamCommands(toMatch state: CommandState) -> (commands: [Command], registered: Int, updated: Int, unchanged: Int) {
        var commands: [Command] = []
        var registered = 0, updated = 0, unchanged = 0
        for profile in teams {
            switch state.teams[profile.id] {
            case nil:
                commands.append(.team(.register(profile)))
                registered += 1
            case let team? where team.profile != profile:
                commands.append(.team(.update(profile)))
                updated += 1
            case .some:
                unchanged += 1
            }
        }
        return (commands, registered, updated, unchanged)
    }
}
