import Foundation

/// One alert written: its identifier and its CAP 1.2 XML.
public struct CAPDocument: Hashable, Sendable {
    public var identifier: String
    public var xml: String
}

/// Writes the centre's warnings and incidents as CAP 1.2 alerts in China's profile
/// (GB/T 35965.1; docs/CAP.md): identifiers built on the centre's 6-digit area code, times in
/// +08:00, one `<area>` per district with its boundary polygons (WGS-84, from the map's
/// `.places`) and its ADCODE `<geocode>`, two `<info>` blocks (zh-CN, en-US), status `Exercise`
/// for a drill's data. Pure: the caller decides what may be exported (``CAPExport/visible``).
public struct CAPExport: Sendable {
    /// The centre's area code (`110000`).
    public var areaCode: String
    /// `<sender>`: who the centre is to receivers.
    public var sender: String
    /// `<senderName>` in each language.
    public var senderName: Bilingual
    public var grid: Grid
    public var places: Places?
    /// The most points a polygon keeps (a district's boundary is thinned evenly to this).
    public var maxPolygonPoints = 200

    public init(areaCode: String, sender: String, senderName: Bilingual, grid: Grid, places: Places?) {
        self.areaCode = areaCode
        self.sender = sender
        self.senderName = senderName
        self.grid = grid
        self.places = places
    }

    /// The area code the map's districts share (`110000` for Beijing's `1101xx`), if they do.
    public static func areaCode(of grid: Grid) -> String? {
        let prefixes = Set(grid.districts.map { String($0.code.prefix(2)) })
        guard prefixes.count == 1, let p = prefixes.first, p.count == 2, p.allSatisfy(\.isNumber) else { return nil }
        return p + "0000"
    }

    /// `110000DH_WRN-0003_20260731020000`: the area code, `DH` (this system), the object's id
    /// and the time of the version written (+08:00), so one version always gets one identifier.
    public func identifier(_ object: String, at time: Date) -> String {
        "\(areaCode)DH_\(object)_\(Self.stamp(time))"
    }

    /// What a reader without the coordinator's reveal may see: nothing of a running blind drill.
    public static func visible(_ exercise: String?, in state: CommandState, reveal: Bool) -> Bool {
        guard let exercise, let run = state.drills[exercise] else { return true }
        return reveal || run.isDisclosed
    }

    // MARK: Warnings

    public func alert(for w: Warning) -> CAPDocument {
        let id = identifier(w.id.description, at: w.issued)
        let (severity, urgency, certainty) = Self.grade(w.color)
        let districts = w.districts.isEmpty ? [] : w.districts.compactMap { slug in grid.districts.first { $0.slug == slug } }
        let whereZh = districts.isEmpty ? "全市" : districts.map(\.name.zh).joined(separator: "、")
        let whereEn = districts.isEmpty ? "the whole city" : districts.map(\.name.en).joined(separator: ", ")
        let exercise = w.exercise.map { Bilingual("Exercise \($0). ", "演练 \($0)。") } ?? Bilingual("", "")
        func info(_ lang: Language) -> Info {
            Info(
                language: lang, category: Self.category(w.hazard), event: lang == .zh ? "\(w.hazard.name.zh)" : w.hazard.name.en.capitalized, urgency: urgency,
                severity: severity, certainty: certainty, effective: w.issued, expires: w.expires,
                senderName: w.authority.isEmpty ? senderName(lang) : w.authority,
                headline: Bilingual("\(w.color.name.en.capitalized) \(w.hazard.name.en) warning: \(whereEn)", "\(w.hazard.name.zh)\(w.color.name.zh)预警：\(whereZh)")(lang),
                description: exercise(lang)
                    + Bilingual(
                        "\(w.id) issued \(Self.time(w.issued)) by \(w.authority) for \(whereEn)\(w.expires.map { ", until \(Self.time($0))" } ?? "").",
                        "\(w.id) 由\(w.authority)于 \(Self.time(w.issued)) 发布，范围：\(whereZh)\(w.expires.map { "，有效至 \(Self.time($0))" } ?? "")。")(lang),
                parameters: [("color", w.color.name.en), ("预警颜色", w.color.name.zh + "色")], areas: areas(districts, lang))
        }
        let xml = document(
            identifier: id, sent: w.issued, status: w.exercise == nil ? "Actual" : "Exercise", note: w.exercise.map { "Exercise \($0)" }, incidents: nil,
            infos: [info(.zh), info(.en)])
        return CAPDocument(identifier: id, xml: xml)
    }

