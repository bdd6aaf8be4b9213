import CommandModel
import Foundation

/// Why an execution failed: the user's command was refused, or the store failed.
public enum ExecutionError: Error, Sendable {
    case rejected(Rejection)
    case store(StoreError)
    /// Other writers kept winning the race; nothing was written.
    case contention(attempts: Int)

    public func text(_ language: Language) -> String {
        switch self {
        case let .rejected(r): r.message(language)
        case let .store(e): e.text(language)
        case let .contention(n):
            Bilingual("the log kept changing under this command (\(n) tries); nothing was written, try again", "命令执行期间事件库持续变化（已尝试 \(n) 次）；未写入任何内容，请重试")(language)
        }
    }
}

/// The live state over a store: folds the log in, and runs commands with optimistic
/// concurrency (decide against sequence N, append only if the head is still N, else fold the
/// newer events in and decide again).
///
/// Not thread-safe: one ledger per process loop (a console, a CLI invocation, a feed).
public final class Ledger {
    public let store: any EventStore
    public internal(set) var state: CommandState
    public var plans: PlanBook
    public var grid: Grid?
    /// The boundary polygons points are attributed by (nil: by their grid cell).
    public var places: Places?
    /// The roster; nil means no authority checks (everyone may do everything). Its
    /// `authority` section decides who may do what.
    public var roster: Roster?
    /// Who this process acts as. Events executed under its name (or its recorded name) are
    /// recorded under ``OperatorIdentity/recordedName`` (naming the OS account when acting for
    /// another), and authorised as its name; nil records names as given.
    public var identity: OperatorIdentity?
    let newID: () -> String
    private var lastSnapshot: Int64
    /// Pages an escalation call recorded before it failed, for the next call to return.
    private var unreturnedPages: [RecordedEvent] = []
    /// Set when the log holds an event this build cannot read: the state stops just before it,
    /// and the ledger is read-only (every execution is refused with this error, naming the event).
    public private(set) var damage: StoreError?
    /// Snapshots passed over at opening because they were damaged or altered (the state was
    /// rebuilt from the log instead), for the caller to show.
    public private(set) var snapshotWarnings: [Bilingual] = []
    /// The drill keys this process holds: their drills' sealed journals are folded in full.
    public private(set) var keyring = DrillKeyring()

    /// Snapshots are saved when this many events were folded since the last one. Split
    /// snapshots (the closed incidents archived apart) keep each save to the open part's size.
    public static let snapshotEvery: Int64 = 2_000
    /// ... and by a short-lived process (one `exec`), which folds what came after the newest
    /// snapshot at every start (about 10 µs an event): at 2,000 a script's loop of calls on
    /// the 50,000-event store went from 10 ms a call after a save to 30 ms before the next
    /// one. Every 250 events, the tail costs at most 2–3 ms and the save (tens of ms) falls to
    /// one call in 250. Long-lived processes (consoles, runners) keep the longer interval: they
    /// fold once, and twenty of them would each save the same snapshot.
    public static let oneShotSnapshotEvery: Int64 = 250
    /// This ledger's interval (one of the two above).
    let savesEvery: Int64

    /// Decodes every incident the opening snapshot saved, for a process that reads them all
    /// often (a console); a one-shot `exec` decodes only those its command touches.
    public func settleIncidents() { state.settleIncidents() }

    /// Opens the state: the newest valid snapshot, then the events after it.
    public init(
        store: any EventStore, plans: PlanBook = .empty, grid: Grid? = nil, newID: @escaping () -> String = { UUID().uuidString.lowercased() }, snapshotEvery: Int64 = Ledger.snapshotEvery,
        progress: (Int64, Int64) -> Void = { _, _ in }
    ) throws(StoreError) {
        self.store = store
        savesEvery = snapshotEvery
        self.plans = plans
        self.grid = grid
        self.newID = newID
        let position = try store.position()
        // A snapshot only saves time: when it cannot be read, the log is replayed instead.
        do {
            let load = try store.loadSnapshot(atMost: position.log)
            state = load.state ?? CommandState()
            snapshotWarnings = load.warnings
        } catch {
            state = CommandState()
            snapshotWarnings = [Bilingual("the saved state could not be read (\(error.message.en)); the state was rebuilt from the log", "无法读取保存的状态（\(error.message.zh)）；状态已由日志重建")]
        }
        lastSnapshot = state.sequence
        try fold(upTo: position, progress: { done in progress(done, position.log) })
    }

    /// Whether the store holds events (or drill journal entries) the state has not folded in.
    private func behind(_ p: StorePosition) -> Bool { p.log > state.sequence || p.journal > state.journalSequence }

