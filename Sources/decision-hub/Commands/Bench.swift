import ArgumentParser
import CommandModel
import ConsoleUI
import EventLog
import Foundation

/// Benchmarks recorded in BENCHMARKS.md. Run in a release build:
/// `swift run -c release decision-hub debug bench --events 1000000`.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench", abstract: "Measure replay, start-up, appends, recommendation and memory.")

    @Option var events: Int = 1_000_000
    @Option var active: Int = 10_000
    @Option var store: String = "/tmp/decision-hub-bench.sqlite"
    @Option var appends: Int = 2_000

    func run() throws {
        let fm = FileManager.default
        for suffix in ["", "-wal", "-shm"] { try? fm.removeItem(atPath: store + suffix) }
        let clock = ContinuousClock()
        let plans = ResourceFiles.locate()?.plans().book ?? .empty
        let grid = benchGrid()

        // 1. Generate a year of history through the decider.
        print("generating \(events) events (\(active) incidents left active)…")
        var gen = Generator(plans: plans, grid: grid, target: events, active: active)
        let genStart = clock.now
        let log = gen.run()
        print("  generated \(log.count) events in \(clock.now - genStart)")

        // 2. Pure fold throughput.
        var t = clock.now
        let folded = CommandState.replay(log)
        let foldTime = clock.now - t
        report("fold \(log.count) events (in memory)", foldTime, rate: log.count)
        print("  state: \(folded.incidents.count) incidents, \(folded.incidents.values.filter(\.isActive).count) active, \(folded.teams.count) teams")

        // 3. Write them to a store.
        let s = try SQLiteEventStore(path: store, create: true)
        t = clock.now
        var head: Int64 = 0
        for chunk in stride(from: 0, to: log.count, by: 10_000) {
            let batch = log[chunk..<min(chunk + 10_000, log.count)].map { PendingEvent(id: $0.id, at: $0.at, by: $0.by, exercise: $0.exercise, event: $0.event) }
            guard case .appended = try s.append(batch, expectedHead: head) else { throw ValidationError("conflict while loading") }
            head += Int64(batch.count)
        }
        report("bulk load into SQLite (10k per transaction)", clock.now - t, rate: log.count)

        // 4. Replay from the store: read + decode + fold, no snapshot.
        t = clock.now
        var replayed = CommandState()
        var after: Int64 = 0
        while true {
            let batch = try s.events(after: after, limit: 20_000)
            if batch.isEmpty { break }
            for e in batch { replayed.apply(e) }
            after = batch.last?.sequence ?? after
        }
        let replayTime = clock.now - t
        report("replay from the store (read, decode, fold)", replayTime, rate: log.count)
        precondition(replayed == folded, "replay from the store differs from the fold")

        // 5. Time to a usable state: snapshot + tail.
        try s.saveSnapshot(replayed)
        t = clock.now
        let opened = try Ledger(store: SQLiteEventStore(path: store), plans: plans, grid: grid)
        report("open a store of \(log.count) events to a usable state (snapshot)", clock.now - t)
        precondition(opened.state == folded)

        // 6. Durable append latency, one event per transaction.
        var latencies: [Double] = []
        let ledger = opened
        let target = folded.incidents.values.first(where: \.isActive)?.id ?? IncidentID(1)
        for n in 0..<appends {
            let a = clock.now
            try ledger.execute([.incident(.addNote(target, text: "bench \(n)"))], operatorName: "bench")
            latencies.append(Double((clock.now - a).components.attoseconds) / 1e12 + Double((clock.now - a).components.seconds) * 1e6)
        }
        latencies.sort()
        print(String(format: "durable append through the ledger (decide + append + fold), %d appends: p50 %.0f µs, p99 %.0f µs", appends, latencies[appends / 2], latencies[appends * 99 / 100]))

        // 6b. The store's append alone, one event per transaction (compare with the C baseline in
        // benchmarks/append_baseline.c).
        var raw: [Double] = []
        var head2 = try s.head()
        for n in 0..<appends {
            let e = PendingEvent(id: "raw-\(n)", at: Date(), by: "bench", exercise: nil, event: .noteAdded(incident: target, text: "bench \(n)"))
            let a = clock.now
            guard case .appended = try s.append([e], expectedHead: head2) else { throw ValidationError("conflict") }
            let d = clock.now - a
            raw.append(Double(d.components.seconds) * 1e6 + Double(d.components.attoseconds) / 1e12)
            head2 += 1
        }
        raw.sort()
        print(String(format: "durable append, store only, %d appends: p50 %.0f µs, p99 %.0f µs", appends, raw[appends / 2], raw[appends * 99 / 100]))

        // 7. Recommendation and joint plan on a 200x120 grid with 1000 teams.
        let waiting = folded.incidents.values.filter { $0.isActive && $0.status != .reported }.sorted { $0.id < $1.id }
        t = clock.now
        let samples = 200
        for i in waiting.prefix(samples) { _ = folded.recommend(for: i.id, plans: plans, grid: grid) }
        report("recommendation for one incident (200x120 grid, \(folded.teams.count) teams)", (clock.now - t) / samples)
        t = clock.now
        let plan = folded.jointPlan(for: waiting.prefix(200).map(\.id), plans: plans, grid: grid)
        report("joint plan for 200 incidents x \(folded.teams.values.filter { $0.status == .available }.count) free teams (\(plan.assignments.count) assignments)", clock.now - t)

        // 8. Rendering a 200x60 map view with the year's active incidents and 1000 teams.
        if let res = ResourceFiles.locate(), let text = try? String(contentsOf: res.url("maps/beijing.map"), encoding: .utf8), let map = OneMap.parse(text, file: "beijing.map").map {
            let g = map.grid()
            var state = CommandState()
            // Re-place the generated state's incidents on the Beijing grid for a realistic picture.
            state = folded
            let terminal = OffscreenTerminal(width: 200, height: 60)
            let ledgerForUI = try Ledger(store: SQLiteEventStore(path: store), plans: plans, grid: g)
            let model = ConsoleModel(language: .en, glyphs: .unicode, operatorName: "bench", centre: Cell(x: 100, y: 60))
            let runner = ConsoleRunner(terminal: terminal, backend: ledgerForUI, map: map, facilities: [], model: model)
            _ = state
            var frames = 0
            t = clock.now
            while clock.now - t < .seconds(2) {
                _ = runner.frame()
                frames += 1
            }
            report(
                "render the full console at 200x60 with \(ledgerForUI.state.incidents.values.filter(\.isActive).count) active incidents, \(ledgerForUI.state.teams.count) teams (per frame, \(frames) frames)",
                (clock.now - t) / frames)
            var mv = model
            mv.layers.incidents = true
            t = clock.now
            let world = runner.world
            for _ in 0..<50 { _ = ConsoleView.render(mv, world, width: 200, height: 60) }
            report("render only (world built once), per frame", (clock.now - t) / 50)
            t = clock.now
            for _ in 0..<200 { _ = ConsoleView.renderMap(mv, world, width: 200, height: 60) }
            report("map view alone, 200x60 (per frame)", (clock.now - t) / 200)
            // Key press to finished frame: the update, then the frame at the console's size.
            t = clock.now
            for k in 0..<200 {
                runner.send(.key(k % 2 == 0 ? Key.down : Key.up))
                _ = runner.frame()
            }
            report("key press to finished frame (↓/↑ in the list, 200x60)", (clock.now - t) / 200)
        }

        print(String(format: "resident memory now: %.0f MB (peak %.0f MB)", residentMB(), peakMB()))
    }

    func report(_ what: String, _ d: Duration, rate: Int? = nil) {
        let seconds = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        if let rate {
            print(String(format: "%@: %.3f s (%.0f events/s)", what, seconds, Double(rate) / seconds))
        } else {
            print(String(format: "%@: %.3f ms", what, seconds * 1000))
        }
    }
}

