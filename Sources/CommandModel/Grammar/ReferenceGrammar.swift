import Foundation

/// The centre's reference data in the one grammar: `team add/update`, `facility add/update/retire`.
extension LineParser {
    /// Whether the next word is one of `words` (taken if so).
    mutating func take(_ words: [String]) -> Bool {
        guard !atEnd, words.contains(tokens[position].text.lowercased()) else { return false }
        position += 1
        return true
    }

    /// The options shared by teams and facilities: `name "…"`, `zh "…"`, `at <place>`,
    /// `caps a,b`, `capacity N`, `kind X`, each at most once; `allowed` names those this
    /// command takes.
    mutating func referenceOptions(allowed: Set<String>) throws(GrammarError) -> ReferenceOptions {
        var o = ReferenceOptions()
        var seen: Set<String> = []
        while !atEnd {
            let t = try next(Bilingual("an option", "选项"))
            let key: String
            switch t.text.lowercased() {
            case "name", "名称": key = "name"
            case "zh", "中文名": key = "zh"
            case "at", "在": key = "at"
            case "caps", "capabilities", "能力": key = "caps"
            case "capacity", "容量": key = "capacity"
            case "night", "夜间容量": key = "night"
            case "kind", "类别": key = "kind"
            default: key = ""
            }
            guard allowed.contains(key) else {
                let list = allowed.sorted().joined(separator: ", ")
                throw GrammarError(column: t.column, Bilingual("unknown option '\(t.text)'; options: \(list)", "未知选项“\(t.text)”；可选：\(list)"))
            }
            guard seen.insert(key).inserted else { throw GrammarError(column: t.column, Bilingual("'\(key)' is given twice", "“\(key)”重复")) }
            switch key {
            case "name": o.name = try next(Bilingual("a name", "名称")).text
            case "zh": o.zh = try next(Bilingual("a Chinese name", "中文名称")).text
            case "at": o.place = try place(try next(Bilingual("a place: district, lat,lon or cell:x,y", "地点：区名、纬度,经度 或 cell:x,y")))
            case "caps": o.capabilities = try capabilities()
            case "capacity": o.capacity = try count()
            case "night": o.nightCapacity = try count()
            default: o.detail = try next(Bilingual("a hazard kind (hazmat, gas, tailings…)", "危险源类别（hazmat、gas、tailings…）")).text
            }
        }
        return o
    }

    /// A whole number of people, zero or more.
    mutating func count() throws(GrammarError) -> Int {
        let n = try next(Bilingual("a number of people", "人数"))
        guard let v = Int(n.text.replacingOccurrences(of: "_", with: "")), v >= 0 else {
            throw GrammarError(column: n.column, Bilingual("'\(n.text)' is not a whole number of zero or more", "“\(n.text)”不是非负整数"))
        }
        return v
    }

    /// `shelter <ID> open|close <reason>` · `shelter <ID> in <N> [for INC-n]` · `shelter <ID> out <N>`.
    mutating func shelterCommand() throws(GrammarError) -> Command {
        let id = try facilityID()
        let sub = try next(Bilingual("open, close, in or out", "open、close、in 或 out"))
        switch sub.text.lowercased() {
        case "open", "开放": return .shelter(.open(id, reason: try rest(LineParser.reason)))
        case "close", "关闭": return .shelter(.close(id, reason: try rest(LineParser.reason)))
        case "in", "入住":
            let n = try count()
            var incident: IncidentID?
            if take(["for", "来自"]) { incident = try self.incident() }
            try finish()
            return .shelter(.checkIn(id, count: n, for: incident))
        case "out", "离开":
            let n = try count()
            try finish()
            return .shelter(.checkOut(id, count: n))
        default:
            let hint = Grammar.closest(to: sub.text, among: ["open", "close", "in", "out"]).map { Bilingual(" (did you mean '\($0)'?)", "（是否要输入“\($0)”？）") } ?? Bilingual("", "")
            throw GrammarError(column: sub.column, Bilingual("unknown '\(sub.text)'\(hint.en); write open, close, in or out", "未知“\(sub.text)”\(hint.zh)；应为 open、close、in 或 out"))
        }
    }

    /// `a,b,c` capabilities; a mistake lists them all.
    mutating func capabilities() throws(GrammarError) -> [Capability] {
        let t = try next(Bilingual("capabilities (flood-rescue,medical)", "能力（如 flood-rescue,medical）"))
        var out: [Capability] = []
        for part in t.text.split(whereSeparator: { $0 == "," || $0 == "、" || $0 == "，" }) {
            guard let c = Capability(rawValue: String(part).lowercased()) else {
                let all = Capability.allCases.map(\.rawValue)
                throw GrammarError(column: t.column, Bilingual("unknown capability '\(part)'; capabilities: \(all.joined(separator: ", "))", "未知能力“\(part)”；可选：\(all.joined(separator: "、"))"))
            }
            if !out.contains(c) { out.append(c) }
        }
        return out
    }