    /// Folds in every event newer than the state; returns them. Cheap when nothing changed: one
    /// indexed read of the head.
    @discardableResult
    public func refresh() throws(StoreError) -> [RecordedEvent] {
        if let damage { throw damage }
        let position = try store.position()
        guard behind(position) else { return [] }
        return try fold(upTo: position, progress: { _ in })
    }

    /// `refresh` for a follower that asks many times a second: the store's files are asked
    /// first (a file watch: one system call, where reading the head is a read transaction),
    /// and read only when they may have changed, or at least once a second.
    @discardableResult
    public func follow() throws(StoreError) -> [RecordedEvent] {
        if let damage { throw damage }
        guard store.mayHaveChanged() else { return [] }
        return try refresh()
    }

    /// Folds the log and the drill journal up to one consistent position, each journal entry
    /// right after the log event it follows (an append writes both in one transaction, so the
    /// position never splits a batch).
    @discardableResult
    private func fold(upTo position: StorePosition, progress: (Int64) -> Void) throws(StoreError) -> [RecordedEvent] {
        var all: [RecordedEvent] = []
        let archiveWasRead = state.incidents.archive?.isLoaded ?? true
        // (Not asked for when the journal has nothing new: most calls, and a read saved.)
        let journal = position.journal > state.journalSequence ? try store.journal(after: state.journalSequence, upTo: position.journal) : []
        var j = 0
        func catchUp(to seq: Int64) {
            while j < journal.count, journal[j].sequence <= seq {
                let e = apply(journal[j])
                if all.count < 100_000 { all.append(e) }
                j += 1
            }
        }
        catchUp(to: state.sequence)
        while state.sequence < position.log {
            let batch: [RecordedEvent]
            do { batch = try store.events(after: state.sequence, limit: 20_000) } catch  where error.kind == .badPayload {
                // An unreadable event (damage, or a newer version's) must not brick the store:
                // keep everything before it, readable, and refuse to write after it.
                damage = StoreError(
                    .badPayload, path: error.path,
                    Bilingual(
                        "the store is open read-only: \(error.message.en). Every event before it is shown",
                        "事件库以只读方式打开：\(error.message.zh)。之前的事件均可查看"))
                break
            }
            if batch.isEmpty {
                // The head says there is more than the table holds (events deleted from the end,
                // or the head set forward): say so, and write nothing after a record this odd.
                // Without this, every execution would wait for events that never come.
                damage = StoreError.headMismatch(store.location, head: position.log, table: state.sequence)
                break
            }
            for e in batch where e.sequence <= position.log {
                catchUp(to: e.sequence - 1)
                state.apply(e)  // a log event: never sealed
                if all.count < 100_000 { all.append(e) }
            }
            progress(state.sequence)
        }
        catchUp(to: state.sequence)
        // Also at once when these events reached into the archive of closed incidents (a note on
        // a closed one): the next process then finds that incident live and need not read it.
        let archiveRead = !archiveWasRead && state.incidents.archive?.isLoaded == true
        if state.sequence - lastSnapshot >= savesEvery || (archiveRead && state.sequence > lastSnapshot) {
            try? store.saveSnapshot(state)
            lastSnapshot = state.sequence
        }
        return all
    }

