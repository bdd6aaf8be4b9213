import Foundation

extension PlanBook {
    /// Loads plan files (`criteria:`, `plans:` and `reporting:` sections, any of them in any
    /// file). Returns every good record and every issue with its file, line and field.
    public static func load(files: [(name: String, text: String)]) -> (book: PlanBook, issues: [FileIssue]) {
        var book = PlanBook()
        var issues: [FileIssue] = []
        var centreSeen = false
        // A centre's jurisdictions, each with the issue to report if no criterion has it (known
        // only once every file is read).
        var named: [(jurisdiction: String, issue: FileIssue)] = []
        for (name, text) in files {
            var r = YAMLReader(file: name)
            if let root = r.root(text) {
                for (key, value) in r.pairs(root) {
                    switch key {
                    case "version":
                        if r.int(value) != 1 { r.fail(value, "version", Bilingual("unsupported plan format version; this build reads version 1", "不支持的预案格式版本；本版本只读取版本 1")) }
                    case "criteria": book.criteria += r.items(value).compactMap { readCriterion(&r, $0) }
                    case "plans": book.cards += r.items(value).flatMap { readCards(&r, $0) }
                    case "reporting": book.reporting += r.items(value).compactMap { readReporting(&r, $0) }
                    case "supplies":
                        for item in r.items(value) {
                            guard let idNode = r.child(item, "id"), let id = r.string(idNode), let name = r.child(item, "name").flatMap({ r.bilingual($0) }),
                                let unit = r.child(item, "unit").flatMap({ r.bilingual($0) })
                            else { continue }
                            if book.supplies.contains(where: { $0.id == id }) {
                                r.fail(idNode, idNode.path, Bilingual("item '\(id)' is listed twice", "物资“\(id)”重复"))
                                continue
                            }
                            book.supplies.append(SupplyItem(id: id, name: name, unit: unit))
                        }
                    case "centre":
                        if let (c, items) = readCentre(&r, value) {
                            named = items
                            if centreSeen { r.fail(value, key, Bilingual("a second 'centre:' section; a centre has one", "重复的“centre:”段；只能有一个")) }
                            book.centre = c
                            centreSeen = true
                        }
                    default:
                        r.fail(
                            value, key,
                            Bilingual("unknown section '\(key)'; expected version, criteria, plans, reporting, centre or supplies", "未知的段“\(key)”；可选：version、criteria、plans、reporting、centre、supplies"))
                    }
                }
            }
            issues += r.issues
        }
        // Only when every criterion was read: a broken criteria file is its own problem, not one
        // per jurisdiction it would have held.
        let known = Set(book.criteria.map(\.jurisdiction))
        if issues.isEmpty { issues += named.filter { !known.contains($0.jurisdiction) }.map(\.issue) }
        return (book, issues)
    }

    private static let levelWords = ["I", "II", "III", "IV"]
    private static let categoryWords = IncidentCategory.allCases.map(\.rawValue)
    private static let fieldWords = Figures.Field.allCases.map(\.rawValue)

    private static func readLevel(_ r: inout YAMLReader, _ at: YAMLReader.Located) -> ResponseLevel? {
        r.value(at, "level", accepted: levelWords) { ResponseLevel(parsing: $0).flatMap { $0 == .none ? nil : $0 } }
    }

    private static func readCategories(_ r: inout YAMLReader, _ parent: YAMLReader.Located) -> Set<IncidentCategory> {
        guard let list = r.child(parent, "categories") else { return [] }
        return Set(r.items(list).compactMap { r.value($0, "category", accepted: categoryWords) { IncidentCategory(rawValue: $0) } })
    }

