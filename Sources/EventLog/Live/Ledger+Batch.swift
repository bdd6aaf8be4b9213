import CommandModel
import Foundation

extension Ledger {
    /// Puts a refusal beyond one's authority on the record, as ``execute(_:operatorName:exercise:recordAs:now:)``
    /// does for its own (for callers of ``executeEach(_:operatorName:trailer:now:)``, whose
    /// refusals are results). Any other refusal is not recorded: a typo is not an attempt.
    public func recordIfBeyondAuthority(_ refused: Rejection, operatorName: String, now: () -> Date = Date.init) throws(ExecutionError) {
        guard case let .notAuthorized(action, _, _, incident) = refused else { return }
        let by = identity?.recorded(for: operatorName) ?? operatorName
        try recordRefusal(incident: incident, action: action.en, reason: refused.message.en, operatorName: by, exercise: nil, now: now)
    }

    /// Decides each command on its own against the newest state (each seeing the ones before it)
    /// and appends the events of every command that was not refused, then the trailer's, as one
    /// atomic batch: a feed's lines share one transaction (and one fsync) instead of one each.
    ///
    /// Unlike ``execute(_:operatorName:exercise:recordAs:now:)``, a refused command does not
    /// stop the others: its rejection is its result. `trailer` sees each command's events or
    /// refusal and returns a last command (a feed's position) that must not be refused: if it is, nothing is
    /// written. On a conflict with another writer the whole batch is decided again.
    public func executeEach(
        _ commands: [Command], operatorName: String, trailer: ([Result<[Event], Rejection>]) -> Command? = { _ in nil }, now: () -> Date = Date.init
    ) throws(ExecutionError) -> [Result<[RecordedEvent], Rejection>] {
        if let damage { throw .store(damage) }
        let attempts = 50
        for _ in 0..<attempts {
            var scratch = state
            var pending: [PendingEvent] = []
            var spans: [Range<Int>?] = []
            var decided: [Result<[Event], Rejection>] = []
            func decideOne(_ command: Command) -> Result<[Event], Rejection> {
                let t = now()
                let login = identity?.login(for: operatorName) ?? operatorName
                let actor = roster.map { Actor.from(roster: $0, login: login, at: t) }
                let by = identity?.recorded(for: operatorName) ?? operatorName
                let context = DecisionContext(now: t, operatorName: by, exercise: nil, plans: plans, grid: grid, places: places, actor: actor, authority: roster?.authority ?? .standard)
                let events: [Event]
                do { events = try decide(command, scratch, context) } catch { return .failure(error) }
                let exercise = scratch.exercise(ofBatch: events, actingIn: nil)
                for e in events {
                    pending.append(PendingEvent(id: newID(), at: t, by: by, exercise: exercise, event: e))
                    scratch.apply(e, at: t, by: by, exercise: exercise)
                }
                return .success(events)
            }
            for command in commands {
                let start = pending.count
                let result = decideOne(command)
                decided.append(result)
                switch result {
                case .success: spans.append(start..<pending.count)
                case .failure: spans.append(nil)
                }
            }
            if let last = trailer(decided), case let .failure(refused) = decideOne(last) { throw .rejected(refused) }
            var recorded: [RecordedEvent] = []
            if !pending.isEmpty {
                let outcome: AppendOutcome
                let sealedPending = try sealed(pending)
                do { outcome = try store.append(sealedPending, expectedHead: state.sequence, expectedJournal: state.journalSequence) } catch { throw .store(error) }
                switch outcome {
                case let .appended(r):
                    recorded = r.map { apply($0) }
                case .conflict:
                    // Someone else wrote first: fold their events in and decide the batch again.
                    do { try refresh() } catch { throw .store(error) }
                    continue
                }
            }
            return zip(spans, decided).map { span, result in
                switch result {
                case let .failure(refused): return .failure(refused)
                case .success:
                    guard let span else { preconditionFailure("a command decided but not recorded") }
                    return .success(Array(recorded[span]))
                }
            }
        }
        throw .contention(attempts: attempts)
    }
}