/// Opens a store as the console does and reports time to a usable state and memory: run it
/// in a fresh process so the figure is the console's own.
struct OpenBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "open", abstract: "Time to a usable state and resident memory for one store.")
    @Option var store: String

    func run() throws {
        let clock = ContinuousClock()
        let t = clock.now
        let ledger = try Ledger(store: SQLiteEventStore(path: store))
        let d = clock.now - t
        let seconds = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        print(
            String(
                format: "opened %lld events (%d incidents, %d active) in %.3f s; resident %.0f MB, peak %.0f MB", ledger.state.sequence, ledger.state.incidents.count,
                ledger.state.incidents.values.filter(\.isActive).count, seconds, residentMB(), peakMB()))
    }
}

/// A 200x120 grid with mountains in the west and north, a river, and roads.
func benchGrid() -> Grid {
    var g = Grid(width: 200, height: 120, box: GeoBox(north: 41.06, south: 39.44, west: 115.42, east: 117.51), districts: [District(code: "1", slug: "all", name: Bilingual("All", "全"))])
    for y in 0..<120 {
        for x in 0..<200 {
            let c = Cell(x: x, y: y)
            g.set(c, district: 1)
            if x < 70 || y < 30 { g.set(c, terrain: .mountain) } else if x > 110 && x < 140 && y > 50 && y < 80 { g.set(c, terrain: .urban) }
            if x == 150 { g.set(c, terrain: .water) }
            if y % 20 == 0 || x % 25 == 0 { g.set(c, road: .road) }
        }
    }
    return g
}

