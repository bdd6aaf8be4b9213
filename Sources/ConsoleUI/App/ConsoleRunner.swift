import CommandModel
import Foundation

/// Runs the console: turns input, the clock and the record into messages for the model, and
/// performs the effects the model returns. It decides nothing itself: when to read the record,
/// send pages or ring is the model's (`update` on `.tick`), so it is tested without a terminal.
public final class ConsoleRunner {
    public let terminal: any Terminal
    public let backend: any CommandBackend
    public private(set) var model: ConsoleModel
    public var map: OneMap
    /// The city file's facilities: drawn only for a record that holds none of its own (a store
    /// from before facilities were on the record). The record's are the centre's list.
    public var facilities: [Facility]
    private var recordFacilities: (count: Int, sequence: Int64, list: [Facility]) = (-1, -1, [])
    let clock: () -> Date
    private let grid: Grid
    private let districtCentres: [(District, Cell)]
    private let raster: MapRaster
    private var quit = false
    private var dirty = true
    /// The last write the runner itself tried (due pages) failed: its trouble stays on the
    /// header until a write works again.
    private var writeTroubled = false
    private var lastMinute = -1
    /// The work list, moved event by event (`unseen`: events from the backend it has not had).
    private var workOrder = WorkOrder()
    private var unseen: [RecordedEvent] = []
    private var drawOrder: (sequence: Int64, teams: [Team]) = (-1, [])
    /// The joint plan being computed, and the last progress the model was told of (in percent).
    private var planJob: PlanJob?
    private var planPercent = -1
    /// The check of the whole record running off the input thread.
    private var recordJob: Background<RecordCheck>?
    /// The handover brief being built off the input thread (a disaster night's shift holds tens
    /// of thousands of events: keys must not wait for it).
    private var handoverJob: Background<HandoverSheet>?
    /// The console's offer at a change of shift, made while a brief asked for with `h` was
    /// being built: that brief is then shown as the offer (with its bell and its outgoing
    /// officer), so the offer is not lost.
    private var handoverOffer: HandoverOffer?
    /// The brief being built was asked for with `h` (keys wait for it).
    private var handoverAsked = false
    private struct HandoverOffer {
        /// The outgoing officer, as the roster names them.
        var from: String?
    }
    private var travel: (sequence: Int64, incident: IncidentID?, minutes: [TeamID: Double]) = (-1, nil, [:])
    private var evacuationCache: (sequence: Int64, value: (incident: IncidentID, picture: EvacuationPicture)?) = (-1, nil)
    /// The officer's editor (`r`): opens a text and returns what was saved. Nil: this console
    /// cannot run one (it says so).
    public var editor: ((_ text: String, _ fileName: String) -> EditorOutcome)?

    public init(terminal: any Terminal, backend: any CommandBackend, map: OneMap, facilities: [Facility], model: ConsoleModel, clock: @escaping () -> Date = Date.init) {
        self.terminal = terminal
        self.backend = backend
        self.map = map
        self.facilities = facilities
        self.model = model
        self.clock = clock
        grid = backend.grid ?? map.grid()
        districtCentres = ConsoleWorld.centres(grid)
        raster = MapRaster(map)
        send(.resized(width: terminal.size.width, height: terminal.size.height))
        send(.events([]))
    }

    public var world: ConsoleWorld {
        let state = backend.state
        if workOrder.sequence != state.sequence {
            let teamsChanged = workOrder.advance(to: state, through: unseen)
            unseen = []
            // Teams change only through events about a team: otherwise their order stands.
            if teamsChanged || drawOrder.sequence < 0 { drawOrder = (state.sequence, ConsoleWorld.drawOrder(state)) } else { drawOrder.sequence = state.sequence }
        }
        if drawOrder.sequence != state.sequence { drawOrder = (state.sequence, ConsoleWorld.drawOrder(state)) }
        if recordFacilities.sequence != state.sequence {
            recordFacilities = (state.facilities.count, state.sequence, state.facilities.values.sorted { $0.id < $1.id })
        }
        let health = model.storeTrouble.map { Bilingual("STORE: \($0.en)", "存储：\($0.zh)") } ?? Self.health(model.recordHealth)
        var w = ConsoleWorld(
            state: state, map: map, grid: grid, plans: backend.plans, facilities: recordFacilities.list.isEmpty ? facilities : recordFacilities.list, now: clock(), storeHealth: health,
            districtCentres: districtCentres,
            active: workOrder.incidents, raster: raster, teamsInDrawOrder: drawOrder.teams)
        w.travelMinutes = travelMinutes(state)
        w.evacuation = evacuationPicture(state)
        w.escalates = backend.hasRoster
        w.roster = backend.roster
        return w
    }

