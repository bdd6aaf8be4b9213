import CommandModel
import Foundation

/// The plan book in the binary form its cache keeps (`GridCache`): every field, sets and
/// dictionaries in sorted order, enums as their raw values. A `Codable` decoder took a few
/// milliseconds of every `exec` (its first use of each type scans the binary's conformances);
/// this takes a tenth of one. Any change to the plan book's fields changes this file and
/// `GridCache.plansMagic`, and the round-trip tests (`PlanBookCodecTests`) hold it to every field.
enum PlanBookCodec {
    static func encode(_ p: PlanBook) -> [UInt8] {
        var w = BinaryWriter()
        w.int(p.criteria.count)
        for c in p.criteria {
            w.string(c.id); w.bilingual(c.name); w.string(c.source); w.string(c.short)
            w.strings(c.categories.map(\.rawValue).sorted()); w.strings(c.types.map(\.rawValue).sorted())
            w.int(c.thresholds.count)
            for (level, fields) in c.thresholds.sorted(by: { $0.key < $1.key }) {
                w.int(level.rawValue)
                w.int(fields.count)
                for (f, v) in fields.sorted(by: { $0.key.rawValue < $1.key.rawValue }) { w.string(f.rawValue); w.int(v) }
            }
            w.int(c.baseline.rawValue); w.string(c.jurisdiction); w.bool(c.countsMissing)
        }
        w.int(p.cards.count)
        for card in p.cards {
            w.string(card.type.rawValue); w.int(card.level.rawValue)
            w.int(card.needs.count)
            for (cap, n) in card.needs.sorted(by: { $0.key < $1.key }) { w.string(cap.rawValue); w.int(n) }
            w.int(card.checklist.count)
            for item in card.checklist { w.string(item.id); w.bilingual(item.text); w.int(item.level.rawValue) }
            w.counts(card.supplies)
        }
        w.int(p.reporting.count)
        for rule in p.reporting {
            w.strings(rule.categories.map(\.rawValue).sorted()); w.string(rule.source)
            w.int(rule.stages.count)
            for s in rule.stages {
                w.string(s.id); w.bilingual(s.name); w.int(s.withinMinutes)
                w.optional(s.levels) { w, l in w.levels(l) }
                w.optional(s.source) { w, t in w.string(t) }
            }
        }
        let c = p.centre
        w.bilingual(c.city); w.strings(c.criteria); w.string(c.outside.rawValue); w.levels(c.aidLevels)
        w.int(c.neighbours.count)
        for (id, name) in c.neighbours.sorted(by: { $0.key < $1.key }) { w.string(id); w.bilingual(name) }
        w.int(p.supplies.count)
        for s in p.supplies { w.string(s.id); w.bilingual(s.name); w.bilingual(s.unit) }
        return w.bytes
    }

    /// The plan book, or nil for bytes that are not one (all of them read, nothing left over).
    static func decode(_ bytes: UnsafeRawBufferPointer) -> PlanBook? {
        var r = BinaryReader(bytes)
        guard let book = r.planBook(), r.atEnd else { return nil }
        return book
    }
}

extension BinaryWriter {
    mutating func bilingual(_ b: Bilingual) { string(b.en); string(b.zh) }
    mutating func levels(_ l: Set<ResponseLevel>) {
        int(l.count)
        for x in l.sorted() { int(x.rawValue) }
    }
    mutating func counts(_ d: [String: Int]) {
        int(d.count)
        for (k, v) in d.sorted(by: { $0.key < $1.key }) { string(k); int(v) }
    }
}

extension BinaryReader {
    mutating func bilingual() -> Bilingual? {
        guard let en = string(), let zh = string() else { return nil }
        return Bilingual(en, zh)
    }

    /// A list of `read`'s items, nil if any is not one.
    mutating func list<T>(_ read: (inout BinaryReader) -> T?) -> [T]? {
        guard let n = count() else { return nil }
        var out: [T] = []
        out.reserveCapacity(n)
        for _ in 0..<n {
            guard let x = read(&self) else { return nil }
            out.append(x)
        }
        return out
    }

