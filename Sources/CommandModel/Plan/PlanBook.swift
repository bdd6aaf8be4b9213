import Foundation

/// One statutory rule that turns figures into a suggested response level.
///
/// A level is reached when any one of its thresholds is met (lower bounds inclusive);
/// `baseline` is the level every incident the rule covers reaches with no figures at all.
public struct LevelCriterion: Hashable, Sendable {
    public var id: String
    public var name: Bilingual
    /// The full citation, e.g. "State Council Decree No. 493, art. 3".
    public var source: String
    /// The short citation shown in a suggestion's reason.
    public var short: String
    public var categories: Set<IncidentCategory>
    /// The incident types the rule covers; empty means every type of its categories.
    public var types: Set<IncidentType>
    public var thresholds: [ResponseLevel: [Figures.Field: Int]]
    public var baseline: ResponseLevel
    /// Whose rule it is (`national`, `beijing`): a centre chooses the jurisdictions it grades by.
    public var jurisdiction: String
    /// What the `deaths` thresholds count: deaths alone, or deaths and missing together where the
    /// source says so (死亡（含失踪）, 死亡和失踪; `counts: deaths+missing` in the file).
    public var countsMissing: Bool

    public init(
        id: String, name: Bilingual, source: String, short: String, categories: Set<IncidentCategory>, types: Set<IncidentType> = [], thresholds: [ResponseLevel: [Figures.Field: Int]],
        baseline: ResponseLevel, jurisdiction: String = "national", countsMissing: Bool = false
    ) {
        self.id = id
        self.name = name
        self.source = source
        self.short = short
        self.categories = categories
        self.types = types
        self.thresholds = thresholds
        self.baseline = baseline
        self.jurisdiction = jurisdiction
        self.countsMissing = countsMissing
    }

    /// Whether the rule grades this type.
    public func covers(_ type: IncidentType) -> Bool {
        types.isEmpty ? categories.contains(type.category) : types.contains(type)
    }

    /// The figure a threshold is compared with, and its name: the `deaths` figure counts the
    /// missing too where the rule says so.
    func measure(_ field: Figures.Field, in figures: Figures) -> (value: Int, name: Bilingual) {
        guard field == .deaths, countsMissing else { return (figures[field], field.name) }
        // Each figure is at most Limits.figure (10^13): the sum cannot overflow.
        return (figures.deaths + figures.missing, Bilingual("deaths and missing", "死亡和失踪"))
    }
}

/// How a centre is set up (`centre:` in `Resources/plans/`): the jurisdictions whose level
/// criteria it grades by, in order, and what it does with a report outside its districts.
public struct CentreRules: Hashable, Sendable {
    /// What happens to a report whose point lies outside the map's districts.
    public enum Outside: String, Hashable, Sendable, CaseIterable {
        /// Refused, naming where it is ("Hebei · Zhuozhou, outside Beijing").
        case refuse
        /// Recorded as a neighbour's incident (for mutual aid), with the place named.
        case record
    }

    /// The city the centre serves ("Beijing | 北京"), as refusals name it.
    public var city: Bilingual
    /// For each incident type, the first jurisdiction in this list with a criterion covering
    /// the type grades it; empty means every criterion of every jurisdiction.
    public var criteria: [String]
    public var outside: Outside
    /// The levels at which the centre may ask another centre for help (mutual aid); empty: any.
    public var aidLevels: Set<ResponseLevel> = []
    /// The centres it may ask (`hebei`, `tianjin`, a district), with their names.
    public var neighbours: [String: Bilingual] = [:]

    public init(city: Bilingual = Bilingual("the map's districts", "地图所辖区域"), criteria: [String] = [], outside: Outside = .refuse) {
        self.city = city
        self.criteria = criteria
        self.outside = outside
    }

    /// With no `centre:` section: every criterion, and a report outside refused (never
    /// swallowed).
    public static let standard = CentreRules()
}