    mutating func facilityID() throws(GrammarError) -> FacilityID {
        let t = try next(Bilingual("a facility id (SH-01)", "设施编号（如 SH-01）"))
        guard t.text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
            throw GrammarError(column: t.column, Bilingual("'\(t.text)' is not a facility id; write SH-01", "“\(t.text)”不是设施编号；应写作 SH-01"))
        }
        return FacilityID(t.text)
    }

    /// `team add <ID> <caps> at <place> name "…" [zh "…"]` · `team update <ID> [caps …] [at …] [name …] [zh …]`.
    mutating func teamReferenceCommand(adding: Bool) throws(GrammarError) -> Command {
        let id = try team()
        if adding {
            let caps = try capabilities()
            let o = try referenceOptions(allowed: ["name", "zh", "at"])
            guard let place = o.place else { throw GrammarError(column: end, Bilingual("where is its base? add: at <district|lat,lon|cell:x,y>", "驻地？请加：at <区名|纬度,经度|cell:x,y>")) }
            guard let name = o.name else { throw GrammarError(column: end, Bilingual("what is it called? add: name \"…\"", "名称？请加：name \"…\"")) }
            return .team(.add(NewTeam(id: id, name: Bilingual(name, o.zh ?? name), capabilities: caps, place: place)))
        }
        let o = try referenceOptions(allowed: ["name", "zh", "at", "caps"])
        guard o.name != nil || o.zh != nil || o.place != nil || o.capabilities != nil else {
            throw GrammarError(column: end, Bilingual("nothing to change; give name, zh, caps or at", "没有要修改的内容；请给出 name、zh、caps 或 at"))
        }
        // A name in one language keeps the other as recorded.
        return .team(.change(id, TeamChange(name: o.bilingualName, capabilities: o.capabilities, place: o.place)))
    }

    /// `facility add <ID> <shelter|depot|hazard> at <place> name "…" [zh "…"] [capacity N] [kind X]`
    /// · `facility update <ID> …` · `facility retire <ID> <reason>`.
    mutating func facilityCommand() throws(GrammarError) -> Command {
        let sub = try next(Bilingual("add, update or retire", "add、update 或 retire"))
        switch sub.text.lowercased() {
        case "add", "新增":
            let id = try facilityID()
            let kind = try choice(Bilingual("facility kind", "设施类别"), Facility.Kind.init(parsing:))
            let o = try referenceOptions(allowed: kind == .shelter ? ["name", "zh", "at", "capacity", "night"] : kind == .hazard ? ["name", "zh", "at", "kind"] : ["name", "zh", "at"])
            guard let place = o.place else { throw GrammarError(column: end, Bilingual("where is it? add: at <district|lat,lon|cell:x,y>", "地点？请加：at <区名|纬度,经度|cell:x,y>")) }
            guard let name = o.name else { throw GrammarError(column: end, Bilingual("what is it called? add: name \"…\"", "名称？请加：name \"…\"")) }
            return .facility(.register(NewFacility(id: id, kind: kind, name: Bilingual(name, o.zh ?? name), place: place, capacity: o.capacity, nightCapacity: o.nightCapacity, detail: o.detail)))
        case "update", "修改":
            let id = try facilityID()
            let o = try referenceOptions(allowed: ["name", "zh", "at", "capacity", "night", "kind"])
            let change = FacilityChange(name: o.bilingualName, place: o.place, capacity: o.capacity, nightCapacity: o.nightCapacity, detail: o.detail)
            guard !change.isEmpty || o.zh != nil else {
                throw GrammarError(column: end, Bilingual("nothing to change; give name, zh, at, capacity or kind", "没有要修改的内容；请给出 name、zh、at、capacity 或 kind"))
            }
            return .facility(.update(id, change))
        case "retire", "撤销":
            let id = try facilityID()
            return .facility(.retire(id, reason: try rest(LineParser.reason)))
        default:
            let hint = Grammar.closest(to: sub.text, among: ["add", "update", "retire"]).map { Bilingual(" (did you mean '\($0)'?)", "（是否要输入“\($0)”？）") } ?? Bilingual("", "")
            throw GrammarError(column: sub.column, Bilingual("unknown '\(sub.text)'\(hint.en); write add, update or retire", "未知“\(sub.text)”\(hint.zh)；应为 add、update 或 retire"))
        }
    }
}

/// The options `team add/update` and `facility add/update` read.
struct ReferenceOptions {
    var name: String?
    var zh: String?
    var place: PlaceInput?
    var capabilities: [Capability]?
    var capacity: Int?
    var nightCapacity: Int?
    var detail: String?

    /// A changed name: an empty language keeps what the record has (``Bilingual/merged(over:)``).
    var bilingualName: Bilingual? {
        if name == nil && zh == nil { return nil }
        return Bilingual(name ?? "", zh ?? "")
    }
}