    // MARK: Incidents

    public func alert(for i: Incident) -> CAPDocument {
        let changed = max(i.statuses.last?.at ?? i.reportedAt, i.levels.last?.at ?? i.reportedAt)
        let id = identifier(i.id.description, at: changed)
        let district = i.district.flatMap { slug in grid.districts.first { $0.slug == slug } }
        let severity: String
        switch i.level {
        case .i: severity = "Extreme"
        case .ii: severity = "Severe"
        case .iii: severity = "Moderate"
        case .iv: severity = "Minor"
        case .none: severity = "Unknown"
        }
        let point = (places?.frame ?? .gcj02).convert(grid.centre(of: i.location.cell), to: .wgs84)
        let exercise = i.exercise.map { Bilingual("Exercise \($0). ", "演练 \($0)。") } ?? Bilingual("", "")
        func info(_ lang: Language) -> Info {
            let level = i.level == .none ? Bilingual("no level", "未定级") : Bilingual("level \(i.level.roman)", "\(i.level.roman) 级")
            let figures = Figures.Field.allCases.filter { i.figures[$0] > 0 }
            let said = figures.isEmpty ? "" : figures.map { Bilingual("\($0.name.en) \(i.figures[$0])", "\($0.name.zh) \(i.figures[$0])")(lang) }.joined(separator: lang == .zh ? "，" : ", ")
            var area = areas(district.map { [$0] } ?? [], lang, whole: district == nil && i.outside == nil)
            if area.isEmpty { area = [Area(description: i.outside?.name(lang) ?? i.title, polygons: [], geocodes: [])] }
            area[0].circle = String(format: "%.5f,%.5f 0.5", point.lat, point.lon)
            return Info(
                language: lang, category: Self.category(i.type), event: lang == .zh ? i.type.name.zh : i.type.name.en.capitalized, urgency: i.isActive ? "Immediate" : "Past",
                severity: severity, certainty: i.verified ? "Observed" : "Likely", effective: i.reportedAt, expires: nil, senderName: senderName(lang),
                headline: "\(i.id) " + i.title,
                description: exercise(lang) + Bilingual("\(i.type.name.en), \(level.en), \(i.status.name.en)", "\(i.type.name.zh)，\(level.zh)，\(i.status.name.zh)")(lang)
                    + (said.isEmpty ? "" : (lang == .zh ? "；" : "; ") + said),
                parameters: [], areas: area)
        }
        let xml = document(
            identifier: id, sent: changed, status: i.exercise == nil ? "Actual" : "Exercise", note: i.exercise.map { "Exercise \($0)" }, incidents: i.id.description,
            infos: [info(.zh), info(.en)])
        return CAPDocument(identifier: id, xml: xml)
    }

    // MARK: Writing

    struct Area {
        var description: String
        var polygons: [String]
        var circle: String?
        var geocodes: [String]
    }

    struct Info {
        var language: Language
        var category: String
        var event: String
        var urgency, severity, certainty: String
        var effective: Date
        var expires: Date?
        var senderName: String
        var headline: String
        var description: String
        var parameters: [(String, String)]
        var areas: [Area]
    }

    /// One `<area>` per district (its polygons and ADCODE); none given: the centre's whole area
    /// by its own code.
    func areas(_ districts: [District], _ lang: Language, whole: Bool = true) -> [Area] {
        if districts.isEmpty {
            return whole ? [Area(description: Bilingual("The whole city", "全市")(lang), polygons: [], geocodes: [areaCode])] : []
        }
        return districts.map { d in
            Area(description: d.name(lang), polygons: polygons(of: d), geocodes: [d.code])
        }
    }

