import CommandModel
import EventLog
import Foundation
import Testing

@testable import ConsoleUI

@Suite("The one-map view")
struct MapViewTests {
    func world(_ ledger: Ledger) -> ConsoleWorld {
        let f = Resources.shared
        return ConsoleWorld(state: ledger.state, map: f.map, grid: f.grid, plans: f.plans, facilities: f.city.facilities, now: fixedNow)
    }

    func model() -> ConsoleModel {
        let f = Resources.shared
        return ConsoleModel(language: .en, glyphs: .unicode, operatorName: "li.na", centre: f.grid.cell(for: GeoPoint(lat: 39.905, lon: 116.397))!)
    }

    /// Styles of the map cells in a district's rows, at a zoom that shows the whole city.
    func tints(_ screen: Screen) -> Set<Tint> { Set(screen.cells.compactMap(\.style.tint)) }

    @Test func districtsTintByWarningOrByResponseNeverBoth() throws {
        let dir = TempDir()
        let ledger = try floodNight(dir)
        try ledger.execute(try Grammar.parse("warn rainstorm red fangshan,mentougou until +6h by Beijing Meteorological Observatory", now: fixedNow), operatorName: "li.na", now: { fixedNow })
        try ledger.execute(try Grammar.parse("respond flood II city flash floods", now: fixedNow), operatorName: "li.na", now: { fixedNow })
        var m = model()
        m.zoom = 2
        #expect(tints(ConsoleView.render(m, world(ledger), width: 160, height: 48)).isEmpty, "no tint by default")
        m.tintMode = .warnings
        #expect(tints(ConsoleView.render(m, world(ledger), width: 160, height: 48)) == [.warning(.red)])
        m.tintMode = .responses
        #expect(tints(ConsoleView.render(m, world(ledger), width: 160, height: 48)) == [.response(.ii)])
    }

    @Test func markersDifferByShapeAndTheLevelFilterHidesLowerLevels() throws {
        let dir = TempDir()
        let ledger = try floodNight(dir)
        var m = model()
        m.zoom = 2
        let all = ConsoleView.render(m, world(ledger), width: 160, height: 48)
        let markers = all.cells.filter { if case .level = $0.style.role { $0.text == "✖" || $0.text == "▲" } else { false } }
        #expect(markers.count >= 2)
        m.minimumLevel = .iv
        let filtered = ConsoleView.render(m, world(ledger), width: 160, height: 48)
        let left = filtered.cells.filter { if case .level = $0.style.role { $0.text == "✖" || $0.text == "▲" } else { false } }
        #expect(left.count == 1, "only the level-IV incident stays")
        expectOnScreen(filtered, "≥IV")
    }

    @Test func whatIsHereListsTheCursorCell() throws {
        let dir = TempDir()
        let ledger = try floodNight(dir)
        var m = model()
        m.focus = .map
        m.cursor = try #require(ledger.state.incidents[IncidentID(3)]?.location.cell)
        let screen = ConsoleView.render(m, world(ledger), width: 160, height: 48)
        expectOnScreen(screen, "What is here")
        expectOnScreen(screen, "WGS-84")
        expectOnScreen(screen, "Dongcheng · urban core")
        expectOnScreen(screen, "INC-0003 IV waterlogging \"Guangqumen underpass flooded\"")
    }

    @Test func zoomedOutTheWholeCityFitsAndShowsTheMostSevereThingPerCell() throws {
        let dir = TempDir()
        let ledger = try floodNight(dir)
        var m = model()
        m.zoom = 4
        let screen = ConsoleView.render(m, world(ledger), width: 160, height: 48)
        for name in ["Yanqing", "Pinggu", "Fangshan", "Tongzhou", "Miyun"] { expectOnScreen(screen, name) }
        assertSnapshot(screen, named: "beijing-zoom4-160x48-en")
    }

    @Test func asciiGlyphsForNonUTF8Terminals() throws {
        let dir = TempDir()
        let ledger = try floodNight(dir)
        var m = model()
        m.glyphs = .ascii
        m.asciiNote = true
        let screen = ConsoleView.render(m, world(ledger), width: 120, height: 36)
        let nonASCII = screen.lines.joined().unicodeScalars.filter { !$0.isASCII }
        #expect(nonASCII.isEmpty, "non-ASCII glyphs in ASCII mode: \(String(String.UnicodeScalarView(nonASCII.prefix(10))))")
        expectOnScreen(screen, "the locale is not UTF-8")
    }
}

