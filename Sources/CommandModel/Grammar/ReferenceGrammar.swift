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
        case "open", "开放", "close", "关闭":
            let opening = ["open", "开放"].contains(sub.text.lowercased())
            var incident: IncidentID?
            if take(["for", "针对"]) { incident = try self.incident() }
            let why = try rest(LineParser.reason)
            return .shelter(opening ? .open(id, reason: why, for: incident) : .close(id, reason: why, for: incident))
        case "in", "入住":
            let n = try count()
            var incident: IncidentID?
            if take(["for", "来自"]) { incident = try self.incident() }
            try finish()
            return .shelter(.checkIn(id, count: n, for: incident))
        case "out", "离开":
            let n = try count()
            var incident: IncidentID?
            if take(["for", "来自"]) { incident = try self.incident() }
            try finish()
            return .shelter(.checkOut(id, count: n, for: incident))
        default:
            let hint = Grammar.didYouMean(sub.text, among: ["open", "close", "in", "out"])
            throw GrammarError(column: sub.column, Bilingual("unknown '\(sub.text)'\(hint.en); write open, close, in or out", "未知“\(sub.text)”\(hint.zh)；应为 open、close、in 或 out"))
        }
    }

    /// `item=N,item=N` (or one `item N` pair when `single`).
    mutating func itemList() throws(GrammarError) -> [ItemQuantity] {
        let t = try next(Bilingual("items: item=quantity,… (sandbags=2000,pumps=4)", "物资：物资=数量,…（如 sandbags=2000,pumps=4）"))
        var out: [ItemQuantity] = []
        for part in t.text.split(whereSeparator: { $0 == "," || $0 == "、" || $0 == "，" }) {
            let kv = part.split(separator: "=", maxSplits: 1)
            guard kv.count == 2, let n = Int(kv[1].replacingOccurrences(of: "_", with: "")), n > 0 else {
                throw GrammarError(column: t.column, Bilingual("'\(part)' is not item=quantity (a whole number above zero)", "“\(part)”不是 物资=数量（正整数）"))
            }
            out.append(ItemQuantity(String(kv[0]).lowercased(), n))
        }
        return out
    }

    /// `stock <DEPOT> in|out <item> <N> [note…]` · `stock <DEPOT> min <item> <N>`.
    mutating func stockCommand() throws(GrammarError) -> Command {
        let depot = try facilityID()
        let sub = try next(Bilingual("in, out or min", "in、out 或 min"))
        let what = sub.text.lowercased()
        guard ["in", "入库", "out", "出库", "min", "最低"].contains(what) else {
            let hint = Grammar.didYouMean(sub.text, among: ["in", "out", "min"])
            throw GrammarError(column: sub.column, Bilingual("unknown '\(sub.text)'\(hint.en); write in, out or min", "未知“\(sub.text)”\(hint.zh)；应为 in、out 或 min"))
        }
        let item = try next(Bilingual("an item (sandbags, pumps…)", "物资（sandbags、pumps…）")).text.lowercased()
        let n = try count()
        let line = ItemQuantity(item, n)
        switch what {
        case "in", "入库": return .supply(.receive(depot, line, note: atEnd ? "" : try rest(Bilingual("a note", "备注"))))
        case "out", "出库": return .supply(.issue(depot, line, note: atEnd ? "" : try rest(Bilingual("a note", "备注"))))
        default:
            try finish()
            return .supply(.setMinimum(depot, line))
        }
    }

    /// `supply request <INC-n|SHELTER> <items> [priority urgent|high|normal] [by <time|+Nh>]` ·
    /// `supply approve|commit|send|deliver REQ-n …`.
    mutating func supplyCommand() throws(GrammarError) -> Command {
        let sub = try next(Bilingual("request, approve, commit, send or deliver", "request、approve、commit、send 或 deliver"))
        switch sub.text.lowercased() {
        case "request", "申请":
            let target = try next(Bilingual("an incident (INC-n) or a shelter", "事件（INC-n）或避难场所"))
            let incident = target.text.uppercased().hasPrefix("INC-") ? IncidentID(parsing: target.text) : nil
            let shelter = incident == nil ? FacilityID(target.text) : nil
            let items = try itemList()
            var priority = SupplyPriority.normal
            var neededBy: Date?
            while !atEnd {
                let o = try next(Bilingual("priority or by", "priority 或 by"))
                switch o.text.lowercased() {
                case "priority", "优先级": priority = try choice(Bilingual("priority", "优先级"), SupplyPriority.init(rawValue:))
                case "by", "需求时间": neededBy = try time(try next(Bilingual("a time (20:00) or +3h", "时间（20:00）或 +3h")))
                default: throw GrammarError(column: o.column, Bilingual("unknown option '\(o.text)'; options: priority, by", "未知选项“\(o.text)”；可选：priority、by"))
                }
            }
            return .supply(.request(incident: incident, shelter: shelter, items: items, priority: priority, neededBy: neededBy))
        case "approve", "批准":
            let id = try requestID()
            try finish()
            return .supply(.approve(id))
        case "commit", "落实":
            let id = try requestID()
            let depot = try facilityID()
            return .supply(.commit(id, depot: depot, items: try itemList()))
        case "send", "发出":
            let id = try requestID()
            let depot = try facilityID()
            try finish()
            return .supply(.dispatch(id, depot: depot))
        case "deliver", "送达":
            let id = try requestID()
            let depot = try facilityID()
            try finish()
            return .supply(.deliver(id, depot: depot))
        default:
            let all = ["request", "approve", "commit", "send", "deliver"]
            let hint = Grammar.didYouMean(sub.text, among: all)
            throw GrammarError(column: sub.column, Bilingual("unknown '\(sub.text)'\(hint.en); write \(all.joined(separator: ", "))", "未知“\(sub.text)”\(hint.zh)；应为 \(all.joined(separator: "、"))"))
        }
    }

    /// `aid request INC-n <centre> [teams cap=N,…] [items item=N,…] at <place> [by <time>]` ·
    /// `aid offer AID-n from <centre> team <ID> <cap,…> "<name>" … [eta <time>]` ·
    /// `aid accept AID-n [offer K]` · `aid release AID-n <reason>`.
    mutating func aidCommand() throws(GrammarError) -> Command {
        let sub = try next(Bilingual("request, offer, accept, arrived or release", "request、offer、accept、arrived 或 release"))
        switch sub.text.lowercased() {
        case "request", "请求":
            let incident = try self.incident()
            let centre = try next(Bilingual("the centre asked (hebei, tianjin)", "请求的中心（hebei、tianjin）")).text
            var caps: [CapabilityCount] = []
            var items: [ItemQuantity] = []
            var meet: PlaceInput?
            var neededBy: Date?
            while !atEnd {
                let o = try next(Bilingual("teams, items, at or by", "teams、items、at 或 by"))
                switch o.text.lowercased() {
                case "teams", "队伍":
                    for line in try itemList() {
                        guard let c = Capability(rawValue: line.item) else {
                            let all = Capability.allCases.map(\.rawValue)
                            throw GrammarError(
                                column: o.column, Bilingual("unknown capability '\(line.item)'; capabilities: \(all.joined(separator: ", "))", "未知能力“\(line.item)”；可选：\(all.joined(separator: "、"))"))
                        }
                        caps.append(CapabilityCount(c, line.quantity))
                    }
                case "items", "物资": items += try itemList()
                case "at", "在": meet = try place(try next(Bilingual("the meeting point", "会合地点")))
                case "by", "需求时间": neededBy = try time(try next(Bilingual("a time (20:00) or +3h", "时间（20:00）或 +3h")))
                default: throw GrammarError(column: o.column, Bilingual("unknown option '\(o.text)'; options: teams, items, at, by", "未知选项“\(o.text)”；可选：teams、items、at、by"))
                }
            }
            guard let meet else { throw GrammarError(column: end, Bilingual("where do they meet you? add: at <district|lat,lon|cell:x,y>", "会合地点？请加：at <区名|纬度,经度|cell:x,y>")) }
            return .aid(.request(incident: incident, to: centre, capabilities: caps, items: items, meet: meet, neededBy: neededBy))
        case "offer", "响应":
            let id = try aidID()
            // Our own offer on another centre's request (AID-3@beijing) comes from us.
            var from = ""
            if take(["from", "来自"]) {
                from = try next(Bilingual("the centre offering", "响应的中心")).text
            } else if CentreName.remote(id) == nil {
                throw GrammarError(column: end, Bilingual("say who offers: from <centre>", "请说明响应方：from <中心>"))
            }
            var teams: [TeamProfile] = []
            var eta: Date?
            while !atEnd {
                let o = try next(Bilingual("team or eta", "team 或 eta"))
                switch o.text.lowercased() {
                case "team", "队伍":
                    let tid = try team()
                    let caps = try capabilities()
                    let name = try next(Bilingual("the team's name", "队伍名称")).text
                    teams.append(TeamProfile(id: tid, name: Bilingual(name, name), capabilities: caps, base: Cell(x: 0, y: 0)))
                case "eta", "预计到达": eta = try time(try next(Bilingual("a time (20:00) or +3h", "时间（20:00）或 +3h")))
                default: throw GrammarError(column: o.column, Bilingual("unknown option '\(o.text)'; options: team, eta", "未知选项“\(o.text)”；可选：team、eta"))
                }
            }
            return .aid(.offer(id, AidOffer(from: from, teams: teams, eta: eta)))
        case "accept", "接受":
            let id = try aidID()
            var k = 1
            if take(["offer", "响应"]) { k = try count() }
            try finish()
            return .aid(.accept(id, offer: k))
        case "arrived", "到达":
            let id = try aidID()
            try finish()
            return .aid(.arrived(id))
        case "release", "返回":
            let id = try aidID()
            return .aid(.release(id, reason: try rest(LineParser.reason)))
        default:
            let all = ["request", "offer", "accept", "arrived", "release"]
            let hint = Grammar.didYouMean(sub.text, among: all)
            throw GrammarError(column: sub.column, Bilingual("unknown '\(sub.text)'\(hint.en); write \(all.joined(separator: ", "))", "未知“\(sub.text)”\(hint.zh)；应为 \(all.joined(separator: "、"))"))
        }
    }

    mutating func aidID() throws(GrammarError) -> String {
        let t = try next(Bilingual("an aid request id (AID-1, or AID-1@beijing for another centre's)", "支援请求编号（如 AID-1；其他中心的写作 AID-1@beijing）"))
        // Another centre's request: its own id, @, the centre (AID-3@beijing).
        let (local, centre) = CentreName.remote(t.text) ?? (t.text, nil)
        let u = local.uppercased()
        guard u.hasPrefix("AID-"), let n = Int(u.dropFirst(4)), n > 0 else {
            throw GrammarError(
                column: t.column, Bilingual("'\(t.text)' is not an aid request id; write AID-1 (or AID-1@beijing)", "“\(t.text)”不是支援请求编号；应写作 AID-1（或 AID-1@beijing）"))
        }
        guard let centre else { return "AID-\(n)" }
        guard CentreName.isValid(centre.lowercased()) else {
            throw GrammarError(column: t.column, Bilingual("'\(centre)' is not a centre name (beijing, tianjin)", "“\(centre)”不是中心名（如 beijing、tianjin）"))
        }
        return "AID-\(n)@\(centre.lowercased())"
    }

    /// `centre share-board [with] <centre>` · `centre unshare-board [with] <centre>`.
    mutating func centreCommand() throws(GrammarError) -> Command {
        let sub = try next(Bilingual("share-board or unshare-board", "share-board 或 unshare-board"))
        func neighbour() throws(GrammarError) -> String {
            _ = take(["with", "给"])
            let t = try next(Bilingual("the neighbouring centre (tianjin, hebei)", "相邻中心（如 tianjin、hebei）"))
            guard CentreName.isValid(t.text.lowercased()) else {
                throw GrammarError(column: t.column, Bilingual("'\(t.text)' is not a centre name (beijing, tianjin)", "“\(t.text)”不是中心名（如 beijing、tianjin）"))
            }
            try finish()
            return t.text.lowercased()
        }
        switch sub.text.lowercased() {
        case "share-board", "共享态势": return .centre(.shareBoard(with: try neighbour()))
        case "unshare-board", "停止共享态势": return .centre(.unshareBoard(with: try neighbour()))
        default:
            let all = ["share-board", "unshare-board"]
            let hint = Grammar.didYouMean(sub.text, among: all)
            throw GrammarError(column: sub.column, Bilingual("unknown '\(sub.text)'\(hint.en); write \(all.joined(separator: ", "))", "未知“\(sub.text)”\(hint.zh)；应为 \(all.joined(separator: "、"))"))
        }
    }

    mutating func requestID() throws(GrammarError) -> String {
        let t = try next(Bilingual("a supply request id (REQ-1)", "物资申请编号（如 REQ-1）"))
        let u = t.text.uppercased()
        guard u.hasPrefix("REQ-"), let n = Int(u.dropFirst(4)), n > 0 else {
            throw GrammarError(column: t.column, Bilingual("'\(t.text)' is not a supply request id; write REQ-1", "“\(t.text)”不是物资申请编号；应写作 REQ-1"))
        }
        return "REQ-\(n)"
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
            let hint = Grammar.didYouMean(sub.text, among: ["add", "update", "retire"])
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