    /// The selected incident's ★ picture: its searches once per selected incident and state.
    private func evacuationPicture(_ state: CommandState) -> (incident: IncidentID, picture: EvacuationPicture)? {
        guard let id = model.selected, let i = state.incidents[id], i.isActive, state.stillToShelter(id) > 0 else { return nil }
        if evacuationCache.sequence == state.sequence, evacuationCache.value?.incident == id { return evacuationCache.value }
        let value = state.evacuation(for: id, grid: grid, at: clock()).map { (id, $0) }
        evacuationCache = (state.sequence, value)
        return value
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

    /// Runs until the user quits, then restores the terminal.
    public func run() {
        while step(timeoutMilliseconds: 100) {}
        terminal.shutdown()
    }

    /// One turn: draw if anything changed, wait up to `timeoutMilliseconds` for input, hand it
    /// and the clock to the model. False once the user has quit.
    @discardableResult
    public func step(timeoutMilliseconds: Int) -> Bool {
        let minute = Int(clock().timeIntervalSince1970 / 60)
        if minute != lastMinute {
            lastMinute = minute
            dirty = true
        }
        if dirty {
            terminal.draw(frame())
            dirty = false
        }
        // While a plan or a brief is computed, look for it at least every 50 ms.
        let wait = planJob == nil && handoverJob == nil ? timeoutMilliseconds : min(timeoutMilliseconds, 50)
        // While a brief asked for with `h` is built (tenths of a second at most), keys wait in
        // the terminal's buffer: typed ahead, they are the brief's, as when it was built at once
        // (a quick `h` then `a` acknowledges the handover, never the selected incident).
        let holdKeys = handoverJob != nil && handoverAsked
        if holdKeys { Thread.sleep(forTimeInterval: Double(min(wait, 10)) / 1000) }
        if !holdKeys, let input = terminal.read(timeoutMilliseconds: wait) {
            switch input {
            case .resize: send(.resized(width: terminal.size.width, height: terminal.size.height))
            case let .key(k): send(.key(k))
            case let .mouse(m): send(.mouse(m))
            }
            dirty = true
        }
        collectPlan()
        if let job = recordJob, let found = job.poll() {
            recordJob = nil
            send(.recordChecked(found))
            dirty = true
        }
        if let job = handoverJob, var sheet = job.poll() {
            handoverJob = nil
            handoverAsked = false
            if let offer = handoverOffer {
                sheet.offered = true
                sheet.from = sheet.from ?? offer.from
                handoverOffer = nil
            }
            send(.handoverBrief(sheet))
            dirty = true
        }
        send(.tick(clock()))
        return !quit
    }

    /// Whether work is running off the input thread (a joint plan, a check of the record, a
    /// handover brief: tests wait for it).
    public var isComputing: Bool { planJob != nil || recordJob != nil || handoverJob != nil }

    /// Hands the background plan's progress and result to the model.
    private func collectPlan() {
        guard let job = planJob else { return }
        let (fraction, finished, plan) = job.poll()
        if finished {
            planJob = nil
            planPercent = -1
            if let plan { send(.planComputed(job: job.job, plan)) }
            dirty = true
            return
        }
        let percent = Int(fraction * 100)
        if percent != planPercent {
            planPercent = percent
            send(.planProgress(job: job.job, fraction: fraction))
            dirty = true
        }
    }

    /// Reads what others wrote, now; true when anything arrived (or the store's health changed).
    @discardableResult
    public func poll() -> Bool {
        do {
            let events = try backend.catchUp()
            var changed = false
            // Trouble writing (pages that cannot be sent) is not cleared by a read that works.
            if model.storeTrouble != nil && !writeTroubled {
                send(.storeTrouble(nil))
                changed = true
            }
            guard !events.isEmpty else { return changed }
            unseen += events
            send(.events(events))
            return true
        } catch {
            send(.storeTrouble(error.message))
            return true
        }
    }

    public func send(_ message: ConsoleMessage) {
        let effects = model.update(message, world: world)
        for e in effects { perform(e) }
    }

    func perform(_ effect: Effect) {
        switch effect {
        case .quit:
            planJob?.cancel()
            quit = true
        case let .computePlan(job, incidents):
            planJob?.cancel()
            planJob = PlanJob.start(job: job, state: backend.state, incidents: incidents, plans: backend.plans, grid: grid)
            planPercent = -1
        case let .cancelPlan(job):
            if planJob?.job == job {
                planJob?.cancel()
                planJob = nil
            }
        case .checkRecord:
            guard recordJob == nil else { return }
            guard let check = backend.recordChecker() else {
                send(.recordChecked(nil))
                return
            }
            recordJob = Background.start(check)
        case .bell: terminal.bell()
        case .poll: if poll() { dirty = true }
        case let .sendDuePages(now):
            let sent: [RecordedEvent]
            do { sent = try backend.sendDuePages(now: now) } catch {
                // The store refuses to write: the header says so (reads may still work, and a
                // poll alone would call it healthy while no page goes out).
                if !error.isRefusal {
                    writeTroubled = true
                    send(.storeTrouble(Bilingual("escalation pages cannot be sent: \(error.message.en)", "无法发送升级寻呼：\(error.message.zh)")))
                    dirty = true
                }
                return
            }
            if writeTroubled {
                writeTroubled = false
                send(.storeTrouble(nil))
                dirty = true
            }
            guard !sent.isEmpty else { return }
            unseen += sent
            send(.events(sent))
            dirty = true
        case let .loadTimeline(id): send(.timeline(id, backend.history(of: id)))
        case let .editSitrep(id):
            editSitrep(id)
            dirty = true
        case let .loadHandover(since, from, offered):
            // One brief at a time. The shift's events are read here (back from the newest event
            // to the shift's start only: a year's store costs no more); the brief is built off
            // the input thread from values, and comes back through `step`.
            guard handoverJob == nil else {
                if offered { handoverOffer = HandoverOffer(from: from) }
                return
            }
            do {
                let now = clock()
                let events = try backend.events(since: since)
                let (state, plans, roster, coordinator) = (backend.state, backend.plans, backend.roster, model.revealDrills)
                handoverAsked = !offered
                handoverJob = Background.start {
                    let brief = HandoverBrief.build(state: state, events: events, plans: plans, roster: roster, since: since, now: now, coordinator: coordinator)
                    return HandoverSheet(brief: brief, from: from, offered: offered)
                }
            } catch {
                send(.storeTrouble(Bilingual("the handover brief cannot be read: \(error.message.en)", "无法读取交接班简报：\(error.message.zh)")))
                dirty = true
            }
        case let .execute(_, commands):
            do {
                let recorded = try backend.run(commands, operatorName: model.operatorName, now: clock)
                unseen += recorded
                send(.executed(.success(recorded)))
            } catch {
                send(.executed(.failure(ExecutionFailure(error.message))))
            }
            dirty = true
        }
    }
}

extension ConsoleRunner {
    /// `r`: the draft from the record, in the console's language, opened in the officer's
    /// editor with the terminal handed over; what they save becomes the next version through
    /// the same command as `sitrep draft` (an emptied file or a failing editor records nothing).
    func editSitrep(_ id: IncidentID) {
        let state = backend.state
        let language = model.language
        let marked = DrillVisibility.isMarked(state.incidents[id]?.exercise, in: state, reveal: false)
        guard let draft = SituationReport.draft(id, stage: nil, state: state, plans: backend.plans, grid: grid, now: clock(), markExercise: marked) else {
            send(.executed(.failure(ExecutionFailure(Rejection.unknownIncident(id).message))))
            return
        }
        guard let editor else {
            send(
                .executed(
                    .failure(
                        ExecutionFailure(
                            Bilingual(
                                "this console cannot run an editor: draft it with :sitrep draft \(id), or decision-hub sitrep draft \(id) --edit",
                                "此控制台无法运行编辑器：请用 :sitrep draft \(id)，或 decision-hub sitrep draft \(id) --edit")))))
            return
        }
        let outcome = terminal.suspend { editor(draft.markdown(language), "\(id)-v\(draft.version).md") }
        switch outcome {
        case let .saved(text):
            perform(.execute(line: "sitrep draft \(id) \(draft.stage.rawValue) \(language.rawValue)", commands: [.report(.draftSitrep(id, stage: draft.stage, language: language, text: text))]))
        case let .nothingRecorded(why):
            send(.executed(.failure(ExecutionFailure(why))))
        }
    }

    /// The header's word on the record: ok, being checked, or TAMPERED at the first bad event.
    static func health(_ h: RecordHealth) -> Bilingual {
        switch h {
        case .unchecked, .ok: Bilingual("store ok", "存储正常")
        case .checking: Bilingual("store: checking…", "存储：校验中…")
        case let .tampered(seq?, _): Bilingual("TAMPERED: seq \(seq)", "记录被篡改：第 \(seq) 条")
        case .tampered(nil, _): Bilingual("TAMPERED: see the message", "记录被篡改：见消息行")
        }
    }
}

/// Work on a background queue (a check of the whole record, a handover brief); the runner
/// polls it each turn.
final class Background<Result: Sendable>: @unchecked Sendable {
    // @unchecked: `found` is guarded by `lock`.
    private let lock = NSLock()
    private var found: Result?

    static func start(_ work: @escaping @Sendable () -> Result) -> Background {
        let job = Background()
        DispatchQueue.global(qos: .utility).async {
            let result = work()
            job.lock.withLock { job.found = result }
        }
        return job
    }

    func poll() -> Result? { lock.withLock { found } }
}