/// A suggested level and why: "II: 12 deaths >= 10 (Decree 493 art. 3)".
public struct Suggestion: Hashable, Sendable {
    public var level: ResponseLevel
    public var reasons: [Bilingual]

    public var reason: Bilingual {
        guard !reasons.isEmpty else { return Bilingual("no criterion reached", "未达到任何标准") }
        return Bilingual(reasons.map(\.en).joined(separator: "; "), reasons.map(\.zh).joined(separator: "；"))
    }
}

/// One action on a plan's checklist.
public struct ChecklistItem: Hashable, Sendable {
    public var id: String
    public var text: Bilingual
    public var level: ResponseLevel

    public init(id: String, text: Bilingual, level: ResponseLevel) {
        self.id = id
        self.text = text
        self.level = level
    }
}

/// A run card (预案) for one incident type at one level: teams needed and actions to take.
public struct RunCard: Hashable, Sendable {
    public var type: IncidentType
    public var level: ResponseLevel
    public var needs: [Capability: Int]
    public var checklist: [ChecklistItem]
    /// Supplies the level calls for (`supplies: {sandbags: 2000}`), added on escalation like teams.
    public var supplies: [String: Int] = [:]

    public init(type: IncidentType, level: ResponseLevel, needs: [Capability: Int], checklist: [ChecklistItem], supplies: [String: Int] = [:]) {
        self.type = type
        self.level = level
        self.needs = needs
        self.checklist = checklist
        self.supplies = supplies
    }
}

/// A reporting deadline stage: "report to the district within 60 minutes", owed at some
/// levels only ("the State Council, for levels I and II"), citing its rule.
public struct ReportingStage: Hashable, Sendable {
    public var id: String
    public var name: Bilingual
    /// Minutes from the time the stage became owed: the report, or the level change that made
    /// it apply.
    public var withinMinutes: Int
    /// The incident levels at which the stage is owed; nil: at every level, and before one is
    /// set.
    public var levels: Set<ResponseLevel>?
    /// The rule that asks for this stage, when it is more precise than its chain's.
    public var source: String?

    public init(id: String, name: Bilingual, withinMinutes: Int, levels: Set<ResponseLevel>? = nil, source: String? = nil) {
        self.id = id
        self.name = name
        self.withinMinutes = withinMinutes
        self.levels = levels
        self.source = source
    }

    /// Whether the stage is owed by an incident at `level`.
    public func applies(at level: ResponseLevel) -> Bool { levels?.contains(level) ?? true }
}

/// The reporting chain that applies to some categories, with its source.
public struct ReportingRule: Hashable, Sendable {
    public var categories: Set<IncidentCategory>
    public var source: String
    public var stages: [ReportingStage]

    public init(categories: Set<IncidentCategory>, source: String, stages: [ReportingStage]) {
        self.categories = categories
        self.source = source
        self.stages = stages
    }
}

/// A reporting stage as it applies to a category, with the rule it comes from.
public struct CitedStage: Hashable, Sendable {
    public var stage: ReportingStage
    /// The stage's own citation, else its chain's.
    public var source: String
}

/// Everything in `Resources/plans/`: level criteria, run cards and reporting rules.
///
/// Pure data; the decider and the views ask it questions.
/// The YAML files are the source; `PlanBookCodec` keeps a parsed copy in the cache (`GridCache`).
public struct PlanBook: Sendable, Hashable {
    public var criteria: [LevelCriterion]
    public var cards: [RunCard]
    public var reporting: [ReportingRule]
    public var centre: CentreRules
    /// The supply catalogue (`supplies:`): items depots stock and requests name.
    public var supplies: [SupplyItem] = []

    public init(criteria: [LevelCriterion] = [], cards: [RunCard] = [], reporting: [ReportingRule] = [], centre: CentreRules = .standard) {
        self.criteria = criteria
        self.cards = cards
        self.reporting = reporting
        self.centre = centre
    }

