import Foundation

/// What a team can do. Plans ask for capabilities with counts; recommendations match them.
public enum Capability: String, Sendable, Codable, CaseIterable, Hashable, Comparable {
    case floodRescue = "flood-rescue"
    case forestFirefighting = "forest-firefighting"
    case urbanFire = "urban-fire"
    case hazmat
    case medical
    case searchAndRescue = "search-rescue"
    case power
    case gas
    case water
    case traffic
    case engineering
    case epidemic
    case publicSecurity = "public-security"

    public static func < (a: Capability, b: Capability) -> Bool { a.rawValue < b.rawValue }

    public var name: Bilingual {
        switch self {
        case .floodRescue: Bilingual("flood rescue", "防汛抢险")
        case .forestFirefighting: Bilingual("forest firefighting", "森林灭火")
        case .urbanFire: Bilingual("urban fire", "城市消防")
        case .hazmat: Bilingual("hazmat", "危化品处置")
        case .medical: Bilingual("medical", "医疗救护")
        case .searchAndRescue: Bilingual("search and rescue", "搜救")
        case .power: Bilingual("power", "电力抢修")
        case .gas: Bilingual("gas", "燃气抢修")
        case .water: Bilingual("water", "供水抢修")
        case .traffic: Bilingual("traffic", "交通管控")
        case .engineering: Bilingual("engineering", "工程抢险")
        case .epidemic: Bilingual("epidemic control", "疾控")
        case .publicSecurity: Bilingual("public security", "公安")
        }
    }
}

/// Where a team is in its cycle of work.
public enum TeamStatus: String, Sendable, Codable, CaseIterable, Hashable {
    case available
    case dispatched
    case enRoute = "en-route"
    case onScene = "on-scene"
    case returning
    case outOfService = "out-of-service"

    /// A team on an incident: dispatched, en route or on scene.
    public var isCommitted: Bool {
        switch self {
        case .dispatched, .enRoute, .onScene: true
        default: false
        }
    }

    /// The moves a team may make by a status change. Assignment and release are their own
    /// commands.
    public var allowedNext: [TeamStatus] {
        switch self {
        case .available: [.outOfService]
        case .dispatched: [.enRoute, .onScene, .returning]
        case .enRoute: [.onScene, .returning]
        case .onScene: [.returning]
        case .returning: [.available, .outOfService]
        case .outOfService: [.available]
        }
    }

    public var name: Bilingual {
        switch self {
        case .available: Bilingual("available", "待命")
        case .dispatched: Bilingual("dispatched", "已派出")
        case .enRoute: Bilingual("en route", "途中")
        case .onScene: Bilingual("on scene", "到场")
        case .returning: Bilingual("returning", "返回")
        case .outOfService: Bilingual("out of service", "停用")
        }
    }

    public init?(parsing text: String) {
        let t = text.lowercased().replacingOccurrences(of: "_", with: "-")
        if let v = TeamStatus(rawValue: t) { self = v; return }
        switch t {
        case "enroute", "route": self = .enRoute
        case "onscene", "scene": self = .onScene
        case "out", "oos": self = .outOfService
        case "back", "return": self = .returning
        default:
            guard let v = TeamStatus.allCases.first(where: { $0.name.zh == text }) else { return nil }
            self = v
        }
    }
}

/// A response team: its standing data (from the sample or the centre's roster of teams).
public struct TeamProfile: Hashable, Sendable, Codable {
    public var id: TeamID
    public var name: Bilingual
    public var capabilities: [Capability]
    public var base: Cell
    public var district: String?
    /// The centre a visiting team comes from (mutual aid: `hebei`); nil for the centre's own.
    public var home: String?

    public init(id: TeamID, name: Bilingual, capabilities: [Capability], base: Cell, district: String? = nil, home: String? = nil) {
        self.id = id
        self.home = home
        self.name = name
        self.capabilities = capabilities
        self.base = base
        self.district = district
    }
}

/// A team as the state knows it: profile, status, where it serves, since when.
public struct Team: Hashable, Sendable {
    public var profile: TeamProfile
    public var status: TeamStatus
    public var incident: IncidentID?
    public var since: Date

    public init(profile: TeamProfile, status: TeamStatus, incident: IncidentID?, since: Date) {
        self.profile = profile
        self.status = status
        self.incident = incident
        self.since = since
    }

    public var id: TeamID { profile.id }
}
