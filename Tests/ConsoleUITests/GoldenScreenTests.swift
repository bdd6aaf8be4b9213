import CommandModel
import EventLog
import Foundation
import Testing

@testable import ConsoleUI

/// The golden store from before the renovation renders the same screens with every later build.
@Suite("The golden store's screens")
struct GoldenScreenTests {
    @Test(arguments: [Language.en, .zh])
    func theGoldenStoreRendersAsBefore(language: Language) throws {
        let dir = TempDir()
        let ledger = try Ledger(store: SQLiteEventStore(path: try GoldenStore.copy(into: dir)), plans: Resources.shared.plans, grid: Resources.shared.grid)
        let f = Resources.shared
        let terminal = TestTerminal(width: 160, height: 48)
        let centre = f.grid.cell(for: GeoPoint(lat: 39.905, lon: 116.397)) ?? Cell(x: 0, y: 0)
        let model = ConsoleModel(language: language, glyphs: .unicode, operatorName: "li.na", centre: centre)
        let runner = ConsoleRunner(terminal: terminal, backend: ledger, map: f.map, facilities: f.city.facilities, model: model, clock: { GoldenStore.end })
        runner.run(untilScriptEnds: true)
        assertSnapshot(terminal.screen, named: "golden-160x48-\(language.rawValue)")
    }
}
