import CommandModel
import Foundation
import Testing

@testable import ConsoleUI

/// `update` as a pure function: a key in, effects out, against a fixed world. The rule under
/// test: a key acts only on an incident the work list shows.
@Suite("Selection: keys act only on what the list shows")
struct SelectionTests {
    /// The flood night's four incidents (1 gas blast, 2 flash flood in Yanchi, 3 underpass,
    /// 4 landslide), folded once.
    nonisolated(unsafe) static let world: ConsoleWorld = {
        let dir = TempDir()
        let state = (try? floodNight(dir).state) ?? CommandState()
        let f = Resources.shared
        return ConsoleWorld(state: state, map: f.map, grid: f.grid, plans: f.plans, facilities: f.city.facilities, now: fixedNow)
    }()

    static let actingKeys: [Character] = ["a", "v", "e", "d", "c", "s", "o", "g"]
    static let filters = ["", "landslide", "flood", "yanchi", "INC-0003", "nothing-matches"]

    func model(selecting start: IncidentID?, filter: String) -> ConsoleModel {
        var m = ConsoleModel(language: .en, glyphs: .unicode, operatorName: "li.na", centre: Cell(x: 0, y: 0))
        m.selected = start
        // The filter is typed as an officer would: `/`, the text, Enter.
        _ = m.update(.key(.char("/")), world: Self.world)
        for c in filter { _ = m.update(.key(.char(c)), world: Self.world) }
        _ = m.update(.key(.enter), world: Self.world)
        return m
    }

    /// The incident an effect or a prefilled command line would act on.
    func targets(_ effects: [Effect], _ m: ConsoleModel) -> [IncidentID] {
        var out: [IncidentID] = []
        for e in effects { if case let .execute(_, commands) = e { out += commands.compactMap(\.incident) } }
        if case let .dispatch(id) = m.mode { out.append(id) }
        if m.mode == .command, let word = m.input.split(separator: " ").dropFirst().first, let id = IncidentID(parsing: String(word)) { out.append(id) }
        return out
    }

    @Test(arguments: filters)
    func everyActingKeyWithEveryFilterActsOnAVisibleIncident(filter: String) {
        let visible = Self.world.workList(filter: filter).map(\.id)
        for start in [nil] + (1...4).map(IncidentID.init) {
            for key in Self.actingKeys {
                var m = model(selecting: start, filter: filter)
                #expect(m.filter == filter)
                if let s = m.selected { #expect(visible.contains(s), "filter '\(filter)' left hidden \(s) selected") } else { #expect(visible.isEmpty) }
                let effects = m.update(.key(.char(key)), world: Self.world)
                for t in targets(effects, m) {
                    #expect(visible.contains(t), "'\(key)' with filter '\(filter)', started on \(start.map(\.description) ?? "none"), acted on hidden \(t)")
                }
                if visible.isEmpty {
                    #expect(targets(effects, m).isEmpty)
                    if key != "g" { #expect(m.message?.isError == true, "'\(key)' on an empty list says why nothing happened") }
                }
            }
        }
    }

    /// The reported blocker: INC-0003 selected, `/landslide` Enter, `a` acknowledges INC-0004
    /// (the one on screen), never INC-0003.
    @Test func filteringMovesTheSelectionToWhatIsShown() {
        var m = model(selecting: IncidentID(3), filter: "landslide")
        #expect(m.selected == IncidentID(4))
        let effects = m.update(.key(.char("a")), world: Self.world)
        #expect(effects.contains(.execute(line: "ack INC-0004", commands: [.incident(.acknowledge(IncidentID(4)))])))
    }

    @Test func escapeFromTheSearchClearsTheFilter() {
        var m = model(selecting: IncidentID(3), filter: "")
        _ = m.update(.key(.char("/")), world: Self.world)
        for c in "landslide" { _ = m.update(.key(.char(c)), world: Self.world) }
        #expect(m.selected == IncidentID(4), "the selection follows the filter as it is typed")
        _ = m.update(.key(.escape), world: Self.world)
        #expect(m.filter == "")
        #expect(m.selected == IncidentID(4), "nothing is hidden; the selection stays where it was")
    }

    @Test func aSelectedIncidentThatClosesElsewhereIsNotActedOn() {
        var state = Self.world.state
        state.apply(.incidentClosed(incident: IncidentID(2), summary: "done"), at: fixedNow, by: "other.console", exercise: nil)
        var w = Self.world
        w.state = state
        w.active = ConsoleWorld.workOrder(state)
        var m = model(selecting: IncidentID(2), filter: "")
        _ = m.update(.events([]), world: w)
        #expect(m.selected != IncidentID(2))
        let effects = m.update(.key(.char("a")), world: w)
        #expect(!targets(effects, m).contains(IncidentID(2)))
    }
}
