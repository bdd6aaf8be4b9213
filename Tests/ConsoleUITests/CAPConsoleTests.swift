import CommandModel
import EventLog
import Foundation
import Testing

@testable import ConsoleUI

/// Done when (#15): a red-rainstorm CAP alert for two districts appears on a following
/// console's one-map as a tint over exactly those districts within a second of import, an
/// update changes it and a cancel lifts it.
@Suite("CAP 1.2 alerts on a following console")
struct CAPConsoleTests {
    /// The fixture with its times moved to around `now` (the cancel a minute ago).
    func alert(_ name: String, now: Date) throws -> [UInt8] {
        var s = String(decoding: try Data(contentsOf: repoRoot.appendingPathComponent("Tests/Fixtures/cap/\(name).xml")), as: UTF8.self)
        let shift = now.addingTimeInterval(-60).timeIntervalSince(Date(timeIntervalSince1970: 1_785_448_800)).rounded()
        for hour in [2.0, 4, 6, 8, 12] {
            let fixed = String(format: "2026-07-31T%02d:00:00+08:00", Int(hour))
            s = s.replacingOccurrences(of: fixed, with: CAPExport.time(Date(timeIntervalSince1970: 1_785_434_400 + (hour - 2) * 3600 + shift)))
        }
        return Array(s.utf8)
    }

    /// The districts tinted, by slug, and their tints.
    func tints(_ runner: ConsoleRunner) -> [String: Tint] {
        let grid = Resources.shared.grid
        var out: [String: Tint] = [:]
        for (index, tint) in MapView(model: runner.model, world: runner.world).districtTints() { out[grid.districts[Int(index) - 1].slug] = tint }
        return out
    }

    /// Steps the console (as its loop does) until `done`, at most two seconds; how long it took.
    func follow(_ runner: ConsoleRunner, until done: () -> Bool) -> TimeInterval? {
        let start = Date()
        while Date().timeIntervalSince(start) < 2 {
            runner.step(timeoutMilliseconds: 20)
            if done() { return Date().timeIntervalSince(start) }
        }
        return nil
    }

    @Test(arguments: [Language.en, .zh])
    func anAlertTintsExactlyItsDistrictsAnUpdateChangesThemAndACancelLiftsThem(language: Language) throws {
        let dir = TempDir()
        let f = Resources.shared
        let path = dir.path("s.sqlite")
        let writer = try Ledger(store: try SQLiteEventStore(path: path, create: true), plans: f.plans, grid: f.grid)
        let colours = try ResourceFiles(root: repoRoot.appendingPathComponent("Resources")).capColours()
        let cap = CAPImport(ledger: writer, operatorName: "cap", colours: colours)
        // The console follows the same store through its own ledger, as another process would.
        let follower = try Ledger(store: try SQLiteEventStore(path: path), plans: f.plans, grid: f.grid)
        let terminal = TestTerminal(width: 160, height: 48)
        var model = ConsoleModel(language: language, glyphs: .unicode, operatorName: "li.na", centre: f.grid.cell(for: GeoPoint(lat: 39.905, lon: 116.397)) ?? Cell(x: 0, y: 0))
        model.tintMode = .warnings
        let runner = ConsoleRunner(terminal: terminal, backend: follower, map: f.map, facilities: [], model: model)
        runner.step(timeoutMilliseconds: 0)
        #expect(tints(runner).isEmpty)

        let now = Date()
        #expect(try cap.importBytes(try alert("beijing-red-rainstorm", now: now), name: "alert").applied)
        let shown = follow(runner) { !tints(runner).isEmpty }
        #expect(try #require(shown) < 1, "the tint came \(shown ?? -1) s after the import")
        #expect(tints(runner) == ["fangshan": .warning(.red), "mentougou": .warning(.red)])
        let screen = runner.frame()
        let headline = language == .en ? "Red rainstorm warning: " : "北京市气象台发布暴雨红色预警信号："
        #expect(screen.lines.contains { $0.contains("⚠ " + headline) }, "\(screen.lines.prefix(2).joined(separator: "\n"))")

        #expect(try cap.importBytes(try alert("beijing-red-rainstorm-update", now: now), name: "update").applied)
        #expect(follow(runner) { tints(runner)["mentougou"] == nil } != nil)
        #expect(tints(runner) == ["fangshan": .warning(.orange)])

        #expect(try cap.importBytes(try alert("beijing-red-rainstorm-cancel", now: now), name: "cancel").applied)
        #expect(follow(runner) { tints(runner).isEmpty } != nil)
        #expect(!runner.frame().lines.contains { $0.contains("⚠") })
    }
}