    /// Decides the commands in order against the newest state and appends their events as one
    /// atomic batch; every command of the line lands, or none does.
    ///
    /// `recordAs` records the events under another name than the acting operator's (a drill's
    /// injects act under the scenario's name, on the coordinator's authority).
    @discardableResult
    public func execute(_ commands: [Command], operatorName: String, exercise: String? = nil, recordAs: String? = nil, now: () -> Date = Date.init) throws(ExecutionError) -> [RecordedEvent] {
        if let damage { throw .store(damage) }
        let attempts = 50
        for _ in 0..<attempts {
            // Decide against the state as it is; the append checks the head, so a stale state
            // costs a retry, never a wrong event.
            var pending: [PendingEvent] = []
            // A single command is decided against the state itself; only a line of several needs a
            // scratch copy (copying a year's state costs milliseconds).
            var scratch: CommandState? = commands.count > 1 ? state : nil
            var refused: Rejection?
            for command in commands {
                let t = now()
                let login = identity?.login(for: operatorName) ?? operatorName
                let actor = roster.map { Actor.from(roster: $0, login: login, at: t) }
                let acting = exercise ?? command.drill
                let by = recordAs ?? identity?.recorded(for: operatorName) ?? operatorName
                let context = DecisionContext(now: t, operatorName: by, exercise: acting, plans: plans, grid: grid, places: places, actor: actor, authority: roster?.authority ?? .standard)
                let current = scratch ?? state
                let events: [Event]
                do { events = try decide(command, current, context) } catch {
                    refused = error
                    break
                }
                // One command's events belong to one drill or to none (the decider never mixes).
                let exercise = (scratch ?? state).exercise(ofBatch: events, actingIn: acting)
                for e in events {
                    pending.append(PendingEvent(id: newID(), at: context.now, by: by, exercise: exercise, event: e))
                    scratch?.apply(e, at: context.now, by: by, exercise: exercise)
                }
            }
            if let refused {
                // Refused against a state that may be stale: only a refusal against the newest
                // state stands (the incident may have been reported a moment ago elsewhere).
                let newer: Bool
                do { newer = behind(try store.position()) } catch { throw .store(error) }
                if !newer {
                    if case let .notAuthorized(action, _, _, incident) = refused {
                        // An attempt beyond one's authority is itself on the record.
                        let by = identity?.recorded(for: operatorName) ?? operatorName
                        try recordRefusal(incident: incident, action: action.en, reason: refused.message.en, operatorName: by, exercise: exercise, now: now)
                    }
                    throw .rejected(refused)
                }
                do { try refresh() } catch { throw .store(error) }
                continue
            }
            let outcome: AppendOutcome
            let sealedPending = try sealed(pending)
            do { outcome = try store.append(sealedPending, expectedHead: state.sequence, expectedJournal: state.journalSequence) } catch { throw .store(error) }
            switch outcome {
            case let .appended(recorded):
                return recorded.map { apply($0) }
            case .conflict:
                // Someone else wrote first: fold their events in and decide again.
                do { try refresh() } catch { throw .store(error) }
            }
        }
        throw .contention(attempts: attempts)
    }

    /// Sends every page due at `now` under the roster's escalation policies, as the system.
    /// Several consoles may do this at once: a page another one sent first is refused, not
    /// sent twice. Returns the pages sent.
    @discardableResult
    public func escalate(now: Date) throws(ExecutionError) -> [Page] {
        try escalationEvents(now: now).compactMap { if case let .pageSent(p) = $0.event { Page(p) } else { nil } }
    }

    /// The same, returning the events recorded (with those of an earlier call that failed part
    /// way: pages it sent before the store failed are returned by the next call, so a runner or
    /// a console waiting the failure out still hears of every page).
    public func escalationEvents(now: Date) throws(ExecutionError) -> [RecordedEvent] {
        guard let roster, !roster.escalation.isEmpty else { return [] }
        var recorded = unreturnedPages
        unreturnedPages = []
        do { try refresh() } catch {
            unreturnedPages = recorded
            throw .store(error)
        }
        for command in state.duePages(policies: roster.escalation, roster: roster, plans: plans, now: now) {
            do {
                recorded += try execute([command], operatorName: "escalation", now: { now })
            } catch {
                if case .rejected = error { continue }  // sent by another console a moment ago
                unreturnedPages = recorded
                throw error
            }
        }
        return recorded
    }

    /// Records a refusal made outside the decider (at the command line: `--operator` refused by
    /// the roster, a coordinator-only command refused) as an ``Event/actionRefused(incident:action:reason:)``
    /// event, straight onto the store without folding it: an attempt beyond one's authority is
    /// on the record wherever it was refused. `by` is the name to record (the OS account, or
    /// ``OperatorIdentity/recordedName``).
    @discardableResult
    public static func recordRefusal(
        in store: any EventStore, action: String, reason: String, by: String, incident: IncidentID? = nil, now: () -> Date = Date.init,
        newID: () -> String = { UUID().uuidString.lowercased() }
    ) throws(ExecutionError) -> RecordedEvent {
        // Bounded like every accepted text: a refusal names what was tried, not a megabyte of it.
        let event = Event.actionRefused(incident: incident, action: String(action.prefix(Limits.text)), reason: String(reason.prefix(Limits.text)))
        let attempts = 50
        for _ in 0..<attempts {
            let position: StorePosition
            do { position = try store.position() } catch { throw .store(error) }
            let pending = PendingEvent(id: newID(), at: now(), by: by, exercise: nil, event: event)
            let outcome: AppendOutcome
            do { outcome = try store.append([pending], expectedHead: position.log, expectedJournal: position.journal) } catch { throw .store(error) }
            switch outcome {
            case let .appended(recorded):
                guard let first = recorded.first else { preconditionFailure("an append of one event recorded none (head \(position.log))") }
                return first
            case .conflict: continue  // another writer came first: append after it
            }
        }
        throw .contention(attempts: attempts)
    }

