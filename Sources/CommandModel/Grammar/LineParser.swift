import Foundation

/// Reads tokens left to right into commands, with the column of every mistake.
struct LineParser {
    var tokens: [Grammar.Token]
    var position = 0
    let end: Int
    let now: Date
    let timeZone: TimeZone
    /// Whether times must lie within ``Limits/horizon`` of `now` (off for lines that run later).
    var checkingHorizon = true

    init(tokens: [Grammar.Token], end: Int, now: Date, timeZone: TimeZone) {
        self.tokens = tokens
        self.end = end
        self.now = now
        self.timeZone = timeZone
    }

    var atEnd: Bool { position >= tokens.count }
    var column: Int { atEnd ? end : tokens[position].column }

    mutating func next(_ what: Bilingual) throws(GrammarError) -> Grammar.Token {
        guard !atEnd else { throw GrammarError(column: end, Bilingual("expected \(what.en)", "此处应为\(what.zh)")) }
        defer { position += 1 }
        return tokens[position]
    }

    /// The rest of the line as free text (a reason, summary or note).
    mutating func rest(_ what: Bilingual) throws(GrammarError) -> String {
        guard !atEnd else { throw GrammarError(column: end, Bilingual("expected \(what.en)", "此处应为\(what.zh)")) }
        let text = tokens[position...].map(\.text).joined(separator: " ")
        position = tokens.count
        return text
    }

    mutating func finish() throws(GrammarError) {
        if !atEnd { throw GrammarError(column: column, Bilingual("unexpected '\(tokens[position].text)'", "多余的“\(tokens[position].text)”")) }
    }

    mutating func incident() throws(GrammarError) -> IncidentID {
        let t = try next(Bilingual("an incident id (INC-42)", "事件编号（如 INC-42）"))
        guard let id = IncidentID(parsing: t.text) else { throw GrammarError(column: t.column, Bilingual("'\(t.text)' is not an incident id; write INC-42", "“\(t.text)”不是事件编号；应写作 INC-42")) }
        return id
    }