@Suite("The team board")
struct TeamBoardTests {
    @Test func teamsAtWorkComeFirstWithWhereAndSinceWhen() throws {
        let dir = TempDir()
        let ledger = try floodNight(dir)
        try ledger.execute(try Grammar.parse("assign INC-0003 FR-12", now: fixedNow), operatorName: "li.na", now: { fixedNow.addingTimeInterval(-120) })
        let (runner, terminal) = makeRunner(ledger, width: 160, height: 48, script: keys("b"))
        runner.run(untilScriptEnds: true)
        expectOnScreen(terminal.screen, "Teams 41 · at work 1 · available 40")
        let rows = terminal.screen.lines.filter { $0.contains("FR-12") || $0.contains("FR-01 ") }
        #expect(rows.first?.contains("FR-12  dispatched 2m   INC-0003 Municipal drainage") == true, "\(rows)")
    }
}

extension MapViewTests {
    /// Labels are placed, never overwritten: at every zoom and in both languages, each run of
    /// label cells on a row is one whole name (a district's, a river's, a road's), and every row
    /// keeps the screen's width.
    /// (A negative zoom stands for magnifying: -2 is 2:1, a map cell drawn as 2×2 characters.)
    @Test(arguments: [-4, -2, 1, 2, 4, 8], [Language.en, .zh])
    func everyDrawnLabelIsAWholeName(zoom: Int, language: Language) throws {
        let dir = TempDir()
        let ledger = try floodNight(dir)
        let f = Resources.shared
        var m = model()
        if zoom < 0 { m.magnify = -zoom } else { m.zoom = zoom }
        m.language = language
        let names = Set(f.grid.districts.map { $0.name(language) } + f.map.labels.map { $0.name(language) })
        let screen = ConsoleView.render(m, world(ledger), width: 160, height: 48)
        var seen = 0
        for y in 0..<screen.height {
            #expect(DisplayWidth.of(screen.lines[y]) == 160)
            var run = ""
            var runIsLabel = false
            func close() {
                let word = run.trimmingCharacters(in: .whitespaces)
                if runIsLabel && !word.isEmpty {
                    seen += 1
                    #expect(names.contains(word), "zoom \(zoom) \(language): '\(word)' is not a whole name (row \(y))")
                }
                run = ""
            }
            for x in 0..<screen.width {
                let cell = screen[x, y]
                let isLabel = cell.style.role == .mapLabel || cell.style.role == .mapWater && (cell.text.map { !"~≈".contains($0) } ?? true)
                if isLabel != runIsLabel { close(); runIsLabel = isLabel }
                if let t = cell.text { run.append(t) }
            }
            close()
        }
        #expect(seen > 0, "some labels are drawn")
    }

    @Test func zoomingInPastOneToOneDrawsEachMapCellAsABlock() throws {
        let ledger = try floodNight(TempDir())
        var m = model()
        // Terrain alone: no labels, boundaries, water, roads or markers to break the blocks.
        m.layers = ConsoleModel.Layers(labels: false, terrain: true, water: false, roads: false, incidents: false, teams: false, facilities: false)
        let one = ConsoleView.renderMap(m, world(ledger), width: 40, height: 20)
        m.magnify = 2
        let two = ConsoleView.renderMap(m, world(ledger), width: 80, height: 40)
        for y in 0..<20 {
            for x in 0..<40 {
                for (dx, dy) in [(0, 0), (1, 0), (0, 1), (1, 1)] {
                    #expect(two[2 * x + dx, 2 * y + dy].text == one[x, y].text, "cell (\(x), \(y)) drawn as a 2×2 block")
                }
            }
        }
    }

    @Test func plusPastOneToOneMagnifiesAndMinusComesBack() throws {
        let ledger = try floodNight(TempDir())
        var m = model()
        let w = world(ledger)
        m.zoom = 2
        for (key, zoom, magnify) in [("+", 1, 1), ("+", 1, 2), ("+", 1, 4), ("+", 1, 4), ("-", 1, 2), ("-", 1, 1), ("-", 2, 1)] {
            _ = m.update(.key(.char(Character(key))), world: w)
            #expect((m.zoom, m.magnify) == (zoom, magnify))
        }
        m.magnify = 4
        m.zoom = 1
        let screen = ConsoleView.render(m, w, width: 160, height: 48)
        expectOnScreen(screen, "zoom 4:1")
        // The selected incident's marker is one character, in the middle of its block.
        let selected = try #require(w.state.incidents[IncidentID(3)])
        m.centre = selected.location.cell
        let centred = ConsoleView.renderMap(m, w, width: 80, height: 40)
        let markers = centred.cells.filter { if case .level = $0.style.role { $0.text == "▲" } else { false } }
        #expect(markers.count == 1)
    }
}
