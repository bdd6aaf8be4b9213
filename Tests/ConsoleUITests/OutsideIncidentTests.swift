import CommandModel
import EventLog
import Foundation
import Testing

@testable import ConsoleUI

/// A neighbour's incident (a centre that records reports outside the city) is said on its
/// detail, in both languages, so nobody takes it for the city's own.
@Suite("A neighbour's incident on the console")
struct OutsideIncidentTests {
    @Test(arguments: [Language.en, .zh])
    func theDetailSaysTheIncidentIsOutsideTheCity(language: Language) throws {
        let f = Resources.shared
        var plans = f.plans
        plans.centre.outside = .record
        let ledger = try Ledger(store: InMemoryEventStore(), plans: plans, grid: f.grid)
        ledger.places = f.places
        try ledger.execute(try Grammar.parse("report flood at 39.4855,115.9740 deaths=1", now: fixedNow), operatorName: "li.na", now: { fixedNow })
        var m = ConsoleModel(language: language, glyphs: .unicode, operatorName: "li.na", centre: Cell(x: 120, y: 60))
        m.selected = IncidentID(1)
        let world = ConsoleWorld(state: ledger.state, map: f.map, grid: f.grid, plans: plans, facilities: [], now: fixedNow)
        let screen = ConsoleView.render(m, world, width: 160, height: 48)
        let expected = language == .en ? "OUTSIDE Beijing: Hebei · Zhuozhou (mutual aid)" : "北京辖区外：河北省 · 涿州市（跨区支援）"
        #expect(screen.lines.contains { $0.contains(expected) }, "\(screen.lines.joined(separator: "\n"))")
    }
}
