import CommandModel
import Foundation

/// The event store's twin in memory: the same protocol, the same chain, the same guarantees
/// (gap-free sequence numbers, whole-or-nothing appends against an expected head, drill
/// journal entries after the log events before them, rows read back before they are kept), but
/// nothing on disk. For tests of the console and of drills, and for a scratch centre; real SQLite
/// stays in the store's own tests and the end-to-end tests.
public final class InMemoryEventStore: EventStore, @unchecked Sendable {
    // @unchecked: every stored property is read and written under `lock`.
    private let lock = NSLock()
    private let codec = EventCodec()
    private var log: [Row] = []
    private var journalRows: [Row] = []
    private var snapshots: [(sequence: Int64, hash: String, state: CommandState)] = []

    /// A stored row: the columns the chain covers, and the event they hold.
    private struct Row {
        var sequence: Int64
        /// For a journal entry, the log event it follows.
        var after: Int64
        var id: String
        var at: String
        var by: String
        var kind: String
        var incident: String?
        var payload: String
        var exercise: String?
        var previous: String
        var hash: String
        var recorded: RecordedEvent
    }

    public let location: String

    public init(name: String = "memory") { location = name }

    private func locked<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    public func head() throws(StoreError) -> Int64 { try locked { Int64(log.count) } }

    public func position() throws(StoreError) -> StorePosition { try locked { StorePosition(log: Int64(log.count), journal: Int64(journalRows.count)) } }

    public func journal(after: Int64, upTo: Int64) throws(StoreError) -> [RecordedEvent] {
        try locked { journalRows.filter { $0.sequence > after && $0.sequence <= upTo }.map(\.recorded) }
    }

    public func events(after: Int64, limit: Int) throws(StoreError) -> [RecordedEvent] {
        try locked { Array(log.dropFirst(Int(max(0, after))).prefix(limit).map(\.recorded)) }
    }

    public func chainHash(at sequence: Int64) throws(StoreError) -> String? {
        try locked { sequence >= 1 && sequence <= Int64(log.count) ? log[Int(sequence - 1)].hash : nil }
    }

    public func events(incident: IncidentID) throws(StoreError) -> [RecordedEvent] {
        let id = incident.description
        return try locked { log.filter { $0.incident == id }.map(\.recorded) }
    }

    public func events(exercise: String) throws(StoreError) -> [RecordedEvent] {
        try locked { SQLiteEventStore.merged(log.filter { $0.exercise == exercise }.map(\.recorded), journalRows.filter { $0.exercise == exercise }.map(\.recorded)) }
    }

    public func append(_ events: [PendingEvent], expectedHead: Int64, expectedJournal: Int64?) throws(StoreError) -> AppendOutcome {
        guard !events.isEmpty else { return .appended([]) }
        return try locked { () throws(StoreError) -> AppendOutcome in
            var seq = Int64(log.count)
            var journalSeq = Int64(journalRows.count)
            guard seq == expectedHead, expectedJournal.map({ $0 == journalSeq }) ?? true else { return .conflict(head: seq) }
            var previous = log.last?.hash ?? EventCodec.genesis
            var journalPrevious = journalRows.last?.hash ?? EventCodec.genesis
            var newLog: [Row] = [], newJournal: [Row] = []
            for e in events {
                let at = Timestamp.format(e.at)
                let payload = codec.payload(e.event)
                try SQLiteEventStore.checkReadsBack(at: at, payload: payload, codec: codec, path: location)
                let kind = e.event.kind.rawValue
                if e.event.isJournal, let drill = e.event.drill {
                    journalSeq += 1
                    let hash = EventCodec.hash(sequence: journalSeq, id: e.id, at: at, by: e.by, kind: kind, incident: String(seq), payload: payload, exercise: drill, previous: journalPrevious)
                    let recorded = RecordedEvent(sequence: seq, id: e.id, at: Timestamp.rounded(e.at), by: e.by, exercise: drill, event: e.event, journal: journalSeq)
                    newJournal.append(
                        Row(
                            sequence: journalSeq, after: seq, id: e.id, at: at, by: e.by, kind: kind, incident: nil, payload: payload, exercise: drill, previous: journalPrevious, hash: hash,
                            recorded: recorded))
                    journalPrevious = hash
                    continue
                }
                seq += 1
                let incident = e.event.incident?.description
                let hash = EventCodec.hash(sequence: seq, id: e.id, at: at, by: e.by, kind: kind, incident: incident, payload: payload, exercise: e.exercise, previous: previous)
                let recorded = RecordedEvent(sequence: seq, id: e.id, at: Timestamp.rounded(e.at), by: e.by, exercise: e.exercise, event: e.event)
                newLog.append(
                    Row(
                        sequence: seq, after: seq, id: e.id, at: at, by: e.by, kind: kind, incident: incident, payload: payload, exercise: e.exercise, previous: previous, hash: hash,
                        recorded: recorded))
                previous = hash
            }
            log += newLog
            journalRows += newJournal
            // In the order of the batch: journal entries after the log events before them.
            let all = (newLog + newJournal).map(\.recorded)
            return .appended(events.compactMap { p in all.first { $0.id == p.id } })
        }
    }

    public func latestSnapshot(atMost: Int64) throws(StoreError) -> CommandState? {
        try locked {
            guard let s = snapshots.last(where: { $0.sequence <= atMost }) else { return nil }
            // A snapshot counts only while the chain still has the hash it was folded from.
            guard s.sequence >= 1, s.sequence <= log.count, log[Int(s.sequence) - 1].hash == s.hash else { return nil }
            return s.state
        }
    }

    public func saveSnapshot(_ state: CommandState) throws(StoreError) {
        guard state.sequence > 0 else { return }
        try locked {
            guard state.sequence <= log.count else { return }
            // As every store: what a drill's key opened is not kept (sealed drills as frames).
            snapshots.append((state.sequence, log[Int(state.sequence) - 1].hash, state.sealedView()))
        }
    }

    public func verify(progress: (Int64, Int64) -> Void) throws(StoreError) -> VerificationReport {
        try locked {
            var report = VerificationReport(events: Int64(log.count), firstBadSequence: nil, problems: [], integrity: "ok")
            var previous = EventCodec.genesis
            for (k, r) in log.enumerated() {
                let computed = EventCodec.hash(
                    sequence: r.sequence, id: r.id, at: r.at, by: r.by, kind: r.kind, incident: r.incident, payload: r.payload, exercise: r.exercise, previous: previous)
                if r.sequence != Int64(k + 1) || r.previous != previous || computed != r.hash {
                    report.firstBadSequence = report.firstBadSequence ?? r.sequence
                    report.problems.append(Bilingual("event \(r.sequence) does not match its chain", "事件 \(r.sequence) 与哈希链不符"))
                }
                previous = r.hash
            }
            progress(Int64(log.count), Int64(log.count))
            return report
        }
    }
}
