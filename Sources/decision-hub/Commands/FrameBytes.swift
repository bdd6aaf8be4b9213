import ArgumentParser
import CommandModel
import ConsoleUI
import EventLog
import Foundation

/// Measures the bytes the console sends to the terminal for one frame in which one incident
/// changes, and writes the two screens as cell lists so `benchmarks/frame_bytes_baseline.c`
/// can draw the same change with ncurses directly.
struct FrameBytes: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "frame-bytes", abstract: "Bytes per frame when one incident changes.")

    @Option var store: String
    @Option var out: String = "/tmp/decision-hub-frames"
    @Option var width = 200
    @Option var height = 60

    func run() throws {
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let res = try loadCentreFiles(mapPath: nil, cityPath: nil, withCity: true, language: .en)
        let ledger = try Ledger(store: SQLiteEventStore(path: store), plans: res.plans, grid: res.grid)
        guard let target = ledger.state.activeIncidents.filter({ $0.status == .reported }).min(by: { $0.id < $1.id }) else {
            throw ValidationError("the store needs an unacknowledged incident")
        }
        guard let terminal = NcursesTerminal(recordingTo: out + "/console.bytes", width: width, height: height) else { throw ValidationError("cannot start a recording terminal") }
        let centre = res.grid.cell(for: GeoPoint(lat: 39.905, lon: 116.397)) ?? Cell(x: 0, y: 0)
        var model = ConsoleModel(language: .en, glyphs: .unicode, operatorName: "bench", centre: centre)
        model.selected = ledger.state.activeIncidents.map(\.id).min()
        let fixed = Date()
        let runner = ConsoleRunner(terminal: terminal, backend: ledger, map: res.map, facilities: res.city.facilities, model: model, clock: { fixed })
        let a = runner.frame()
        terminal.draw(a)
        let full = terminal.bytesWritten
        // Another console acknowledges one incident; this one folds it in and draws.
        let other = try Ledger(store: SQLiteEventStore(path: store), plans: res.plans, grid: res.grid)
        try other.execute([.incident(.acknowledge(target.id))], operatorName: "other", now: { fixed })
        runner.poll()
        let b = runner.frame()
        terminal.draw(b)
        let after = terminal.bytesWritten
        let changed = zip(a.cells, b.cells).filter { $0 != $1 }.count
        // Idle: nothing changed, the same frame again.
        terminal.draw(runner.frame())
        let idle = terminal.bytesWritten - after
        try terminal.pairTable.joined(separator: "\n").write(toFile: out + "/pairs.txt", atomically: true, encoding: .utf8)
        try terminal.cellDump(a).joined(separator: "\n").write(toFile: out + "/a.txt", atomically: true, encoding: .utf8)
        try terminal.cellDump(b).joined(separator: "\n").write(toFile: out + "/b.txt", atomically: true, encoding: .utf8)
        terminal.shutdown()
        print("console \(width)x\(height): first frame \(full) bytes; one incident acknowledged: \(changed) cells changed, \(after - full) bytes; an idle frame: \(idle) bytes")
    }
}