    func recordRefusal(incident: IncidentID?, action: String, reason: String, operatorName: String, exercise: String?, now: () -> Date) throws(ExecutionError) {
        // Bounded like every accepted text: a refusal names what was tried, not a megabyte of it.
        let event = Event.actionRefused(incident: incident, action: String(action.prefix(Limits.text)), reason: String(reason.prefix(Limits.text)))
        for _ in 0..<50 {
            let pending = PendingEvent(id: newID(), at: now(), by: operatorName, exercise: state.exercise(of: event, actingIn: exercise), event: event)
            let outcome: AppendOutcome
            let sealedPending = try sealed([pending])
            do { outcome = try store.append(sealedPending, expectedHead: state.sequence, expectedJournal: state.journalSequence) } catch { throw .store(error) }
            switch outcome {
            case let .appended(recorded):
                for r in recorded { apply(r) }
                return
            case .conflict:
                do { try refresh() } catch { throw .store(error) }
            }
        }
        throw .contention(attempts: 50)
    }

    /// Journal events as the record keeps them: a sealed drill's sealed (see ``JournalSeal``).
    /// Every append goes through here, so no path writes a sealed drill's entry in the clear.
    /// An entry that cannot be sealed is refused, never written in the clear.
    func sealed(_ pending: [PendingEvent]) throws(ExecutionError) -> [PendingEvent] {
        var out: [PendingEvent] = []
        out.reserveCapacity(pending.count)
        for p in pending {
            guard p.event.isJournal else {
                out.append(p)
                continue
            }
            var q = p
            guard let event = JournalSeal.sealed(p.event, publicKey: p.event.drill.flatMap { state.drills[$0]?.info.publicKey }) else {
                throw .rejected(.drillSealed(p.event.drill ?? "?"))
            }
            q.event = event
            out.append(q)
        }
        return out
    }

    /// Folds one recorded event in, opening it first when it is sealed to a drill whose key
    /// this process holds; returns the event as folded.
    @discardableResult
    func apply(_ r: RecordedEvent) -> RecordedEvent {
        guard !keyring.isEmpty else {
            state.apply(r)
            return r
        }
        if case let .drillScheduled(frame) = r.event, frame.isSealedFrame {
            state.apply(r)
            guard let key = keyring.key(for: frame.publicKey), let info = JournalSeal.details(of: frame, with: key) else { return r }
            state.openDrill(frame.id, info: info, entries: [])
            var opened = r
            opened.event = .drillScheduled(drill: info)
            return opened
        }
        if case let .journalSealed(drill, _) = r.event, let run = state.drills[drill], run.frame != nil, let key = keyring.key(for: run.info.publicKey),
            let opened = JournalSeal.opened(r, with: key)
        {
            state.apply(opened)
            return opened
        }
        state.apply(r)
        return r
    }

    /// Takes a drill key: the drill it opens (scheduled already, or later) is folded in full,
    /// its journal read back and opened now. Returns the drill's public key.
    @discardableResult
    public func open(drillKey: String) throws(Seal.Failure) -> String {
        let pub = try keyring.add(drillKey: drillKey)
        do throws(StoreError) { try openSealedDrills() } catch {
            throw Seal.Failure(message: Bilingual("cannot read the drill's journal: \(error.message.en)", "无法读取演练日志：\(error.message.zh)"))
        }
        return pub
    }

    /// Events read from the store (a drill's record) with the entries sealed to a drill whose
    /// key this process holds opened; the others as they are.
    public func opened(_ events: [RecordedEvent]) -> [RecordedEvent] {
        guard !keyring.isEmpty else { return events }
        return events.map { e in
            guard case let .journalSealed(drill, _) = e.event, let run = state.drills[drill], let key = keyring.key(for: (run.frame ?? run.info).publicKey) else { return e }
            return JournalSeal.opened(e, with: key) ?? e
        }
    }

    /// Opens every drill folded as a frame whose key is now held, from its journal entries.
    func openSealedDrills() throws(StoreError) {
        for run in state.drills.values.sorted(by: { $0.id < $1.id }) where run.info.isSealedFrame && run.frame == nil {
            guard let key = keyring.key(for: run.info.publicKey), let info = JournalSeal.details(of: run.info, with: key) else { continue }
            let known = state.journalSequence
            let entries: [RecordedEvent] = try store.events(exercise: run.id).compactMap { e in
                guard let j = e.journal, j <= known, e.event.drill == run.id else { return nil }
                return JournalSeal.opened(e, with: key)
            }
            state.openDrill(run.id, info: info, entries: entries)
        }
    }
}
