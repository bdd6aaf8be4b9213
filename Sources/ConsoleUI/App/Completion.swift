import CommandModel
import Foundation

/// What Tab offers in the command bar: the words that may stand at the cursor, read from the
/// verb before it and the words already typed (verbs, incident and team ids, statuses, levels,
/// run-card items, reporting stages, districts, options). Pure: the line and the world in,
/// choices out.
struct Completion {
    /// The words that fit at the cursor, in the order they are offered.
    let choices: [String]
    /// The line up to the cursor with the word there completed: in full (and a space) when one
    /// choice fits, to the prefix the choices share when several do; nil when none fits.
    let completedLine: String?

    init(head: String, world: ConsoleWorld) {
        let words = head.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        let before = Array(words.dropLast()).filter { !$0.isEmpty }
        self.init(words: words, among: Self.candidates(before: before, world: world))
    }

    /// Completes the last word of `head` among fixed choices (the find prompts: districts and
    /// teams).
    init(head: String, among all: [String]) {
        self.init(words: head.split(separator: " ", omittingEmptySubsequences: false).map(String.init), among: all)
    }

    private init(words: [String], among all: [String]) {
        let last = words.last ?? ""
        let prefix = last.lowercased()
        var seen = Set<String>()
        let matches = all.filter { $0.lowercased().hasPrefix(prefix) && seen.insert($0).inserted }
        choices = matches
        guard let first = matches.first else {
            completedLine = nil
            return
        }
        let common = matches.dropFirst().reduce(first) { acc, m in String(zip(acc, m).prefix { $0.0.lowercased() == $0.1.lowercased() }.map(\.0)) }
        // A word the officer typed in another case keeps what was typed when nothing is added.
        let word = matches.count == 1 ? first + " " : (common.count > last.count ? common : last)
        completedLine = (words.dropLast() + [word]).joined(separator: " ")
    }

    /// Every word that may follow `before` (the complete words typed so far).
    static func candidates(before: [String], world: ConsoleWorld) -> [String] {
        guard let verbWord = before.first else { return Grammar.verbs.map(\.name) }
        guard let verb = Grammar.verb(named: verbWord) else { return [] }
        let position = before.count  // 1: the first word after the verb
        let previous = before.last?.lowercased() ?? ""
        let incident = before.count >= 2 ? IncidentID(parsing: before[1]).flatMap { world.state.incidents[$0] } : nil
        switch verb.name {
        case "report":
            if position == 1 { return IncidentType.allCases.map(\.rawValue) }
            switch previous {
            case "at": return districts(world)
            case "caused-by": return openIncidents(world)
            case "title", "notes", "by": return []
            default: return ["at", "title", "notes", "by", "caused-by"] + Figures.Field.allCases.map { $0.rawValue + "=" }
            }
        case "ack", "verify", "cancel", "false-alarm", "close", "note":
            return position == 1 ? openIncidents(world) : []
        case "reopen":
            return position == 1 ? world.state.incidents.values.filter { !$0.isActive }.map(\.id).sorted().map(\.description) : []
        case "figures":
            return position == 1 ? openIncidents(world) : Figures.Field.allCases.map { $0.rawValue + "=" }
        case "level":
            if position == 1 { return openIncidents(world) }
            return position == 2 ? ResponseLevel.allCases.filter { $0 > .none }.map(\.roman) + ["none"] : []
        case "status":
            if position == 1 { return openIncidents(world) }
            guard position == 2 else { return [] }
            // The moves the incident allows, else every status.
            return (incident?.status.allowedNext ?? IncidentStatus.allCases).map(\.rawValue)
        case "link":
            if position == 1 || previous == "caused-by" { return openIncidents(world) }
            return position == 2 ? ["caused-by"] : []
        case "check":
            if position == 1 { return openIncidents(world) }
            guard position == 2, let i = incident else { return [] }
            // The run-card items not yet ticked.
            return world.plans.requirements(for: i.type, at: max(i.level, .iv)).checklist.filter { i.checklistDone[$0.id] == nil }.map(\.id)
        case "filed":
            if position == 1 { return openIncidents(world) }
            guard position == 2, let i = incident else { return [] }
            return world.plans.reportingStages(for: i.category).map(\.stage).filter { $0.applies(at: i.level) && i.reportsFiled[$0.id] == nil }.map(\.id)
        case "assign":
            // Available teams first: they are the ones that can go.
            return position == 1 ? openIncidents(world) : teams(world, availableFirst: true)
        case "team":
            if position == 1 { return teams(world, availableFirst: false) }
            return position == 2 ? TeamStatus.allCases.map(\.rawValue) + ["retire"] : []
        case "release":
            return position == 1 ? world.state.teams.values.filter { $0.incident != nil }.map(\.id.raw).sorted() : []
        case "join":
            if position == 1 { return openIncidents(world) }
            return position == 2 ? world.state.responses.values.filter(\.isActive).map { "\($0.id)" }.sorted() : []
        case "respond":
            if position == 1 { return IncidentType.allCases.map(\.rawValue) + ["end"] + world.state.responses.values.filter(\.isActive).map { "\($0.id)" }.sorted() }
            if before[1].lowercased() == "end" { return position == 2 ? world.state.responses.values.filter(\.isActive).map { "\($0.id)" }.sorted() : [] }
            if position == 2 { return ResponseLevel.allCases.filter { $0 > .none }.map(\.roman) }
            if position == 5, previous.lowercased() == "for" { return openIncidents(world) }
            return position == 3 ? ["city"] + districts(world) : (position == 4 ? ["for"] : [])
        case "warn":
            if position == 1 { return IncidentType.allCases.map(\.rawValue) + ["lift"] }
            if before[1].lowercased() == "lift" { return position == 2 ? world.state.warnings.values.filter { $0.isActive(at: world.now) }.map { "\($0.id)" }.sorted() : [] }
            if position == 2 { return ["blue", "yellow", "orange", "red"] }
            return previous == "until" || previous == "by" ? [] : ["city"] + districts(world) + ["until", "by"]
        case "ack-page":
            return position == 1 ? world.state.pages.values.filter(\.isOpen).map(\.id).sorted() : []
        case "end-drill", "abort-drill":
            return position == 1 ? world.state.drills.keys.sorted() : []
        default:
            return []
        }
    }

    static func openIncidents(_ world: ConsoleWorld) -> [String] { world.active.map(\.id.description) }

    /// What `/` on the map finds: district names to type, then team ids.
    static func places(_ world: ConsoleWorld) -> [String] { districts(world) + world.state.teams.keys.map(\.raw).sorted() }

    static func districts(_ world: ConsoleWorld) -> [String] { world.grid.districts.map(\.slug) }

    static func teams(_ world: ConsoleWorld, availableFirst: Bool) -> [String] {
        let all = world.state.teams.values.sorted { $0.id < $1.id }
        guard availableFirst else { return all.map(\.id.raw) }
        return all.filter { $0.status == .available }.map(\.id.raw) + all.filter { $0.status != .available }.map(\.id.raw)
    }
}