/// Drives the decider through a plausible year: incidents reported, worked and closed.
struct Generator {
    let plans: PlanBook
    let grid: Grid
    let target: Int
    let active: Int
    var state = CommandState()
    var log: [RecordedEvent] = []
    var rng = SystemRandomNumberGenerator()
    var now = Date(timeIntervalSince1970: 1_750_000_000)

    init(plans: PlanBook, grid: Grid, target: Int, active: Int) {
        self.plans = plans
        self.grid = grid
        self.target = target
        self.active = active
    }

    mutating func run() -> [RecordedEvent] {
        let caps = Capability.allCases
        for k in 0..<1000 {
            exec(
                .team(
                    .register(
                        TeamProfile(
                            id: TeamID("T-\(k)"), name: Bilingual("Team \(k)", "队伍 \(k)"), capabilities: [caps[k % caps.count]],
                            base: Cell(x: Int.random(in: 0..<200, using: &rng), y: Int.random(in: 0..<120, using: &rng))))))
        }
        // Each closed incident costs ~10 events; leave `active` open at the end.
        while log.count < target - active * 3 {
            workIncident(close: true)
        }
        while log.count < target {
            workIncident(close: false)
        }
        return log
    }

    mutating func workIncident(close: Bool) {
        let id = IncidentID(state.nextIncident)
        let type = IncidentType.allCases[Int.random(in: 0..<IncidentType.allCases.count, using: &rng)]
        exec(
            .incident(
                .report(
                    NewIncident(
                        type: type, title: "incident \(id.number)", place: .cell(Cell(x: Int.random(in: 0..<200, using: &rng), y: Int.random(in: 0..<120, using: &rng))),
                        figures: Figures(injured: Int.random(in: 0...5, using: &rng))))))
        exec(.incident(.acknowledge(id)))
        exec(.incident(.setLevel(id, .iv, reason: "initial")))
        guard close else { return }
        let team = state.teams.values.first { $0.status == .available }
        if let team { exec(.team(.assign(team.id, to: id))); exec(.team(.setStatus(team.id, .enRoute))); exec(.team(.setStatus(team.id, .onScene))) }
        exec(.incident(.updateFigures(id, FigureUpdate([.injured: Int.random(in: 0...9, using: &rng)]))))
        exec(.incident(.setStatus(id, .contained)))
        exec(.incident(.close(id, summary: "done")))
        if let team { exec(.team(.setStatus(team.id, .available))) }
    }

    mutating func exec(_ c: Command) {
        now += 30
        let context = DecisionContext(now: now, operatorName: "officer-\(log.count % 7)", plans: plans, grid: grid)
        guard let events = try? decide(c, state, context) else { return }
        for e in events {
            let r = RecordedEvent(sequence: Int64(log.count + 1), id: "ev-\(log.count + 1)", at: now, by: context.operatorName, exercise: nil, event: e)
            log.append(r)
            state.apply(r)
        }
    }
}

func residentMB() -> Double { procStatus("VmRSS:") }
func peakMB() -> Double { procStatus("VmHWM:") }

private func procStatus(_ key: String) -> Double {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in text.split(separator: "\n") where line.hasPrefix(key) {
        let kb = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
        return kb / 1024
    }
    return 0
}

