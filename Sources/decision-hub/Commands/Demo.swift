import ArgumentParser
import CommandModel
import ConsoleUI
import EventLog
import Foundation

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo", abstract: "The console on a fresh store with Beijing sample data and a live rainstorm night. 演示。")

    @OptionGroup var options: StoreOptions
    @OptionGroup var console: ConsoleOptions
    @Option(help: "Speed of the scripted feed (2 = twice as fast). 演示事件流速度。") var pace: Double = 1
    @Flag(help: "Run only the feed (no console), printing each event; for tests. 只运行事件流（不打开控制台）。") var feedOnly = false

    func run() throws {
        let lang = options.language
        let res = try loadCentreFiles(mapPath: console.map, cityPath: console.city, withCity: true, language: lang)
        let path: String
        var temporary: URL?
        if let s = options.store {
            path = s
        } else {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("decision-hub-demo-\(ProcessInfo.processInfo.processIdentifier)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            path = dir.appendingPathComponent("demo.sqlite").path
            temporary = dir
        }
        // The demo's own store goes when the demo ends; a store named with --store stays.
        defer { if let temporary { try? FileManager.default.removeItem(at: temporary) } }
        let store: SQLiteEventStore
        let setup: Ledger
        do {
            store = try SQLiteEventStore(path: path, create: true)
            setup = try Ledger(store: store, plans: res.plans, grid: res.grid)
            setup.places = res.places
            // The sample city's teams and facilities on the record, as `city import` puts them.
            let plan = res.city.importCommands(toMatch: setup.state)
            if !plan.commands.isEmpty { try setup.execute(plan.commands, operatorName: "setup") }
        } catch let e as StoreError {
            throw fail(e.text(lang))
        } catch let e as ExecutionError {
            throw fail(e.text(lang))
        }
        let script = (try? String(contentsOf: res.root.url("sample/rainstorm-night.txt"), encoding: .utf8)) ?? ""
        let feed = DemoFeed(path: path, plans: res.plans, grid: res.grid, places: res.places, script: script, pace: pace)
        if feedOnly {
            feed.run(print: true)
            return
        }
        let thread = Thread { feed.run(print: false) }
        thread.start()
        var opts = options
        opts.store = path
        try runConsole(store: store, resources: res, options: opts, console: console)
    }
}

/// Plays a scenario file into the store from its own connection, as another process would.
final class DemoFeed: @unchecked Sendable {
    // @unchecked: used from one thread only after construction.
    let path: String
    let plans: PlanBook
    let grid: Grid
    let places: Places?
    let script: String
    let pace: Double

    init(path: String, plans: PlanBook, grid: Grid, places: Places?, script: String, pace: Double) {
        self.path = path
        self.plans = plans
        self.grid = grid
        self.places = places
        self.script = script
        self.pace = max(0.01, pace)
    }

    func run(print echo: Bool) {
        guard let store = try? SQLiteEventStore(path: path), let ledger = try? Ledger(store: store, plans: plans, grid: grid) else { return }
        ledger.places = places
        // The script names its incidents INC-0001, INC-0002… in the order it reports them; an
        // officer or a drill reporting first shifts the real ids, so each is read as the feed's own.
        var reported: [IncidentID] = []
        func own(_ line: String) -> String {
            line.split(separator: " ", omittingEmptySubsequences: false).map { word -> String in
                guard word.uppercased().hasPrefix("INC-"), let id = IncidentID(parsing: String(word)), id.number <= reported.count else { return String(word) }
                return reported[id.number - 1].description
            }.joined(separator: " ")
        }
        for raw in script.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard line.hasPrefix("+"), let space = line.firstIndex(of: " "), let delay = Double(line[line.index(after: line.startIndex)..<space]) else { continue }
            var rest = line[line.index(after: space)...].trimmingCharacters(in: .whitespaces)
            var who = "feed"
            if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
                who = String(rest[rest.index(after: rest.startIndex)..<close])
                rest = rest[rest.index(after: close)...].trimmingCharacters(in: .whitespaces)
            }
            Thread.sleep(forTimeInterval: delay / pace)
            // A scripted line that does not parse or is refused is said, never dropped in silence
            // (a test plays the whole script and expects no refusal).
            do {
                let events = try ledger.execute(try Grammar.parse(own(rest), now: Date()), operatorName: who)
                for e in events { if case let .incidentReported(r) = e.event { reported.append(r.id) } }
                if echo { for e in events { Swift.print("#\(e.sequence) \(who) · \(e.event.summary.en)") } }
            } catch let e as GrammarError {
                if echo { Swift.print("✗ refused: \(rest) — \(e.text(.en))") }
            } catch let e as ExecutionError {
                if echo { Swift.print("✗ refused: \(rest) — \(e.text(.en))") }
            } catch {
                if echo { Swift.print("✗ refused: \(rest) — \(error)") }
            }
        }
    }
}