    private static func readCriterion(_ r: inout YAMLReader, _ at: YAMLReader.Located) -> LevelCriterion? {
        let before = r.issues.count
        let id = r.child(at, "id").flatMap { r.string($0) }
        let name = r.child(at, "name").flatMap { r.bilingual($0) }
        let source = r.child(at, "source").flatMap { r.string($0) }
        let short = r.child(at, "short").flatMap { r.string($0) }
        let categories = readCategories(&r, at)
        let baseline = r.child(at, "baseline", required: false).flatMap { readLevel(&r, $0) } ?? ResponseLevel.none
        var thresholds: [ResponseLevel: [Figures.Field: Int]] = [:]
        if let levels = r.child(at, "levels") {
            for (key, value) in r.pairs(levels) {
                guard let level = ResponseLevel(parsing: key), level != .none else {
                    r.fail(value, value.path, Bilingual("unknown level '\(key)'; expected I, II, III or IV", "未知级别“\(key)”；可选：I、II、III、IV"))
                    continue
                }
                var limits: [Figures.Field: Int] = [:]
                for (f, v) in r.pairs(value) {
                    guard let field = Figures.Field(parsing: f) else {
                        r.fail(v, v.path, Bilingual("unknown figure '\(f)'; expected one of: \(fieldWords.joined(separator: ", "))", "未知数据项“\(f)”；可选：\(fieldWords.joined(separator: "、"))"))
                        continue
                    }
                    if let n = r.int(v, min: 1) { limits[field] = n }
                }
                thresholds[level] = limits
            }
            // Lower bounds must not cross: a higher level never asks for less than a lower one.
            for field in Figures.Field.allCases {
                var last = 0
                for level in [ResponseLevel.iv, .iii, .ii, .i] {
                    guard let v = thresholds[level]?[field] else { continue }
                    if v <= last {
                        r.fail(levels, levels.path + ".\(level.roman).\(field.rawValue)", Bilingual("threshold \(v) is not above the lower level's \(last)", "阈值 \(v) 未高于下一级的 \(last)"))
                    }
                    last = v
                }
            }
        }
        let types = Set(
            r.child(at, "types", required: false).map { list in
                r.items(list).compactMap { r.value($0, "incident type", accepted: IncidentType.allCases.map(\.rawValue)) { IncidentType(parsing: $0) } }
            } ?? [])
        let jurisdiction = r.child(at, "jurisdiction", required: false).flatMap { r.string($0) } ?? "national"
        let counts = r.child(at, "counts", required: false).flatMap { r.value($0, "counts", accepted: ["deaths", "deaths+missing"]) { $0 == "deaths+missing" ? true : $0 == "deaths" ? false : nil } }
        guard r.issues.count == before, let id, let name, let source, let short else { return nil }
        return LevelCriterion(
            id: id, name: name, source: source, short: short, categories: categories, types: types, thresholds: thresholds, baseline: baseline, jurisdiction: jurisdiction,
            countsMissing: counts ?? false)
    }

    private static func readCentre(_ r: inout YAMLReader, _ at: YAMLReader.Located) -> (CentreRules, [(jurisdiction: String, issue: FileIssue)])? {
        let before = r.issues.count
        var rules = CentreRules.standard
        var named: [(jurisdiction: String, issue: FileIssue)] = []
        for (key, value) in r.pairs(at) {
            switch key {
            case "city": if let b = r.bilingual(value) { rules.city = b }
            case "criteria":
                for item in r.items(value) {
                    guard let j = r.string(item) else { continue }
                    rules.criteria.append(j)
                    // The issue is made here, where the position is known, and reported only if
                    // no criterion of any plan file has this jurisdiction.
                    var probe = YAMLReader(file: r.file)
                    probe.fail(item, item.path, Bilingual("no criterion has jurisdiction '\(j)'", "没有任何标准属于辖区“\(j)”"))
                    if let issue = probe.issues.first { named.append((j, issue)) }
                }
            case "outside":
                if let o = r.value(value, "outside", accepted: CentreRules.Outside.allCases.map(\.rawValue), { CentreRules.Outside(rawValue: $0) }) { rules.outside = o }
            case "mutual-aid":
                for (k, v) in r.pairs(value) {
                    switch k {
                    case "levels":
                        for item in r.items(v) {
                            if let l = r.value(item, "level", accepted: ["I", "II", "III", "IV"], { ResponseLevel(parsing: $0) }) { rules.aidLevels.insert(l) }
                        }
                    case "centres":
                        for (id, name) in r.pairs(v) { if let b = r.bilingual(name) { rules.neighbours[id.lowercased()] = b } }
                    default:
                        r.fail(v, k, Bilingual("unknown field '\(k)'; expected levels or centres", "未知字段“\(k)”；可选：levels、centres"))
                    }
                }
            default:
                r.fail(value, key, Bilingual("unknown field '\(key)'; expected city, criteria, outside or mutual-aid", "未知字段“\(key)”；可选：city、criteria、outside、mutual-aid"))
            }
        }
        return r.issues.count == before ? (rules, named) : nil
    }

