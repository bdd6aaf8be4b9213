import CommandModel

/// `verify --deep` for any store: folds the whole record again, log and drill journal in their
/// one order, and compares the state with every stored snapshot at its position.
enum Refold {
    /// `remedy`: what to do about a snapshot that differs (each store says how to remove one).
    static func compare(
        _ store: any EventStore, _ saved: [(Int64, CommandState?)],
        remedy: Bilingual = Bilingual("remove the saved states (DELETE FROM snapshots)", "请删除保存的状态（DELETE FROM snapshots）")
    ) throws(StoreError) -> [Bilingual] {
        var problems: [Bilingual] = []
        let journal = try store.journal(after: 0, upTo: Int64.max)
        var state = CommandState()
        var j = 0
        for (seq, snapshot) in saved {
            guard let snapshot else {
                problems.append(SQLiteEventStore.snapshotWarning(seq, Bilingual("it does not decode", "无法解码")))
                continue
            }
            while state.sequence < seq {
                let batch = try store.events(after: state.sequence, limit: Int(min(20_000, seq - state.sequence)))
                if batch.isEmpty { break }
                for e in batch {
                    while j < journal.count, journal[j].sequence < e.sequence {
                        state.apply(journal[j])
                        j += 1
                    }
                    state.apply(e)
                }
            }
            while j < journal.count, journal[j].sequence <= seq, (journal[j].journal ?? 0) <= snapshot.journalSequence {
                state.apply(journal[j])
                j += 1
            }
            if state != snapshot {
                problems.append(
                    Bilingual(
                        "the saved state at event \(seq) differs from the fold of the log (incidents \(snapshot.incidents.count) vs \(state.incidents.count), next incident number \(snapshot.nextIncident) vs \(state.nextIncident)): \(remedy.en)",
                        "第 \(seq) 条事件处保存的状态与日志重放结果不同（事件数 \(snapshot.incidents.count) 对 \(state.incidents.count)，下一事件编号 \(snapshot.nextIncident) 对 \(state.nextIncident)）：\(remedy.zh)"
                    ))
            }
        }
        return problems
    }

    /// The fold of the log up to event `seq`, with the drill journal's entries up to `journal`
    /// in their one order (what a snapshot at `seq` was folded from).
    static func state(of store: any EventStore, upTo seq: Int64, journal: Int64) throws(StoreError) -> CommandState {
        let entries = try store.journal(after: 0, upTo: journal)
        var state = CommandState()
        var j = 0
        while state.sequence < seq {
            let batch = try store.events(after: state.sequence, limit: Int(min(20_000, seq - state.sequence)))
            if batch.isEmpty { break }
            for e in batch {
                while j < entries.count, entries[j].sequence < e.sequence {
                    state.apply(entries[j])
                    j += 1
                }
                state.apply(e)
            }
        }
        for entry in entries[j...] { state.apply(entry) }
        return state
    }
}