    mutating func team() throws(GrammarError) -> TeamID {
        let t = try next(Bilingual("a team id (FR-07)", "队伍编号（如 FR-07）"))
        guard t.text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
            throw GrammarError(column: t.column, Bilingual("'\(t.text)' is not a team id; write FR-07", "“\(t.text)”不是队伍编号；应写作 FR-07"))
        }
        return TeamID(t.text)
    }

    mutating func level() throws(GrammarError) -> ResponseLevel {
        let t = try next(Bilingual("a level (I, II, III, IV or none)", "级别（I、II、III、IV 或 none）"))
        guard let l = ResponseLevel(parsing: t.text) else {
            throw GrammarError(column: t.column, Bilingual("'\(t.text)' is not a level; use I, II, III, IV, 一级…四级 or none", "“\(t.text)”不是响应级别；可用 I、II、III、IV、一级…四级 或 none"))
        }
        return l
    }

    /// An incident type; `also` names the subcommands that may stand in its place (`end`,
    /// `lift`), so a typo of one is suggested too.
    mutating func type(_ what: Bilingual = Bilingual("an incident type", "事件类型"), also: [String] = []) throws(GrammarError) -> IncidentType {
        let t = try next(what)
        guard let v = IncidentType(parsing: t.text) else {
            let all = IncidentType.allCases.map(\.rawValue)
            let hint = Grammar.didYouMean(t.text, among: also + all)
            throw GrammarError(
                column: t.column,
                Bilingual(
                    "unknown type '\(t.text)'\(hint.en); types: \(all.joined(separator: ", "))",
                    "未知类型“\(t.text)”\(hint.zh)；可选：\(all.joined(separator: "、"))"))
        }
        return v
    }

    /// `city` (or `全市`) for the whole city, else a comma-separated list of districts.
    mutating func districtList() throws(GrammarError) -> [String] {
        let t = try next(Bilingual("'city' or districts (chaoyang,haidian)", "“city”或区名列表（chaoyang,haidian）"))
        if ["city", "全市", "*"].contains(t.text.lowercased()) { return [] }
        return t.text.split(whereSeparator: { $0 == "," || $0 == "、" || $0 == "，" }).map(String.init)
    }

    mutating func parseLine() throws(GrammarError) -> [Command] {
        let v = try next(Bilingual("a command; type ? for the list", "命令；输入 ? 查看列表"))
        guard let verb = Grammar.verb(named: v.text) else {
            let names = Grammar.verbs.map(\.name).joined(separator: ", ")
            let hint = Grammar.suggestion(for: v.text).map { Bilingual(" (did you mean '\($0)'?)", "（是否要输入“\($0)”？）") } ?? Bilingual("", "")
            throw GrammarError(column: v.column, Bilingual("unknown command '\(v.text)'\(hint.en); commands: \(names)", "未知命令“\(v.text)”\(hint.zh)；可用命令：\(names)"))
        }
        return try verb.parse(&self)
    }

    // MARK: Pieces the verbs' parsers share

    static let reason = Bilingual("a reason", "理由")

    /// An incident id and nothing more.
    mutating func incidentOnly() throws(GrammarError) -> IncidentID {
        let id = try incident()
        try finish()
        return id
    }

    mutating func status() throws(GrammarError) -> IncidentStatus {
        try choice(Bilingual("status", "状态"), IncidentStatus.init(parsing:))
    }

    mutating func teamStatus() throws(GrammarError) -> TeamStatus {
        try choice(Bilingual("team status", "队伍状态"), TeamStatus.init(parsing:), also: ["retire"])
    }

    /// One of an enumeration's values, by name; a mistake lists every value and suggests the
    /// nearest (of them and of the subcommands in `also`).
    mutating func choice<T: CaseIterable & RawRepresentable>(_ what: Bilingual, _ parse: (String) -> T?, also: [String] = []) throws(GrammarError) -> T
    where T.RawValue == String {
        let t = try next(Bilingual("a \(what.en)", what.zh))
        guard let value = parse(t.text) else {
            let all = T.allCases.map(\.rawValue)
            let hint = Grammar.didYouMean(t.text, among: also + all)
            throw GrammarError(
                column: t.column,
                Bilingual(
                    "unknown \(what.en) '\(t.text)'\(hint.en); \(what.en)es: \(all.joined(separator: ", "))", "未知\(what.zh)“\(t.text)”\(hint.zh)；可选：\(all.joined(separator: "、"))"))
        }
        return value
    }

    mutating func responseID() throws(GrammarError) -> ResponseID {
        let t = try next(Bilingual("a response id (RSP-1)", "响应编号（如 RSP-1）"))
        guard let rid = ResponseID(parsing: t.text) else { throw GrammarError(column: t.column, Bilingual("'\(t.text)' is not a response id; write RSP-1", "“\(t.text)”不是响应编号；应写作 RSP-1")) }
        return rid
    }

    mutating func drillID() throws(GrammarError) -> String {
        let t = try next(Bilingual("a drill id (DRL-1)", "演练编号（如 DRL-1）"))
        let id = t.text.uppercased()
        guard id.hasPrefix("DRL-"), let n = Int(id.dropFirst(4)), n > 0 else {
            throw GrammarError(column: t.column, Bilingual("'\(t.text)' is not a drill id; write DRL-1", "“\(t.text)”不是演练编号；应写作 DRL-1"))
        }
        return id
    }

    /// One word (a plan item, a reporting stage, a page id) and nothing more.
    mutating func word(_ what: Bilingual) throws(GrammarError) -> String {
        let t = try next(what)
        try finish()
        return t.text
    }

    mutating func figures() throws(GrammarError) -> FigureUpdate {
        var values: [Figures.Field: Int] = [:]
        guard !atEnd else { throw GrammarError(column: end, Bilingual("expected figures such as deaths=3", "此处应为数据，如 deaths=3")) }
        while !atEnd {
            let (f, n) = try figure(try next(Bilingual("a figure", "数据")))
            values[f] = n
        }
        return FigureUpdate(values)
    }

    mutating func figure(_ t: Grammar.Token) throws(GrammarError) -> (Figures.Field, Int) {
        let parts = t.text.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { throw GrammarError(column: t.column, Bilingual("expected name=number, got '\(t.text)'", "应为 名称=数字，实际为“\(t.text)”")) }
        guard let f = Figures.Field(parsing: parts[0]) else {
            throw GrammarError(
                column: t.column,
                Bilingual(
                    "unknown figure '\(parts[0])'; figures: \(Figures.Field.allCases.map(\.rawValue).joined(separator: ", "))",
                    "未知数据项“\(parts[0])”；可选：\(Figures.Field.allCases.map(\.rawValue).joined(separator: "、"))"))
        }
        guard let n = Int(parts[1].replacingOccurrences(of: "_", with: "")), n >= 0 else {
            throw GrammarError(column: t.column + parts[0].count + 1, Bilingual("'\(parts[1])' is not a whole number of zero or more", "“\(parts[1])”不是非负整数"))
        }
        return (f, n)
    }

    mutating func reportCommand() throws(GrammarError) -> Command {
        let type = try type()
        var new = NewIncident(type: type, place: .cell(Cell(x: -1, y: -1)))
        var havePlace = false
        // A datum keyword (`datum gcj02`) applies to the point, before or after it; a point with
        // its own prefix (`gcj02:39.9,116.4`) must agree with it.
        var datum: (Datum, column: Int)?
        var prefixed = false
        while !atEnd {
            let t = try next(Bilingual("an option", "选项"))
            switch t.text.lowercased() {
            case "at", "在":
                let p = try next(Bilingual("a place: district, lat,lon or cell:x,y", "地点：区名、纬度,经度 或 cell:x,y"))
                new.place = try place(p)
                prefixed = Datum.prefix(of: p.text) != nil
                havePlace = true
            case "datum", "坐标系":
                let d = try next(Bilingual("a datum: wgs84 or gcj02", "坐标系：wgs84 或 gcj02"))
                guard let parsed = Datum(parsing: d.text) else {
                    throw GrammarError(column: d.column, Bilingual("unknown datum '\(d.text)'; expected wgs84 or gcj02", "未知坐标系“\(d.text)”；可选：wgs84、gcj02"))
                }
                datum = (parsed, d.column)
            case "title", "标题": new.title = try next(Bilingual("a title", "标题")).text
            case "notes", "备注": new.notes = try next(Bilingual("notes", "备注")).text
            case "by", "报告人": new.reporter = try next(Bilingual("the reporter", "报告人")).text
            case "caused-by", "起因":
                new.causedBy = try incident()
            default:
                if t.text.contains("=") {
                    let (f, n) = try figure(t)
                    new.figures[f] = n
                } else {
                    throw GrammarError(
                        column: t.column,
                        Bilingual("unknown option '\(t.text)'; options: at, datum, title, notes, by, caused-by, name=number", "未知选项“\(t.text)”；可选：at、datum、title、notes、by、caused-by、名称=数字"))
                }
            }
        }
        guard havePlace else { throw GrammarError(column: end, Bilingual("where is it? add: at <district|lat,lon|cell:x,y>", "地点？请加：at <区名|纬度,经度|cell:x,y>")) }
        if let (d, column) = datum {
            guard case let .point(p, given) = new.place else {
                throw GrammarError(column: column, Bilingual("a datum applies to a lat,lon place only", "坐标系只适用于 纬度,经度 形式的地点"))
            }
            if prefixed && given != d {
                throw GrammarError(column: column, Bilingual("the point says \(given.name), the datum \(d.name)", "坐标写明 \(given.name)，坐标系却为 \(d.name)"))
            }
            new.place = .point(p, datum: d)
        }
        return .incident(.report(new))
    }

    func place(_ t: Grammar.Token) throws(GrammarError) -> PlaceInput {
        let text = t.text
        if text.lowercased().hasPrefix("cell:") {
            let nums = text.dropFirst(5).split(separator: ",").compactMap { Int($0) }
            guard nums.count == 2 else { throw GrammarError(column: t.column, Bilingual("write a cell as cell:x,y", "格子应写作 cell:x,y")) }
            return .cell(Cell(x: nums[0], y: nums[1]))
        }
        // `lat,lon` is WGS-84 (a GPS fix, a 110 caller's location, a CAP alert); `gcj02:lat,lon`
        // (or `wgs84:`) names the frame.
        let prefix = Datum.prefix(of: text)
        let numbers = prefix.map { text.dropFirst($0.length) } ?? Substring(text)
        let parts = numbers.split(separator: ",")
        if parts.count == 2, let a = Double(parts[0]), let b = Double(parts[1]) {
            guard (-90...90).contains(a), (-180...180).contains(b) else {
                throw GrammarError(column: t.column, Bilingual("'\(text)' is not latitude,longitude", "“\(text)”不是 纬度,经度"))
            }
            return .point(GeoPoint(lat: a, lon: b), datum: prefix?.datum ?? .wgs84)
        }
        if let prefix {
            throw GrammarError(column: t.column + prefix.length, Bilingual("after \(prefix.datum.rawValue): write latitude,longitude", "\(prefix.datum.rawValue): 之后应为 纬度,经度"))
        }
        return .district(text)
    }

    mutating func respondCommand() throws(GrammarError) -> Command {
        let reason = Self.reason
        guard !atEnd else { throw GrammarError(column: end, Bilingual("expected a hazard type, RSP-n or 'end'", "此处应为灾种、RSP-n 或 end")) }
        let first = tokens[position]
        if first.text.lowercased() == "end" || first.text == "终止" {
            position += 1
            let rid = try responseID()
            return .area(.endResponse(rid, reason: try rest(reason)))
        }
        if let rid = ResponseID(parsing: first.text) {
            position += 1
            let l = try level()
            let d = try districtList()
            return .area(.adjustResponse(rid, level: l, districts: d, reason: try rest(reason)))
        }
        let hazard = try type(Bilingual("a hazard type", "灾种"), also: ["end"])
        let l = try level()
        let d = try districtList()
        // `for INC-n[,INC-m]`: the incidents it answers.
        var answers: [IncidentID] = []
        if !atEnd, ["for", "针对"].contains(tokens[position].text.lowercased()) {
            position += 1
            let t = try next(Bilingual("incident ids (INC-1,INC-2)", "事件编号（如 INC-1,INC-2）"))
            for part in t.text.split(whereSeparator: { $0 == "," || $0 == "、" || $0 == "，" }) {
                guard let id = IncidentID(parsing: String(part)) else {
                    throw GrammarError(column: t.column, Bilingual("'\(part)' is not an incident id; write INC-42", "“\(part)”不是事件编号；应写作 INC-42"))
                }
                answers.append(id)
            }
        }
        return .area(.declareResponse(hazard: hazard, level: l, districts: d, reason: try rest(reason), for: answers))
    }

    mutating func warnCommand() throws(GrammarError) -> Command {
        guard !atEnd else { throw GrammarError(column: end, Bilingual("expected a hazard type or 'lift'", "此处应为灾种或 lift")) }
        if tokens[position].text.lowercased() == "lift" || tokens[position].text == "解除" {
            position += 1
            let t = try next(Bilingual("a warning id (WRN-1)", "预警编号（如 WRN-1）"))
            guard let wid = WarningID(parsing: t.text) else { throw GrammarError(column: t.column, Bilingual("'\(t.text)' is not a warning id; write WRN-1", "“\(t.text)”不是预警编号；应写作 WRN-1")) }
            return .area(.liftWarning(wid, reason: try rest(Bilingual("a reason", "理由"))))
        }
        let hazard = try type(Bilingual("a hazard type", "灾种"), also: ["lift"])
        let c = try next(Bilingual("a colour (blue, yellow, orange, red)", "颜色（蓝、黄、橙、红）"))
        guard let color = WarningColor(parsing: c.text) else {
            throw GrammarError(
                column: c.column, Bilingual("'\(c.text)' is not a warning colour; use blue, yellow, orange or red (warnings are not response levels)", "“\(c.text)”不是预警颜色；可用 蓝、黄、橙、红（预警不是响应级别）"))
        }
        var districts: [String] = []
        var expires: Date?
        var authority: String?
        while !atEnd {
            let t = tokens[position]
            switch t.text.lowercased() {
            case "until", "至":
                position += 1
                expires = try time(try next(Bilingual("a time: HH:MM, YYYY-MM-DDTHH:MM or +Nh", "时间：HH:MM、YYYY-MM-DDTHH:MM 或 +Nh")))
            case "by", "发布":
                position += 1
                authority = try rest(Bilingual("the issuing authority", "发布单位"))
            default:
                districts = try districtList()
            }
        }
        guard let authority else { throw GrammarError(column: end, Bilingual("who issued it? add: by <authority>", "发布单位？请加：by <单位>")) }
        return .area(.issueWarning(hazard: hazard, color: color, districts: districts, authority: authority, expires: expires))
    }

    /// A time, refused with its column when it lies beyond ``Limits/horizon`` from now.
    func time(_ t: Grammar.Token) throws(GrammarError) -> Date {
        let d = try anyTime(t)
        guard d.timeIntervalSince1970.isFinite && d >= Limits.earliest && d <= Limits.latest else {
            throw GrammarError(column: t.column, Bilingual("'\(t.text)' is not a time the record can hold", "“\(t.text)”超出记录可保存的时间范围"))
        }
        guard !checkingHorizon || Limits.isNear(d, to: now) else {
            throw GrammarError(
                column: t.column, Bilingual("'\(t.text)' is more than 366 days from now; give a time within a year", "“\(t.text)”距现在超过 366 天；请给出一年以内的时间"))
        }
        return d
    }

    private func anyTime(_ t: Grammar.Token) throws(GrammarError) -> Date {
        let text = t.text
        if text.hasPrefix("+"), let unit = text.last, let n = Double(text.dropFirst().dropLast()), n > 0, n.isFinite {
            // Compared before any arithmetic: a huge count must not overflow a date.
            let seconds: Double? =
                switch unit {
                case "h": 3600
                case "m": 60
                case "d": 86400
                default: nil
                }
            if let seconds { return now.addingTimeInterval(min(n, 1e9) * seconds) }
        }
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = timeZone
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = timeZone
        for format in ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm:ss"] {
            f.dateFormat = format
            if let d = f.date(from: text) { return d }
        }
        let hm = text.split(separator: ":").compactMap { Int($0) }
        if hm.count == 2, (0..<24).contains(hm[0]), (0..<60).contains(hm[1]) {
            // The next time the clock shows HH:MM.
            var parts = cal.dateComponents([.year, .month, .day], from: now)
            parts.hour = hm[0]
            parts.minute = hm[1]
            if let d = cal.date(from: parts) { return d > now ? d : d.addingTimeInterval(86400) }
        }
        throw GrammarError(column: t.column, Bilingual("'\(text)' is not a time; write 20:00, 2026-07-31T20:00 or +6h", "“\(text)”不是时间；应写作 20:00、2026-07-31T20:00 或 +6h"))
    }
}
