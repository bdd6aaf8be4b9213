import CommandModel
import EventLog
import Foundation
import Testing

@testable import ConsoleUI

/// The header and the map's response rows show each area response as it is in force, district
/// by district, and each warning in force; both clear when they end.
@Suite("Area responses and warnings on screen")
struct AreaDisplayTests {
    func world(_ ledger: Ledger) -> ConsoleWorld {
        let f = Resources.shared
        return ConsoleWorld(state: ledger.state, map: f.map, grid: f.grid, plans: f.plans, facilities: f.city.facilities, now: fixedNow)
    }

    func model(_ language: Language = .en, zoom: Int = 1) -> ConsoleModel {
        let f = Resources.shared
        var m = ConsoleModel(language: language, glyphs: .unicode, operatorName: "li.na", centre: f.grid.cell(for: GeoPoint(lat: 39.905, lon: 116.397))!)
        m.zoom = zoom
        return m
    }

    func run(_ ledger: Ledger, _ lines: String...) throws {
        for line in lines { try ledger.execute(try Grammar.parse(line, now: fixedNow), operatorName: "liu.yang", now: { fixedNow }) }
    }

    /// The header line.
    func header(_ ledger: Ledger, _ language: Language = .en, width: Int = 200) -> String {
        ConsoleView.render(model(language), world(ledger), width: width, height: 30).lines[0]
    }

    @Test func theHeaderShowsTheHighestLevelInForceAndClearsWhenEveryDistrictIsLowered() throws {
        let ledger = try floodNight(TempDir(), incidents: false)
        try run(ledger, "respond flood I city record rainfall")
        #expect(header(ledger).contains("FLOOD RESPONSE I: city"))
        try run(ledger, "respond RSP-1 III mentougou,fangshan eased in the west")
        #expect(header(ledger).contains("FLOOD RESPONSE I: rest of city (14)"))
        for d in Resources.shared.grid.districts.map(\.slug) {
            try run(ledger, "respond RSP-1 III \(d) eased in \(d)")
        }
        #expect(header(ledger).contains("FLOOD RESPONSE III: city"), "no stale city-wide I: \(header(ledger))")
        #expect(!header(ledger).contains("RESPONSE I:"))
        #expect(header(ledger, .zh).contains("洪水III级响应：全市"))
        for d in Resources.shared.grid.districts.map(\.slug) {
            try run(ledger, "respond RSP-1 none \(d) lifted in \(d)")
        }
        #expect(ledger.state.responses[ResponseID(1)]?.isActive == false, "lifted everywhere: ended")
        #expect(!header(ledger).contains("RESPONSE"))
        let screen = ConsoleView.render(model(), world(ledger), width: 160, height: 48)
        #expect(!screen.contains("RSP-1"), "no response rows once it ended")
    }

    @Test func everyDistrictLevelReadsInTextAtEveryZoomInBothLanguages() throws {
        let ledger = try floodNight(TempDir(), incidents: false)
        try run(ledger, "respond flood II city flash floods", "respond RSP-1 I mentougou,fangshan people missing", "respond RSP-1 IV dongcheng drained")
        for zoom in [1, 2, 4, 8] {
            let en = ConsoleView.render(model(.en, zoom: zoom), world(ledger), width: 160, height: 48)
            expectOnScreen(en, "RSP-1 flood response · I Mentougou, Fangshan · II rest of city (13) · IV Dongcheng")
            let zh = ConsoleView.render(model(.zh, zoom: zoom), world(ledger), width: 160, height: 48)
            expectOnScreen(zh, "RSP-1 洪水应急响应 · I级 门头沟区、房山区 · II级 其余13区 · IV级 东城区")
        }
    }

    @Test func twoResponsesStayTwo() throws {
        let ledger = try floodNight(TempDir(), incidents: false)
        try run(ledger, "respond flood III mentougou flash floods", "respond fire I city dry wind")
        let screen = ConsoleView.render(model(), world(ledger), width: 160, height: 48)
        expectOnScreen(screen, "RSP-2 fire response · I whole city")
        expectOnScreen(screen, "RSP-1 flood response · III Mentougou")
        #expect(screen.lines[0].contains("FIRE RESPONSE I: city") && screen.lines[0].contains("FLOOD RESPONSE III: Mentougou"))
        #expect(screen.lines[2].contains("RSP-2") && screen.lines[3].contains("RSP-1"), "highest first")
    }

    @Test func whatIsHereNamesTheResponseLevelInTheCursorsDistrict() throws {
        let ledger = try floodNight(TempDir(), incidents: false)
        try run(ledger, "respond flood II city flash floods", "respond RSP-1 IV dongcheng drained")
        var m = model()
        m.focus = .map
        m.cursor = Resources.shared.grid.cell(for: GeoPoint(lat: 39.93, lon: 116.41))!
        expectOnScreen(ConsoleView.render(m, world(ledger), width: 160, height: 48), "RSP-1 flood response: level IV here")
    }

    @Test func theDetailListsTheReportsOwedAtTheCurrentLevel() throws {
        let ledger = try floodNight(TempDir(), incidents: false)
        try run(ledger, "report fire at chaoyang title \"Rubbish fire\"", "level INC-0001 IV a rubbish fire")
        var m = model()
        m.selected = IncidentID(1)
        expectOnScreen(ConsoleView.render(m, world(ledger), width: 160, height: 48), "reports 0/2: ☐district ☐city")
        try run(ledger, "filed INC-0001 district", "level INC-0001 II eleven dead in the warehouse")
        let raised = ConsoleView.render(m, world(ledger), width: 220, height: 48)
        expectOnScreen(raised, "reports 1/5: ☑district ☐city ☐public-info ☐state ☐press-conference")
        m.language = .zh
        expectOnScreen(ConsoleView.render(m, world(ledger), width: 160, height: 48), "报送 1/5：☑区政府")
    }

    /// The header, the response rows and the warnings after an upgrade: one screen, small
    /// enough to review, in each language.
    @Test(arguments: [Language.en, .zh])
    func theHeaderListsEachWarningInForceAndEachResponse(language: Language) throws {
        let ledger = try floodNight(TempDir())
        try run(
            ledger,
            "warn rainstorm blue city by Beijing Meteorological Observatory",
            "warn rainstorm yellow city by Beijing Meteorological Observatory",
            "warn rainstorm orange city by Beijing Meteorological Observatory",
            "warn flood red mentougou,fangshan by Beijing Hydrological Centre",
            "respond flood II city flash floods in the west",
            "respond RSP-1 I mentougou,fangshan people missing",
            "respond fire IV chaoyang dry wind")
        let warnings = ledger.state.warningsInForce(at: fixedNow).map(\.id.description)
        #expect(warnings == ["WRN-4", "WRN-3"], "blue and yellow superseded by orange; red for the flood on its own")
        let screen = ConsoleView.render(model(language), world(ledger), width: 120, height: 24)
        assertSnapshot(screen, named: "area-responses-120x24-\(language.rawValue)")
    }
}