    mutating func levels() -> Set<ResponseLevel>? { list { $0.level() }.map(Set.init) }

    mutating func counts() -> [String: Int]? {
        guard
            let pairs = list({ r -> (String, Int)? in
                guard let k = r.string(), let v = r.int() else { return nil }
                return (k, v)
            })
        else { return nil }
        return Dictionary(pairs, uniquingKeysWith: { a, _ in a })
    }

    /// Raw values of an enum, each one known.
    mutating func raws<T: RawRepresentable>(_: T.Type) -> [T]? where T.RawValue == String {
        guard let all = strings() else { return nil }
        let out = all.compactMap(T.init(rawValue:))
        return out.count == all.count ? out : nil
    }

    mutating func criterion() -> LevelCriterion? {
        guard let id = string(), let name = bilingual(), let source = string(), let short = string(),
            let categories = raws(IncidentCategory.self), let types = raws(IncidentType.self),
            let thresholds = list({ r -> (ResponseLevel, [Figures.Field: Int])? in
                guard let level = r.level(),
                    let fields = r.list({ r -> (Figures.Field, Int)? in
                        guard let f = r.string().flatMap(Figures.Field.init(rawValue:)), let v = r.int() else { return nil }
                        return (f, v)
                    })
                else { return nil }
                return (level, Dictionary(fields, uniquingKeysWith: { a, _ in a }))
            }),
            let baseline = level(), let jurisdiction = string(), let countsMissing = bool()
        else { return nil }
        return LevelCriterion(
            id: id, name: name, source: source, short: short, categories: Set(categories), types: Set(types), thresholds: Dictionary(thresholds, uniquingKeysWith: { a, _ in a }),
            baseline: baseline, jurisdiction: jurisdiction, countsMissing: countsMissing)
    }

    mutating func runCard() -> RunCard? {
        guard let type = string().flatMap(IncidentType.init(rawValue:)), let level = level(),
            let needs = list({ r -> (Capability, Int)? in
                guard let c = r.string().flatMap(Capability.init(rawValue:)), let n = r.int() else { return nil }
                return (c, n)
            }),
            let checklist = list({ r -> ChecklistItem? in
                guard let id = r.string(), let text = r.bilingual(), let level = r.level() else { return nil }
                return ChecklistItem(id: id, text: text, level: level)
            }),
            let supplies = counts()
        else { return nil }
        return RunCard(type: type, level: level, needs: Dictionary(needs, uniquingKeysWith: { a, _ in a }), checklist: checklist, supplies: supplies)
    }

    mutating func reportingRule() -> ReportingRule? {
        guard let categories = raws(IncidentCategory.self), let source = string(),
            let stages = list({ r -> ReportingStage? in
                guard let id = r.string(), let name = r.bilingual(), let within = r.int(), let levels = r.optional({ $0.levels() }), let source = r.optional({ $0.string() }) else { return nil }
                return ReportingStage(id: id, name: name, withinMinutes: within, levels: levels, source: source)
            })
        else { return nil }
        return ReportingRule(categories: Set(categories), source: source, stages: stages)
    }

    mutating func planBook() -> PlanBook? {
        guard let criteria = list({ $0.criterion() }), let cards = list({ $0.runCard() }), let reporting = list({ $0.reportingRule() }),
            let city = bilingual(), let order = strings(), let outside = string().flatMap(CentreRules.Outside.init(rawValue:)), let aidLevels = levels(),
            let neighbours = list({ r -> (String, Bilingual)? in
                guard let id = r.string(), let name = r.bilingual() else { return nil }
                return (id, name)
            }),
            let supplies = list({ r -> SupplyItem? in
                guard let id = r.string(), let name = r.bilingual(), let unit = r.bilingual() else { return nil }
                return SupplyItem(id: id, name: name, unit: unit)
            })
        else { return nil }
        var centre = CentreRules(city: city, criteria: order, outside: outside)
        centre.aidLevels = aidLevels
        centre.neighbours = Dictionary(neighbours, uniquingKeysWith: { a, _ in a })
        var book = PlanBook(criteria: criteria, cards: cards, reporting: reporting, centre: centre)
        book.supplies = supplies
        return book
    }
}
