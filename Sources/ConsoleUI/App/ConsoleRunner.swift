import CommandModel
import EventLog
import Foundation

/// Runs the console: reads input, updates the model, performs effects, polls the log for
/// other consoles' events, and draws when something changed.
public final class ConsoleRunner {
    public let terminal: any Terminal
    public let ledger: Ledger
    public private(set) var model: ConsoleModel
    public var map: OneMap
    public var facilities: [Facility]
    let clock: () -> Date
    private let grid: Grid
    private let districtCentres: [(District, Cell)]
    private let raster: MapRaster
    private var storeHealth = Bilingual("store ok", "存储正常")
    private var quit = false
    private var lastPoll = Date.distantPast
    private var lastMinute = -1
    private var lastEscalation = Date.distantPast
    private var lastPageBell = Date.distantPast
    private var workOrder: (sequence: Int64, list: [Incident], teams: [Team]) = (-1, [], [])
    private var travel: (sequence: Int64, incident: IncidentID?, minutes: [TeamID: Double]) = (-1, nil, [:])

    public init(terminal: any Terminal, ledger: Ledger, map: OneMap, facilities: [Facility], model: ConsoleModel, clock: @escaping () -> Date = Date.init) {
        self.terminal = terminal
        self.ledger = ledger
        self.map = map
        self.facilities = facilities
        self.model = model
        self.clock = clock
        grid = ledger.grid ?? map.grid()
        districtCentres = ConsoleWorld.centres(grid)
        raster = MapRaster(map)
    }

    public var world: ConsoleWorld {
        let state = ledger.state
        if workOrder.sequence != state.sequence { workOrder = (state.sequence, ConsoleWorld.workOrder(state), ConsoleWorld.drawOrder(state)) }
        var w = ConsoleWorld(
            state: state, map: map, grid: grid, plans: ledger.plans, facilities: facilities, now: clock(), storeHealth: storeHealth, districtCentres: districtCentres, active: workOrder.list,
            raster: raster, teamsInDrawOrder: workOrder.teams)
        w.travelMinutes = travelMinutes(state)
        return w
    }

    /// One shortest-path search per selected incident and state, not per frame.
    private func travelMinutes(_ state: CommandState) -> [TeamID: Double] {
        guard let id = model.selected, let i = state.incidents[id], !i.teams.isEmpty else { return [:] }
        if travel.sequence == state.sequence && travel.incident == id { return travel.minutes }
        let times = grid.travelTimes(to: i.location.cell, limit: 600)
        var out: [TeamID: Double] = [:]
        for t in i.teams { if let base = state.teams[t]?.profile.base, let m = times.minutes(from: base) { out[t] = m } }
        travel = (state.sequence, id, out)
        return out
    }

    /// Replaces the model (tests set up a person or a mode this way).
    public func setModelForTesting(_ model: ConsoleModel) { self.model = model }

    /// The current screen at the terminal's size.
    public func frame() -> Screen {
        let (w, h) = terminal.size
        return ConsoleView.render(model, world, width: w, height: h)
    }

    /// Runs until the user quits. With `untilScriptEnds`, stops when a test terminal's script
    /// is used up (after drawing the last frame).
    public func run(untilScriptEnds: Bool = false, pollEvery: TimeInterval = 0.25) {
        send(.events([]))
        var dirty = true
        while !quit {
            let minute = Int(clock().timeIntervalSince1970 / 60)
            if minute != lastMinute { lastMinute = minute; dirty = true }
            if dirty {
                terminal.draw(frame())
                dirty = false
            }
            if untilScriptEnds, let t = terminal as? TestTerminal, t.scriptIsEmpty { break }
            if let input = terminal.read(timeoutMilliseconds: 100) {
                switch input {
                case .resize: break
                case let .key(k): send(.key(k))
                }
                dirty = true
            }
            if clock().timeIntervalSince(lastPoll) >= pollEvery || untilScriptEnds {
                lastPoll = clock()
                if poll() { dirty = true }
            }
            if escalate() { dirty = true }
        }
        terminal.shutdown()
    }

    /// Sends due escalation pages every few seconds (when a roster is in use), and rings while
    /// a page to this operator waits; true when something changed.
    @discardableResult
    public func escalate(every interval: TimeInterval = 5) -> Bool {
        guard ledger.roster != nil else { return false }
        let now = clock()
        var changed = false
        if now.timeIntervalSince(lastEscalation) >= interval {
            lastEscalation = now
            changed = !((try? ledger.escalate(now: now)) ?? []).isEmpty
        }
        if !world.myPages(model.person).isEmpty && now.timeIntervalSince(lastPageBell) >= 30 {
            lastPageBell = now
            terminal.bell()
        }
        return changed
    }

    /// Folds in events from other processes; true when any arrived.
    @discardableResult
    public func poll() -> Bool {
        do {
            let events = try ledger.refresh()
            if storeHealth.en != "store ok" { storeHealth = Bilingual("store ok", "存储正常") }
            guard !events.isEmpty else { return false }
            send(.events(events))
            return true
        } catch {
            storeHealth = Bilingual("STORE: \(error.message.en)", "存储：\(error.message.zh)")
            return true
        }
    }

    public func send(_ message: ConsoleMessage) {
        let effects = model.update(message, world: world)
        for e in effects { perform(e) }
    }

    func perform(_ effect: Effect) {
        switch effect {
        case .quit: quit = true
        case .bell: terminal.bell()
        case let .loadTimeline(id):
            let events = (try? ledger.store.events(incident: id)) ?? []
            send(.timeline(id, events))
        case let .execute(_, commands):
            do {
                let recorded = try ledger.execute(commands, operatorName: model.operatorName, now: clock)
                send(.executed(.success(recorded)))
            } catch {
                let text: Bilingual
                switch error {
                case let .rejected(r): text = r.message
                case let .store(s): text = s.message
                case .contention: text = Bilingual(error.text(.en), error.text(.zh))
                }
                send(.executed(.failure(ExecutionFailure(text))))
            }
        }
    }
}