    private static func readCards(_ r: inout YAMLReader, _ at: YAMLReader.Located) -> [RunCard] {
        let before = r.issues.count
        guard let type = r.child(at, "type").flatMap({ r.value($0, "incident type", accepted: IncidentType.allCases.map(\.rawValue)) { IncidentType(parsing: $0) } }),
            let levels = r.child(at, "levels")
        else { return [] }
        var cards: [RunCard] = []
        for (key, value) in r.pairs(levels) {
            guard let level = ResponseLevel(parsing: key), level != .none else {
                r.fail(value, value.path, Bilingual("unknown level '\(key)'; expected I, II, III or IV", "未知级别“\(key)”；可选：I、II、III、IV"))
                continue
            }
            var needs: [Capability: Int] = [:]
            if let n = r.child(value, "needs", required: false) {
                for (c, v) in r.pairs(n) {
                    guard let cap = Capability(rawValue: c) else {
                        r.fail(
                            v, v.path,
                            Bilingual(
                                "unknown capability '\(c)'; expected one of: \(Capability.allCases.map(\.rawValue).joined(separator: ", "))",
                                "未知能力“\(c)”；可选：\(Capability.allCases.map(\.rawValue).joined(separator: "、"))"))
                        continue
                    }
                    if let count = r.int(v, min: 1) { needs[cap] = count }
                }
            }
            var checklist: [ChecklistItem] = []
            if let list = r.child(value, "checklist", required: false) {
                for item in r.items(list) {
                    guard let id = r.child(item, "id").flatMap({ r.string($0) }), let text = r.child(item, "text").flatMap({ r.bilingual($0) }) else { continue }
                    checklist.append(ChecklistItem(id: id, text: text, level: level))
                }
            }
            var supplies: [String: Int] = [:]
            if let list = r.child(value, "supplies", required: false) {
                for (item, v) in r.pairs(list) { if let n = r.int(v, min: 1) { supplies[item] = n } }
            }
            cards.append(RunCard(type: type, level: level, needs: needs, checklist: checklist, supplies: supplies))
        }
        _ = before
        return cards
    }

    private static func readReporting(_ r: inout YAMLReader, _ at: YAMLReader.Located) -> ReportingRule? {
        let before = r.issues.count
        let categories = readCategories(&r, at)
        let source = r.child(at, "source").flatMap { r.string($0) }
        var stages: [ReportingStage] = []
        if let list = r.child(at, "stages") {
            for item in r.items(list) {
                let id = r.child(item, "id").flatMap { r.string($0) }
                let name = r.child(item, "name").flatMap { r.bilingual($0) }
                let within = r.child(item, "within-minutes").flatMap { r.int($0, min: 1) }
                // Optional: the levels at which the stage is owed (every level when absent) and
                // its own citation.
                var levels: Set<ResponseLevel>?
                if let list = r.child(item, "levels", required: false) {
                    var set: Set<ResponseLevel> = []
                    for l in r.items(list) { if let level = readLevel(&r, l) { set.insert(level) } }
                    if set.isEmpty { r.fail(list, list.path, Bilingual("a stage owed at no level; list levels (I, II, III, IV) or leave the field out", "报送环节未列出任何级别；请列出级别（I、II、III、IV）或删去此字段")) }
                    levels = set
                }
                let source = r.child(item, "source", required: false).flatMap { r.string($0) }
                guard let id, let name, let within else { continue }
                if stages.contains(where: { $0.id == id }) {
                    r.fail(item, item.path + ".id", Bilingual("stage '\(id)' is listed twice", "报送环节“\(id)”重复"))
                    continue
                }
                stages.append(ReportingStage(id: id, name: name, withinMinutes: within, levels: levels, source: source))
            }
        }
        guard r.issues.count == before, let source else { return nil }
        return ReportingRule(categories: categories, source: source, stages: stages.sorted { $0.withinMinutes < $1.withinMinutes })
    }
}