    /// The criteria that grade a type at this centre: those of the first jurisdiction in the
    /// centre's list that covers the type (every covering criterion when the list is empty).
    public func criteria(for type: IncidentType) -> [LevelCriterion] {
        let covering = criteria.filter { $0.covers(type) }
        guard !centre.criteria.isEmpty else { return covering }
        for j in centre.criteria {
            let chosen = covering.filter { $0.jurisdiction == j }
            if !chosen.isEmpty { return chosen }
        }
        return []
    }

    /// The supplies an incident's run cards call for at its level (levels up to it, summed).
    public func supplies(for type: IncidentType, at level: ResponseLevel) -> [String: Int] {
        var out: [String: Int] = [:]
        for card in cards where card.type == type && card.level > .none && card.level <= level {
            for (item, n) in card.supplies { out[item, default: 0] += n }
        }
        return out
    }

    public static let empty = PlanBook()

    /// The suggested level for figures of an incident type, with the criterion that set it.
    /// Monotone: raising any figure never lowers the suggestion.
    public func suggestion(for type: IncidentType, figures: Figures) -> Suggestion {
        var best = Suggestion(level: .none, reasons: [])
        for c in criteria(for: type) {
            var level = c.baseline
            var reasons: [Bilingual] = []
            for candidate in [ResponseLevel.i, .ii, .iii, .iv] where candidate > c.baseline {
                guard let limits = c.thresholds[candidate] else { continue }
                let hits = limits.filter { c.measure($0.key, in: figures).value >= $0.value }.sorted { $0.key.rawValue < $1.key.rawValue }
                if !hits.isEmpty {
                    level = candidate
                    reasons = hits.map { field, limit in
                        let (value, name) = c.measure(field, in: figures)
                        return Bilingual(
                            "\(candidate.roman): \(formatFigure(value, field)) \(name.en) >= \(formatFigure(limit, field)) (\(c.short))",
                            "\(candidate.roman)级：\(name.zh) \(formatFigure(value, field)) ≥ \(formatFigure(limit, field))（\(c.short)）")
                    }
                    break
                }
            }
            if reasons.isEmpty && level > .none {
                reasons = [Bilingual("\(level.roman): \(c.name.en) start at \(level.roman) (\(c.short))", "\(level.roman)级：\(c.name.zh)起点为\(level.roman)级（\(c.short)）")]
            }
            if level > best.level {
                best = Suggestion(level: level, reasons: reasons)
            } else if level == best.level && level > .none {
                best.reasons += reasons
            }
        }
        return best
    }

    /// What a type needs at a level: the requirements of that level and every lower one, so that
    /// raising a level adds only the new level's requirements.
    public func requirements(for type: IncidentType, at level: ResponseLevel) -> (needs: [Capability: Int], checklist: [ChecklistItem]) {
        var needs: [Capability: Int] = [:]
        var checklist: [ChecklistItem] = []
        for card in cards where card.type == type && card.level > .none && card.level <= level {
            for (cap, n) in card.needs { needs[cap, default: 0] += n }
            checklist += card.checklist
        }
        return (needs, checklist.sorted { ($0.level.rawValue, $0.id) < ($1.level.rawValue, $1.id) })
    }

    /// Every reporting stage of a category, at any level, from every rule that covers it (a
    /// chain of reports up the hierarchy, public information), each citing its rule; empty
    /// when no rule covers the category. A stage id appears once (the first rule's).
    public func reportingStages(for category: IncidentCategory) -> [CitedStage] {
        var out: [CitedStage] = []
        for rule in reporting where rule.categories.contains(category) {
            for stage in rule.stages where !out.contains(where: { $0.stage.id == stage.id }) {
                out.append(CitedStage(stage: stage, source: stage.source ?? rule.source))
            }
        }
        return out
    }
}

func formatFigure(_ value: Int, _ field: Figures.Field) -> String {
    guard field == .directLossCNY, value >= 10_000 else { return String(value) }
    // Losses read in millions (百万) rather than as a row of zeros.
    let millions = Double(value) / 1_000_000
    let text = millions == millions.rounded() ? String(Int(millions)) : String(format: "%.1f", millions)
    return text + "M"
}