    /// The district's outer boundary rings from the `.places` file, in WGS-84, thinned evenly
    /// and closed (CAP: at least four points, the first repeated last).
    func polygons(of d: District) -> [String] {
        guard let places, let place = places.places.first(where: { $0.code == d.code }) else { return [] }
        return place.rings.filter { !$0.hole }.compactMap { ring in
            var pts = ring.points
            if pts.first == pts.last { pts.removeLast() }
            guard pts.count >= 3 else { return nil }
            let step = max(1, (pts.count + maxPolygonPoints - 2) / (maxPolygonPoints - 1))
            var kept = stride(from: 0, to: pts.count, by: step).map { pts[$0] }
            if kept.count < 3 { kept = Array(pts.prefix(3)) }
            kept.append(kept[0])
            return kept.map { p in
                let w = places.frame.convert(p, to: .wgs84)
                return String(format: "%.5f,%.5f", w.lat, w.lon)
            }.joined(separator: " ")
        }
    }

    func document(identifier: String, sent: Date, status: String, note: String?, incidents: String?, infos: [Info]) -> String {
        var x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">\n"
        func el(_ name: String, _ value: String, _ indent: String = "  ") { x += "\(indent)<\(name)>\(Self.escape(value))</\(name)>\n" }
        el("identifier", identifier)
        el("sender", sender)
        el("sent", Self.time(sent))
        el("status", status)
        el("msgType", "Alert")
        el("scope", "Public")
        if let note { el("note", note) }
        if let incidents { el("incidents", incidents) }
        for info in infos {
            x += "  <info>\n"
            let i = "    "
            el("language", info.language == .zh ? "zh-CN" : "en-US", i)
            el("category", info.category, i)
            el("event", info.event, i)
            el("urgency", info.urgency, i)
            el("severity", info.severity, i)
            el("certainty", info.certainty, i)
            el("effective", Self.time(info.effective), i)
            if let e = info.expires { el("expires", Self.time(e), i) }
            el("senderName", info.senderName, i)
            el("headline", info.headline, i)
            el("description", info.description, i)
            for (name, value) in info.parameters {
                x += "\(i)<parameter><valueName>\(Self.escape(name))</valueName><value>\(Self.escape(value))</value></parameter>\n"
            }
            for a in info.areas {
                x += "\(i)<area>\n"
                el("areaDesc", a.description, i + "  ")
                for p in a.polygons { el("polygon", p, i + "  ") }
                if let c = a.circle { el("circle", c, i + "  ") }
                for g in a.geocodes { x += "\(i)  <geocode><valueName>ADCODE</valueName><value>\(Self.escape(g))</value></geocode>\n" }
                x += "\(i)</area>\n"
            }
            x += "  </info>\n"
        }
        x += "</alert>\n"
        return x
    }

    /// CAP's grading of a warning colour (GB/T 35965.1: red Extreme … blue Minor), chosen so
    /// the centre's own ladder (`Resources/cap/colour-ladder.txt`) gives the colour back.
    static func grade(_ c: WarningColor) -> (severity: String, urgency: String, certainty: String) {
        switch c {
        case .red: ("Extreme", "Immediate", "Likely")
        case .orange: ("Severe", "Expected", "Likely")
        case .yellow: ("Moderate", "Expected", "Likely")
        case .blue: ("Minor", "Future", "Possible")
        }
    }

    static func category(_ t: IncidentType) -> String {
        switch t {
        case .flood, .rainstorm, .urbanWaterlogging: "Met"
        case .earthquake, .landslide: "Geo"
        case .forestFire, .fire, .gasExplosion: "Fire"
        case .buildingCollapse: "Infra"
        case .hazmatLeak: "CBRNE"
        case .trafficAccident: "Transport"
        case .powerOutage, .waterMainBurst: "Infra"
        case .epidemicCluster: "Health"
        case .crowdCrush: "Safety"
        case .other: "Other"
        }
    }

    /// `2026-07-31T02:00:00+08:00`: CAP's form, in the China profile's zone.
    public static func time(_ d: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 8 * 3600) ?? .gmt
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: d)
        func two(_ v: Int?) -> String { String(format: "%02d", v ?? 0) }
        return String(format: "%04d", c.year ?? 0) + "-\(two(c.month))-\(two(c.day))T\(two(c.hour)):\(two(c.minute)):\(two(c.second))+08:00"
    }

    static func stamp(_ d: Date) -> String { time(d).prefix(19).filter(\.isNumber) }

    static func escape(_ s: String) -> String {
        var out = ""
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default:
                // XML 1.0 allows tab, line feed, carriage return and nothing else below space.
                if ch.value < 0x20 && ch != "\t" && ch != "\n" && ch != "\r" { continue }
                out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}
