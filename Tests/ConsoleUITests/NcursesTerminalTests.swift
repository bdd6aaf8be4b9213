import CommandModel
import ConsoleUI
import EventLog
import Foundation
import Testing

/// The real ncurses terminal, writing to a file instead of a screen.
@Suite("The ncurses terminal", .serialized)
struct NcursesTerminalTests {
    @Test func anIdleFrameWritesNothingAndAChangeWritesOnlyWhatChanged() throws {
        let dir = TempDir()
        let ledger = try floodNight(dir)
        let terminal = try #require(NcursesTerminal(recordingTo: dir.path("out.bytes"), width: 120, height: 36))
        defer { terminal.shutdown() }
        let f = Resources.shared
        let centre = f.grid.cell(for: GeoPoint(lat: 39.905, lon: 116.397)) ?? Cell(x: 0, y: 0)
        let runner = ConsoleRunner(
            terminal: terminal, backend: ledger, map: f.map, facilities: f.city.facilities, model: ConsoleModel(language: .zh, glyphs: .unicode, operatorName: "li.na", centre: centre),
            clock: { fixedNow })
        terminal.draw(runner.frame())
        let full = terminal.bytesWritten
        #expect(full > 4_000)
        terminal.draw(runner.frame())
        #expect(terminal.bytesWritten == full, "an unchanged frame sends nothing")
        try ledger.execute([.incident(.acknowledge(IncidentID(1)))], operatorName: "wang.lei", now: { fixedNow })
        terminal.draw(runner.frame())
        let delta = terminal.bytesWritten - full
        #expect(delta > 0 && delta < full / 10, "a change sends a little: \(delta) of \(full) bytes")
        // Chinese text reaches the terminal as UTF-8.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: dir.path("out.bytes")))
        #expect(String(decoding: bytes, as: UTF8.self).contains("决策中枢"))
    }
}