/// Renders the map view and the whole console on an existing store (the bench store), so the
/// rendering figures can be measured without generating a year again.
struct MapBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "map", abstract: "Time the map view and the console frame at 200x60 on a store.")
    @Option var store: String
    @Option var frames = 400

    func run() throws {
        guard let res = ResourceFiles.locate(), let text = try? String(contentsOf: res.url("maps/beijing.map"), encoding: .utf8),
            let map = OneMap.parse(text, file: "beijing.map").map
        else { throw ValidationError("Resources/maps/beijing.map not found (set DECISION_HUB_RESOURCES)") }
        let (plans, _) = res.plans()
        let ledger = try Ledger(store: SQLiteEventStore(path: store), plans: plans, grid: map.grid())
        let model = ConsoleModel(language: .en, glyphs: .unicode, operatorName: "bench", centre: Cell(x: 100, y: 60))
        let runner = ConsoleRunner(terminal: OffscreenTerminal(width: 200, height: 60), backend: ledger, map: map, facilities: [], model: model)
        let world = runner.world
        let clock = ContinuousClock()
        func ms(_ d: Duration) -> Double { (Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18) * 1000 }
        var t = clock.now
        for _ in 0..<frames { _ = ConsoleView.renderMap(model, world, width: 200, height: 60) }
        print(String(format: "map view alone, 200x60, %d active incidents, %d teams: %.3f ms per frame", world.active.count, world.state.teams.count, ms(clock.now - t) / Double(frames)))
        var moving = model
        t = clock.now
        for k in 0..<frames {
            moving.centre = Cell(x: 100 + k % 7, y: 60)
            _ = ConsoleView.renderMap(moving, world, width: 200, height: 60)
        }
        print(String(format: "map view alone while panning (every frame a new view): %.3f ms per frame", ms(clock.now - t) / Double(frames)))
        t = clock.now
        for _ in 0..<frames { _ = runner.frame() }
        print(String(format: "the whole console frame at 200x60: %.3f ms", ms(clock.now - t) / Double(frames)))
        t = clock.now
        for k in 0..<frames {
            runner.send(.key(k % 2 == 0 ? Key.down : Key.up))
            _ = runner.frame()
        }
        print(String(format: "key press to finished frame (↓/↑ in the list): %.3f ms", ms(clock.now - t) / Double(frames)))
        // A recorded key: `v` (verify) on the next incident, through the ledger (a durable
        // append), to the finished frame; the list moves only what the event touched.
        var recorded: [Double] = []
        for _ in 0..<min(frames, 200) {
            runner.send(.key(Key.down))
            _ = runner.frame()
            let before = ledger.state.sequence
            t = clock.now
            runner.send(.key(.char("v")))
            _ = runner.frame()
            if ledger.state.sequence != before { recorded.append(ms(clock.now - t)) }
        }
        recorded.sort()
        if !recorded.isEmpty {
            print(
                String(
                    format: "recorded key (v, a durable append) to finished frame, %d keys: p50 %.2f ms, p90 %.2f ms", recorded.count, recorded[recorded.count / 2],
                    recorded[recorded.count * 9 / 10]))
        }
        // Of which the durable append alone (decide + append + fold, no console), same run.
        var appends: [Double] = []
        let open = ledger.state.activeIDs.sorted()
        for id in open.suffix(100) {
            t = clock.now
            _ = try? ledger.execute([.incident(.addNote(id, text: "bench"))], operatorName: "bench")
            appends.append(ms(clock.now - t))
        }
        appends.sort()
        print(String(format: "of which the durable append through the ledger alone: p50 %.2f ms, p90 %.2f ms", appends[appends.count / 2], appends[appends.count * 9 / 10]))
        t = clock.now
        for _ in 0..<20 { _ = ConsoleWorld.workOrder(ledger.state) }
        print(String(format: "the work list sorted from scratch (what every change cost before): %.2f ms", ms(clock.now - t) / 20))
        // `P` on this store: the joint plan for every waiting incident, as the console computes
        // it (off its input thread), and the process's memory after.
        let state = ledger.state
        let waiting = runner.world.active.filter { $0.status != .reported }.map(\.id)
        t = clock.now
        let problem = state.dispatchProblem(for: waiting, plans: plans)
        print(String(format: "of which gathering the needs and free teams (on the console's input thread): %.1f ms", ms(clock.now - t)))
        t = clock.now
        let plan = state.jointPlan(for: waiting, plans: plans, grid: map.grid())
        _ = problem
        print(
            String(
                format: "joint plan for every waiting incident (%d incidents, %d free teams): %.0f ms, %d assignments, %.1f min; resident %.0f MB (peak %.0f MB)", waiting.count,
                state.teams.values.filter { $0.status == .available }.count, ms(clock.now - t), plan.assignments.count, plan.totalMinutes, residentMB(), peakMB()))
    }
}
