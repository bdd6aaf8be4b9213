/// The statutory category of an emergency (《突发事件应对法》 art. 3).
public enum IncidentCategory: String, Sendable, Codable, CaseIterable, Hashable {
    case naturalDisaster = "natural-disaster"
    case accidentDisaster = "accident-disaster"
    case publicHealth = "public-health"
    case socialSecurity = "social-security"

    public var name: Bilingual {
        switch self {
        case .naturalDisaster: Bilingual("natural disaster", "自然灾害")
        case .accidentDisaster: Bilingual("accident/disaster", "事故灾难")
        case .publicHealth: Bilingual("public health", "公共卫生事件")
        case .socialSecurity: Bilingual("social security", "社会安全事件")
        }
    }
}

/// The type of an incident. Each type belongs to exactly one ``IncidentCategory``.
public enum IncidentType: String, Sendable, Codable, CaseIterable, Hashable {
    case flood
    case urbanWaterlogging = "waterlogging"
    case rainstorm
    case forestFire = "forest-fire"
    case earthquake
    case landslide
    case buildingCollapse = "building-collapse"
    case gasExplosion = "gas-explosion"
    case hazmatLeak = "hazmat-leak"
    case fire
    case trafficAccident = "traffic-accident"
    case powerOutage = "power-outage"
    case waterMainBurst = "water-main-burst"
    case epidemicCluster = "epidemic-cluster"
    case crowdCrush = "crowd-crush"
    case other

    public var category: IncidentCategory {
        switch self {
        case .flood, .urbanWaterlogging, .rainstorm, .forestFire, .earthquake, .landslide:
            .naturalDisaster
        case .buildingCollapse, .gasExplosion, .hazmatLeak, .fire, .trafficAccident, .powerOutage,
            .waterMainBurst, .other:
            .accidentDisaster
        case .epidemicCluster:
            .publicHealth
        case .crowdCrush:
            .socialSecurity
        }
    }

    public var name: Bilingual {
        switch self {
        case .flood: Bilingual("flood", "洪水")
        case .urbanWaterlogging: Bilingual("waterlogging", "城市内涝")
        case .rainstorm: Bilingual("rainstorm", "暴雨")
        case .forestFire: Bilingual("forest fire", "森林火灾")
        case .earthquake: Bilingual("earthquake", "地震")
        case .landslide: Bilingual("landslide", "山体滑坡/泥石流")
        case .buildingCollapse: Bilingual("building collapse", "建筑坍塌")
        case .gasExplosion: Bilingual("gas explosion", "燃气爆炸")
        case .hazmatLeak: Bilingual("hazmat leak", "危化品泄漏")
        case .fire: Bilingual("fire", "火灾")
        case .trafficAccident: Bilingual("traffic accident", "交通事故")
        case .powerOutage: Bilingual("power outage", "停电")
        case .waterMainBurst: Bilingual("water-main burst", "供水管爆裂")
        case .epidemicCluster: Bilingual("epidemic cluster", "聚集性疫情")
        case .crowdCrush: Bilingual("crowd crush", "踩踏")
        case .other: Bilingual("other", "其他")
        }
    }

    /// Accepts the raw name, common aliases, and the Chinese name.
    public init?(parsing text: String) {
        let t = text.lowercased()
        if let v = IncidentType(rawValue: t) { self = v; return }
        let aliases: [String: IncidentType] = [
            "waterlog": .urbanWaterlogging, "urban-waterlogging": .urbanWaterlogging,
            "debris-flow": .landslide, "mudslide": .landslide, "collapse": .buildingCollapse,
            "gas": .gasExplosion, "hazmat": .hazmatLeak, "chemical-leak": .hazmatLeak,
            "traffic": .trafficAccident, "outage": .powerOutage, "power": .powerOutage,
            "water-main": .waterMainBurst, "epidemic": .epidemicCluster, "crush": .crowdCrush,
            "flash-flood": .flood,
        ]
        if let v = aliases[t] { self = v; return }
        if let v = IncidentType.allCases.first(where: { $0.name.zh == text }) { self = v; return }
        return nil
    }
}
